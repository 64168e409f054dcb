package org.doflamingo.engine;

import java.nio.file.Path;

/**
 * Not a test: the latest values of many series through JNI, one bulk call ({@link Engine#latest})
 * against one {@link Engine#query} per series as the list pages read them before. Prints the
 * median of 11 timed rounds (after 3 warm-up rounds) for each way:
 *
 * <pre>
 *   (cd java/engine && mvn -q -Dmaven.repo.local=... test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &&
 *    java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.doflamingo.engine.LatestBenchmark 10000 100000)
 * </pre>
 */
public final class LatestBenchmark {
  private static final long STEP = 2000;
  private static final int WARMUP = 3;
  private static final int ROUNDS = 11;

  private LatestBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) args = new String[] {"10000", "100000"};
    for (String a : args) run(Integer.parseInt(a));
  }

  private static void run(int series) throws Exception {
    Path dir = TestDirs.fresh("bench-latest");
    // A one-minute ring (240 bytes a series) so 100,000 series fit; the window asked is 5 steps.
    // Ten values a series stay below flushBatch: nothing is written back while it runs.
    // Small files ("2s:2m"): the close writes every series' file.
    try (Engine engine = Engine.open(EngineConfig.at(dir).tiers("2s:2m").liveWindowSeconds(60)
        .maxBufferedSamples(10_000_000))) {
      int[] ids = new int[series];
      for (int i = 0; i < series; i++) ids[i] = engine.intern(SeriesKey.of("bench.lag", "group", "g" + i), SeriesKind.GAUGE);
      long now = System.currentTimeMillis() / STEP * STEP;
      SampleBatch batch = new SampleBatch(series);
      for (int k = 9; k >= 0; k--) {
        batch.clear();
        for (int id : ids) batch.add(id, now - k * STEP, id + k);
        engine.ingest(batch);
      }
      double[] bulk = new double[ROUNDS];
      double[] loop = new double[ROUNDS];
      double check = 0;
      for (int r = -WARMUP; r < ROUNDS; r++) {
        long t0 = System.nanoTime();
        LatestValues latest = engine.latest(ids, now, 5 * STEP);
        long t1 = System.nanoTime();
        double sumLoop = 0;
        for (int id : ids) sumLoop += engine.query(id, now - 5 * STEP, now, STEP).latest();
        long t2 = System.nanoTime();
        double sumBulk = 0;
        for (int i = 0; i < latest.size(); i++) sumBulk += latest.value(i);
        if (sumBulk != sumLoop) throw new IllegalStateException("the two ways disagree: " + sumBulk + " vs " + sumLoop);
        check += sumBulk;
        if (r >= 0) {
          bulk[r] = (t1 - t0) / 1e6;
          loop[r] = (t2 - t1) / 1e6;
        }
      }
      System.out.printf("%,d series: bulk latest median %.2f ms, query loop median %.2f ms (%.0fx), checksum %.0f%n",
          series, BenchSupport.median(bulk), BenchSupport.median(loop), BenchSupport.median(loop) / BenchSupport.median(bulk), check);
    } finally {
      BenchSupport.deleteTree(dir);
    }
  }
}
