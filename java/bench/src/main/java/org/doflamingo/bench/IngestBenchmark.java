package org.doflamingo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.EngineStats;
import org.doflamingo.engine.SampleBatch;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.rrd4j.ConsolFun;
import org.rrd4j.DsType;
import org.rrd4j.core.RrdDb;
import org.rrd4j.core.RrdDef;
import org.rrd4j.core.Sample;

/**
 * Durable ingest into RRD files: Doflamingo's engine against RRD4J (the store of the 2016 module)
 * on the same workload, same tiers, same machine, same run.
 *
 * <p>Workload: N series at a 2 s step, H hours of points, the default tiers (2 s × 1 d, 1 min ×
 * 14 d, 15 min × 180 d, 1 h × 5 y; AVERAGE, and MIN/MAX on the consolidated tiers). Files are
 * created first (a one-off cost per series, timed apart); the sustained rate is the hour of data
 * after that, from the first sample in until the last is in the RRD files. The engine receives
 * scrapes (every series at one timestamp per batch) and journals them; RRD4J is given its best
 * case, each file updated in runs of the same length the engine writes, on as many threads as
 * the engine has flushers.
 */
public final class IngestBenchmark {
  static final long STEP = 2000;

  public static void main(String[] args) throws Exception {
    int series = 10_000;
    double hours = 1;
    int batch = 256;
    int threads = 2;
    boolean rrd4j = true;
    Path dir = Paths.get("target/bench-data");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--series": series = Integer.parseInt(args[++i]); break;
        case "--hours": hours = Double.parseDouble(args[++i]); break;
        case "--flush-batch": batch = Integer.parseInt(args[++i]); break;
        case "--threads": threads = Integer.parseInt(args[++i]); break;
        case "--no-rrd4j": rrd4j = false; break;
        case "--dir": dir = Paths.get(args[++i]); break;
        default:
          System.err.println("usage: IngestBenchmark [--series N] [--hours H] [--flush-batch K] [--threads T] [--no-rrd4j] [--dir D]");
          System.exit(2);
      }
    }
    int points = (int) Math.round(hours * 3600_000 / STEP);
    long t0 = System.currentTimeMillis() / STEP * STEP - (points + 10) * STEP;
    System.out.printf("workload: %,d series x %,d points (%.1f h at 2 s) = %,d samples, write runs of %d, %d threads%n",
        series, points, hours, (long) series * points, batch, threads);

    ingestPathOnly(dir.resolve("ingest-only"), series, t0);
    deleteTree(dir.resolve("ingest-only"));
    Result ours = runDoflamingo(dir.resolve("doflamingo"), series, points, t0, batch, threads);
    deleteTree(dir.resolve("doflamingo"));
    if (!rrd4j) return;
    Path rdir = dir.resolve("rrd4j");
    double create = createRrd4j(rdir, series, t0, threads);
    // Durable as the 2016 module wrote (jmxtrans' RRD4J writer): open, update, close per sample.
    // The per-sample modes are slow: each gets a bounded slice of the hour, the batched mode the rest.
    int openClosePoints = Math.max(2, Math.min(points / 3, 100_000 / series));
    int keptOpenPoints = Math.max(10, Math.min(points / 3, 1_500_000 / series));
    double openClose = rrd4jPerSample(rdir, series, 1, openClosePoints, t0, threads, false);
    // Durable with every file kept open: each sample written as it arrives.
    double keptOpen = rrd4jPerSample(rdir, series, openClosePoints + 1, openClosePoints + keptOpenPoints, t0, threads, true);
    // Not durable (samples wait in memory, lost on a crash): the engine's write runs, RRD4J's best case.
    double batched = rrd4jBatched(rdir, series, openClosePoints + keptOpenPoints + 1, points, t0, batch, threads);
    deleteTree(rdir);
    System.out.printf("%nRESULT file creation for %,d series: doflamingo %.1f s, rrd4j %.1f s%n", series, ours.createSeconds, create);
    System.out.printf("RESULT sustained durable ingest, doflamingo: %,.0f samples/s%n", ours.rate);
    System.out.printf("RESULT rrd4j durable, open/update/close per sample (2016 module): %,.0f samples/s -> ratio %.1fx%n",
        openClose, ours.rate / openClose);
    System.out.printf("RESULT rrd4j durable, files kept open, update per sample: %,.0f samples/s -> ratio %.1fx%n",
        keptOpen, ours.rate / keptOpen);
    System.out.printf("RESULT rrd4j NOT durable, runs of %d samples per file: %,.0f samples/s -> ratio %.1fx%n",
        batch, batched, ours.rate / batched);
  }

  static final class Result {
    final double createSeconds;
    final double rate;

    Result(double createSeconds, double rate) {
      this.createSeconds = createSeconds;
      this.rate = rate;
    }
  }

  static Result runDoflamingo(Path dir, int series, int points, long t0, int batch, int threads) throws Exception {
    deleteTree(dir);
    long rssBefore = rssBytes();
    EngineConfig config = EngineConfig.at(dir).flushBatch(batch).flusherThreads(threads)
        .maxBufferedSamples(Math.max(4L * series * batch, 8_000_000));
    try (Engine engine = Engine.open(config)) {
      int[] ids = new int[series];
      for (int s = 0; s < series; s++) {
        ids[s] = engine.intern(SeriesKey.of("kafka.server.BrokerTopicMetrics.MessagesInPerSec",
            "broker", String.valueOf(s % 3), "topic", "t" + s), SeriesKind.GAUGE);
      }
      SampleBatch scrape = new SampleBatch(series);
      long start = System.nanoTime();
      fill(scrape, ids, t0, 0);
      engine.ingest(scrape);
      engine.flush(); // creates every file
      double create = (System.nanoTime() - start) / 1e9;
      System.out.printf("doflamingo: created %,d files in %.1f s%n", series, create);

      long ingestNanos = 0;
      start = System.nanoTime();
      for (int p = 1; p <= points; p++) {
        fill(scrape, ids, t0, p);
        long s = System.nanoTime();
        engine.ingest(scrape);
        ingestNanos += System.nanoTime() - s;
      }
      engine.flush();
      double seconds = (System.nanoTime() - start) / 1e9;
      long samples = (long) series * points;
      EngineStats stats = engine.stats();
      System.out.printf("doflamingo: %,d samples into RRD in %.2f s = %,.0f samples/s (ingest calls %.3f us/sample incl. back-pressure waits)%n",
          samples, seconds, samples / seconds, ingestNanos / 1e3 / samples);
      System.out.printf("doflamingo: %s%n", stats);
      System.out.printf("doflamingo: resident memory +%,d MB for %,d live series (live ring %,d bytes/series)%n",
          (rssBytes() - rssBefore) >> 20, series, stats.liveRingBytes / series);
      return new Result(create, samples / seconds);
    }
  }

  /**
   * The ingest call alone (JNI crossing, validation, live ring, journal), write-back held off: the
   * figure to set beside the native BM_EngineIngestToJournal, their difference being JNI's cost.
   */
  static void ingestPathOnly(Path dir, int series, long t0) throws Exception {
    deleteTree(dir);
    int scrapes = 300;
    EngineConfig config = EngineConfig.at(dir).flushBatch(100_000).flushMaxDelaySeconds(100_000)
        .maxBufferedSamples(1L << 40);
    try (Engine engine = Engine.open(config)) {
      int[] ids = new int[series];
      for (int s = 0; s < series; s++) {
        ids[s] = engine.intern(SeriesKey.of("bench.metric", "n", String.valueOf(s)),
            s % 2 == 1 ? SeriesKind.COUNTER : SeriesKind.GAUGE);
      }
      SampleBatch scrape = new SampleBatch(series);
      for (int warm = 0; warm < 2; warm++) {
        long start = System.nanoTime();
        for (int p = 0; p < scrapes; p++) {
          fill(scrape, ids, t0, warm * scrapes + p);
          engine.ingest(scrape);
        }
        double perSample = (System.nanoTime() - start) / 1e3 / ((double) scrapes * series);
        if (warm == 1) {
          System.out.printf("RESULT ingest path from Java (batches of %,d, no write-back): %.3f us/sample = %,.0f samples/s%n",
              series, perSample, 1 / perSample * 1e6);
        }
      }
    }
  }

  static void fill(SampleBatch scrape, int[] ids, long t0, int p) {
    scrape.clear();
    long t = t0 + p * STEP;
    for (int s = 0; s < ids.length; s++) scrape.add(ids[s], t, value(s, p));
  }

  static double value(int s, int p) {
    return (s * 31 + p * 7) % 1000 + p * 0.5;
  }

  static RrdDef definition(String path, long startSeconds) {
    RrdDef def = new RrdDef(path, startSeconds, 2);
    def.addDatasource("v", DsType.GAUGE, 10, Double.NaN, Double.NaN);
    def.addArchive(ConsolFun.AVERAGE, 0.5, 1, 43_200);
    for (int[] tier : new int[][] {{30, 20_160}, {450, 17_280}, {1800, 43_800}}) {
      for (ConsolFun cf : new ConsolFun[] {ConsolFun.AVERAGE, ConsolFun.MIN, ConsolFun.MAX}) {
        def.addArchive(cf, 0.5, tier[0], tier[1]);
      }
    }
    return def;
  }

  static double createRrd4j(Path dir, int series, long t0, int threads) throws Exception {
    deleteTree(dir);
    Files.createDirectories(dir);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      parallel(pool, threads, series, s -> {
        try (RrdDb db = RrdDb.getBuilder().setRrdDef(definition(path(dir, s), t0 / 1000 - 1)).build()) {
          db.createSample(t0 / 1000).setValue(0, value(s, 0)).update();
        }
      });
      double create = (System.nanoTime() - start) / 1e9;
      System.out.printf("rrd4j: created %,d files in %.1f s%n", series, create);
      return create;
    } finally {
      pool.shutdownNow();
    }
  }

  static double rrd4jPerSample(Path dir, int series, int first, int last, long t0, int threads, boolean keepOpen)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    RrdDb[] open = new RrdDb[series];
    try {
      if (keepOpen) parallel(pool, threads, series, s -> open[s] = RrdDb.getBuilder().setPath(path(dir, s)).build());
      long start = System.nanoTime();
      for (int p = first; p <= last; p++) {
        int point = p;
        parallel(pool, threads, series, s -> {
          long t = (t0 + point * STEP) / 1000;
          if (keepOpen) {
            open[s].createSample(t).setValue(0, value(s, point)).update();
          } else {
            try (RrdDb db = RrdDb.getBuilder().setPath(path(dir, s)).build()) {
              db.createSample(t).setValue(0, value(s, point)).update();
            }
          }
        });
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long samples = (long) series * (last - first + 1);
      double rate = samples / seconds;
      System.out.printf("rrd4j %s: %,d samples in %.2f s = %,.0f samples/s%n",
          keepOpen ? "kept open" : "open/close per sample", samples, seconds, rate);
      return rate;
    } finally {
      for (RrdDb db : open) if (db != null) db.close();
      pool.shutdownNow();
    }
  }

  static double rrd4jBatched(Path dir, int series, int firstPoint, int points, long t0, int batch, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      for (int from = firstPoint; from <= points; from += batch) {
        int first = from;
        int last = Math.min(points, from + batch - 1);
        parallel(pool, threads, series, s -> {
          try (RrdDb db = RrdDb.getBuilder().setPath(path(dir, s)).build()) {
            Sample sample = db.createSample();
            for (int p = first; p <= last; p++) {
              sample.setTime((t0 + p * STEP) / 1000).setValue(0, value(s, p)).update();
            }
          }
        });
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long samples = (long) series * (points - firstPoint + 1);
      System.out.printf("rrd4j batched: %,d samples in %.2f s = %,.0f samples/s%n", samples, seconds, samples / seconds);
      return samples / seconds;
    } finally {
      pool.shutdownNow();
    }
  }

  interface SeriesTask {
    void run(int series) throws Exception;
  }

  static void parallel(ExecutorService pool, int threads, int series, SeriesTask task) throws Exception {
    List<Future<?>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int part = t;
      parts.add(pool.submit(() -> {
        for (int s = part; s < series; s += threads) task.run(s);
        return null;
      }));
    }
    for (Future<?> f : parts) f.get();
  }

  static String path(Path dir, int s) {
    return dir.resolve("s" + s + ".rrd").toString();
  }

  static long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }
    return 0;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
