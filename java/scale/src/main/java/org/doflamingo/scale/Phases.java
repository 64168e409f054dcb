package org.doflamingo.scale;

import java.util.Locale;

/** The harness's phases, each timed and reported as a row; progress lines for the long ones. */
final class Phases {
  interface Step {
    void run() throws Exception;
  }

  private static long lastProgress;

  private final Report report;

  Phases(Report report) {
    this.report = report;
  }

  /** Runs {@code step}, prints and reports its wall time; a failure is reported too, then thrown. */
  void run(String name, Step step) throws Exception {
    System.out.printf("== %s%n", name);
    long t0 = System.nanoTime();
    try {
      step.run();
    } catch (Exception | Error e) {
      report.add("setup: " + name, "harness", "FAILED after " + Report.ms((System.nanoTime() - t0) / 1e6), e.toString());
      throw e;
    }
    report.add("setup: " + name, "harness", Report.ms((System.nanoTime() - t0) / 1e6), "wall time");
  }

  /** A progress line, at most one every 5 s (and always the last). */
  static synchronized void progress(String what, long done, long total) {
    long now = System.currentTimeMillis();
    if (done < total && now - lastProgress < 5000) return;
    lastProgress = now;
    System.out.printf(Locale.ROOT, "   %s: %,d / %,d (%.0f%%)%n", what, done, total, total == 0 ? 100.0 : 100.0 * done / total);
  }
}
