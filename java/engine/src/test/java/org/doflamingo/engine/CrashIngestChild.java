package org.doflamingo.engine;

import java.nio.file.Paths;

/**
 * Run in a separate JVM by {@link CrashRecoveryTest}: ingests batches as fast as it can and prints
 * "ACK n" after batch n was acknowledged, until it is killed.
 */
public final class CrashIngestChild {
  static final int SERIES = 200;
  static final long STEP = 2000;

  static double expected(int batch, int series) {
    return batch * 1000.0 + series;
  }

  static long time(long t0, int batch) {
    return t0 + batch * STEP;
  }

  public static void main(String[] args) {
    long t0 = Long.parseLong(args[1]);
    try (Engine engine = Engine.open(EngineConfig.at(Paths.get(args[0])).flushBatch(16))) {
      int[] ids = new int[SERIES];
      for (int s = 0; s < SERIES; s++) ids[s] = engine.intern(SeriesKey.of("crash.test", "s", String.valueOf(s)), SeriesKind.GAUGE);
      SampleBatch batch = new SampleBatch(SERIES);
      for (int b = 0; b < 1800; b++) {
        batch.clear();
        for (int s = 0; s < SERIES; s++) batch.add(ids[s], time(t0, b), expected(b, s));
        engine.ingest(batch);
        System.out.println("ACK " + b);
        System.out.flush();
      }
      System.out.println("DONE");
      // Never reached in the test: the parent kills this process mid-stream.
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
