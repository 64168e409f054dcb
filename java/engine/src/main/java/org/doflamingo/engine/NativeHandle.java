package org.doflamingo.engine;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An owner of native memory with an explicit end of life, as RocksJava's handles are: calls run
 * under a shared lock, {@link #close()} under the exclusive one, so a call never meets a freed
 * object. A call after close, or a second close, throws {@link IllegalStateException}.
 */
abstract class NativeHandle implements AutoCloseable {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String what;
  private boolean closed;

  NativeHandle(String what) {
    this.what = what;
  }

  /** Enters a call; the caller unlocks the returned lock in a finally block. */
  final Lock enter() {
    Lock l = lock.readLock();
    l.lock();
    if (closed) {
      l.unlock();
      throw new IllegalStateException(what + " is closed");
    }
    return l;
  }

  @Override
  public final void close() {
    Lock l = lock.writeLock();
    l.lock();
    try {
      if (closed) throw new IllegalStateException(what + " is already closed");
      closed = true;
      release();
    } finally {
      l.unlock();
    }
  }

  public final boolean isClosed() {
    Lock l = lock.readLock();
    l.lock();
    try {
      return closed;
    } finally {
      l.unlock();
    }
  }

  /** Frees the native object; runs once, with no call in progress. */
  abstract void release();
}
