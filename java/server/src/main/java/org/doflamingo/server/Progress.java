package org.doflamingo.server;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Numbered steps that take a while, for the operator: {@code [2/4] Kafka: 3 brokers ... ready in
 * 12.3 s}, with a dot every two seconds while one runs so a slow step does not look hung.
 */
final class Progress implements AutoCloseable {
  private final PrintStream out;
  private final int total;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "doflamingo-progress");
    t.setDaemon(true);
    return t;
  });
  private int done;

  Progress(PrintStream out, int total) {
    this.out = out;
    this.total = total;
  }

  <T> T step(String what, Callable<T> action) throws Exception {
    done++;
    out.print("[" + done + "/" + total + "] " + what + " ...");
    out.flush();
    long start = System.nanoTime();
    ScheduledFuture<?> dots = ticker.scheduleAtFixedRate(() -> {
      out.print('.');
      out.flush();
    }, 2, 2, TimeUnit.SECONDS);
    try {
      T result = action.call();
      stop(dots);
      out.println(String.format(Locale.ROOT, " ready in %.1f s", (System.nanoTime() - start) / 1e9));
      return result;
    } catch (Exception | Error e) {
      stop(dots);
      out.println(" failed");
      throw e;
    }
  }

  /** Cancels the dots and waits out a dot being printed, so none lands after the step's end. */
  private void stop(ScheduledFuture<?> dots) throws InterruptedException {
    dots.cancel(false);
    try {
      ticker.submit(() -> { }).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
