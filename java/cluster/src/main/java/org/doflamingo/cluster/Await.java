package org.doflamingo.cluster;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds, a watched process dies, or the time is up. */
public final class Await {
  private Await() {
  }

  /**
   * Waits until {@code check} returns true (exceptions count as "not yet"). Fails at once when
   * one of {@code watched} is no longer alive, and on timeout, with the last error and the tail
   * of every watched process's log.
   */
  public static void until(String what, Duration timeout, Callable<Boolean> check, JvmProcess... watched) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Throwable last = null;
    long sleep = 50;
    while (true) {
      try {
        if (Boolean.TRUE.equals(check.call())) {
          return;
        }
        last = null;
      } catch (Exception e) {
        last = e;
      }
      for (JvmProcess p : watched) {
        if (!p.isAlive()) {
          throw new ClusterException(p.name() + " died (exit code " + p.exitCode() + ") while waiting for "
              + what + "\n" + p.tail(60));
        }
      }
      if (System.nanoTime() > deadline) {
        StringBuilder msg = new StringBuilder("timed out after " + timeout + " waiting for " + what);
        if (last != null) {
          msg.append(" (last error: ").append(last).append(')');
        }
        for (JvmProcess p : watched) {
          msg.append('\n').append(p.tail(60));
        }
        throw new ClusterException(msg.toString(), last);
      }
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterException("interrupted while waiting for " + what, e);
      }
      sleep = Math.min(500, sleep * 2);
    }
  }

  /** Sleeps, turning an interrupt into a {@link ClusterException} (the interrupt flag kept). */
  public static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted", e);
    }
  }
}
