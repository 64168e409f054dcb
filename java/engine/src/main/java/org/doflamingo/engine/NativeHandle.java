package org.doflamingo.engine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * An owner of native memory with an explicit end of life, as RocksJava's handles are: calls run
 * under a shared lock, {@link #close()} under the exclusive one, so a call never meets a freed
 * object. A call after close throws {@link IllegalStateException}; a second close does nothing
 * (AutoCloseable's advice, as RocksJava does).
 */
abstract class NativeHandle implements AutoCloseable {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String what;
  private final AtomicLong calls = new AtomicLong();
  private boolean closed;

  NativeHandle(String what) {
    this.what = what;
  }

  /** Runs a native call unless the handle is closed. */
  final <T> T call(Supplier<T> body) {
    Lock l = lock.readLock();
    l.lock();
    try {
      if (closed) throw new IllegalStateException(what + " is closed");
      calls.incrementAndGet();
      return body.get();
    } finally {
      l.unlock();
    }
  }

  /** Throws {@link IllegalStateException} once closed: for answers the handle keeps on the Java side. */
  final void checkOpen() {
    if (isClosed()) throw new IllegalStateException(what + " is closed");
  }

  final void run(Runnable body) {
    call(() -> {
      body.run();
      return null;
    });
  }

  @Override
  public final void close() {
    Lock l = lock.writeLock();
    l.lock();
    try {
      if (closed) return;
      closed = true;
      release();
    } finally {
      l.unlock();
    }
  }

  /** How many native calls this handle has made: lets a caller check it makes O(1) of them per request. */
  public final long nativeCalls() {
    return calls.get();
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
