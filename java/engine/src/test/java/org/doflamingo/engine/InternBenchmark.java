package org.doflamingo.engine;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Not a test: first contact with many new series through JNI, one {@link Engine#intern(SeriesKey,
 * SeriesKind)} per series against one bulk {@link Engine#intern(SeriesKey[], SeriesKind[], String[])}.
 * Each round opens a fresh engine (not timed), so every key is new. Prints the median of 5 timed
 * rounds (after 2 warm-up rounds) for each way, in µs per series:
 *
 * <pre>
 *   (cd java/engine && mvn -q -Dmaven.repo.local=... test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &&
 *    java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.doflamingo.engine.InternBenchmark 100000)
 * </pre>
 */
public final class InternBenchmark {
  private static final int WARMUP = 2;
  private static final int ROUNDS = 5;

  private InternBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) args = new String[] {"100000"};
    for (String a : args) run(Integer.parseInt(a));
  }

  private static void run(int series) throws Exception {
    SeriesKey[] keys = new SeriesKey[series];
    for (int p = 0; p < series; p++) {
      keys[p] = SeriesKey.of("kafka.partition.log.size", "cluster", "prod", "topic", "orders-" + p / 100,
          "partition", String.valueOf(p % 100));
    }
    SeriesKind[] kinds = new SeriesKind[series];
    Arrays.fill(kinds, SeriesKind.GAUGE);
    String[] classes = new String[series];
    Arrays.fill(classes, RetentionClass.DEFAULT);
    double[] single = new double[ROUNDS];
    double[] bulk = new double[ROUNDS];
    for (int r = -WARMUP; r < ROUNDS; r++) {
      long oneByOne = time(keys, engine -> {
        for (SeriesKey k : keys) engine.intern(k, SeriesKind.GAUGE);
      });
      long inOneCall = time(keys, engine -> engine.intern(keys, kinds, classes));
      if (r >= 0) {
        single[r] = oneByOne / 1e3 / series;
        bulk[r] = inOneCall / 1e3 / series;
      }
    }
    System.out.printf("%,d new series: one by one median %.2f µs/series, bulk median %.2f µs/series (%.1fx)%n",
        series, BenchSupport.median(single), BenchSupport.median(bulk), BenchSupport.median(single) / BenchSupport.median(bulk));
  }

  interface Interning {
    void run(Engine engine);
  }

  /** Nanoseconds the interning took on a fresh engine (one-minute ring, small files). */
  private static long time(SeriesKey[] keys, Interning interning) throws Exception {
    Path dir = TestDirs.fresh("bench-intern");
    try (Engine engine = Engine.open(EngineConfig.at(dir).tiers("2s:2m").liveWindowSeconds(60))) {
      long t0 = System.nanoTime();
      interning.run(engine);
      long t1 = System.nanoTime();
      if (engine.stats().series != keys.length) throw new IllegalStateException("not every series was interned");
      return t1 - t0;
    } finally {
      BenchSupport.deleteTree(dir);
    }
  }
}
