package org.doflamingo.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.LatestValues;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.query.Area;
import org.doflamingo.query.AreaReads;
import org.doflamingo.query.Reads;

/**
 * The Kafka health call in process (no HTTP, no feed while timed): a monitor whose engine holds
 * {@code --groups} consumer groups' series as {@link ListsBenchmark} writes them, and {@code
 * Reads.area(KAFKA).health(cluster)} timed; the values are rewritten between batches of calls so
 * they stay current, never during a timed call. What the groups tile costs at that many groups,
 * one call at a time on an otherwise idle engine. Then the part the tile's naming of its ten
 * worst groups costs, timed both ways in the same run: their member counts found by selecting and
 * decoding every group's members series (as before), and through the lag list's group slots.
 *
 * <pre>HealthBenchmark [--groups 50000] [--requests 200]</pre>
 */
public final class HealthBenchmark {
  private static final int WARM_UP = 20;
  /** Calls between two rewrites of every value: well within the 5 base steps a value stays current. */
  private static final int BATCH = 10;

  private HealthBenchmark() {}

  /** The named groups' member counts as the groups tile found them before the group slots: a select and a key decode of every group's. */
  private static int membersByScan(Reads reads, List<String> named) {
    int[] all = reads.engine().select(MetricNames.GROUP_MEMBERS, Collections.singletonMap("cluster", ListsBenchmark.CLUSTER));
    SeriesKey[] keys = reads.index().keys(all);
    Set<String> wanted = new HashSet<>(named);
    int[] ids = new int[named.size()];
    int n = 0;
    for (int i = 0; i < all.length && n < ids.length; i++) {
      if (ListsBenchmark.CLUSTER.equals(keys[i].label("cluster")) && wanted.contains(keys[i].label("group"))) ids[n++] = all[i];
    }
    LatestValues v = reads.current().latest(Arrays.copyOf(ids, n), System.currentTimeMillis());
    int known = 0;
    for (int i = 0; i < n; i++) if (v.has(i)) known++;
    return known;
  }

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
      // the part the groups tile's naming costs, both ways in the same run: ten named groups' member counts
      List<String> named = new ArrayList<>();
      for (int g = 0; g < 10; g++) named.add(String.format("group-%05d", g * (groups / 10)));
      Reads reads = new Reads(m);
      List<Double> scan = new ArrayList<>();
      List<Double> slots = new ArrayList<>();
      for (int i = 0; i < WARM_UP + requests; i++) {
        if (i % BATCH == 0) feed.write(System.currentTimeMillis());
        long t0 = System.nanoTime();
        int a = membersByScan(reads, named);
        long t1 = System.nanoTime();
        int b = reads.lag().members(ListsBenchmark.CLUSTER, named).size();
        long t2 = System.nanoTime();
        if (a != named.size() || b != named.size()) throw new IllegalStateException("members of " + a + " and " + b + " of " + named.size());
        if (i >= WARM_UP) {
          scan.add((t1 - t0) / 1e6);
          slots.add((t2 - t1) / 1e6);
        }
      }
      Collections.sort(scan);
      Collections.sort(slots);
      System.out.printf("ten named groups' members: every group's series selected and decoded p50 %.2f ms  p99 %.2f ms;"
          + " through the group slots p50 %.3f ms  p99 %.3f ms%n", FreshnessBenchmark.pct(scan, 50), FreshnessBenchmark.pct(scan, 99),
          FreshnessBenchmark.pct(slots, 50), FreshnessBenchmark.pct(slots, 99));
    } finally {
      System.clearProperty("doflamingo.config");
      ListsBenchmark.delete(storage);
    }
  }
}
