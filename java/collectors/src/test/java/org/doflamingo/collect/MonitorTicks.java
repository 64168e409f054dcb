package org.doflamingo.collect;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Ticks a monitor as a host would, for the integration tests that wait on what it collects. */
public final class MonitorTicks {
  private MonitorTicks() {}

  /**
   * Ticks {@code monitor} every 100 ms until {@code done}, or fails naming {@code what}, the
   * timeout and what {@code context} says of the state then.
   */
  public static void until(Monitor monitor, String what, Duration timeout, BooleanSupplier done, Supplier<String> context) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (System.currentTimeMillis() < deadline) {
      monitor.tick(System.currentTimeMillis());
      if (done.getAsBoolean()) return;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
    throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what + context.get());
  }
}
