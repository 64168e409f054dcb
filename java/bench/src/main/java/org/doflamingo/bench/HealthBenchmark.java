package org.doflamingo.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.doflamingo.collect.Monitor;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.query.Area;
import org.doflamingo.query.AreaReads;
import org.doflamingo.query.Reads;

/**
 * The Kafka health call in process (no HTTP, no feed while timed): a monitor whose engine holds
 * {@code --groups} consumer groups' series as {@link ListsBenchmark} writes them, and {@code
 * Reads.area(KAFKA).health(cluster)} timed; the values are rewritten between batches of calls so
 * they stay current, never during a timed call. What the groups tile costs at that many groups,
 * one call at a time on an otherwise idle engine.
 *
 * <pre>HealthBenchmark [--groups 50000] [--requests 200]</pre>
 */
public final class HealthBenchmark {
  private static final int WARM_UP = 20;
  /** Calls between two rewrites of every value: well within the 5 base steps a value stays current. */
  private static final int BATCH = 10;

  private HealthBenchmark() {}

  public static void main(String[] args) throws Exception {
    int groups = 50_000;
    int requests = 200;
    for (int i = 0; i < args.length; i++) {
      if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
      switch (args[i]) {
        case "--groups": groups = Integer.parseInt(args[++i]); break;
        case "--requests": requests = Integer.parseInt(args[++i]); break;
        default: throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path storage = ListsBenchmark.configure();
    try (Monitor m = Monitor.open(MonitorConfig.load(Path.of(System.getProperty("doflamingo.config"))), System.currentTimeMillis())) {
      ListsBenchmark.Feed feed = new ListsBenchmark.Feed(m.engine(), groups, 1, 1);
      AreaReads kafka = new Reads(m).area(Area.KAFKA);
      List<Double> ms = new ArrayList<>();
      int tiles = 0;
      for (int i = 0; i < WARM_UP + requests; i++) {
        if (i % BATCH == 0) feed.write(System.currentTimeMillis());
        long t0 = System.nanoTime();
        tiles = kafka.health(null).size();
        if (i >= WARM_UP) ms.add((System.nanoTime() - t0) / 1e6);
      }
      Collections.sort(ms);
      System.out.printf("health in process, %,d groups (%,d series), %d tiles: p50 %.1f ms  p99 %.1f ms  max %.1f ms (%d calls after %d)%n",
          groups, feed.ids.length, tiles, FreshnessBenchmark.pct(ms, 50), FreshnessBenchmark.pct(ms, 99), ms.get(ms.size() - 1), requests,
          WARM_UP);
    } finally {
      System.clearProperty("doflamingo.config");
      ListsBenchmark.delete(storage);
    }
  }
}
