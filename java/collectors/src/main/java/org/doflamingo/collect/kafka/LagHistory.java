package org.doflamingo.collect.kafka;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.SeriesData;
import org.doflamingo.engine.SeriesKey;

/**
 * Refills a {@link LagEvaluator}'s window from the engine's stored history when the monitor
 * starts. The evaluator judges a window of readings (5 minutes by default); started empty, it
 * would say nothing for most of a window after every restart, exactly when an operator restarting
 * the monitor wants to see the state. The readings are the ones the Admin collector stored
 * itself: each group partition's committed offset, the partition's log-end offset and the group's
 * member count, replayed in time order at the finest step.
 */
final class LagHistory {
  /** Series read per engine call: their values in one JNI round trip, their keys in one more. */
  private static final int BATCH = 1000;

  private LagHistory() {}

  /** @return the readings replayed */
  static int seed(Engine engine, String cluster, LagEvaluator lag, long nowMs) {
    long step = engine.baseStepMs();
    long from = nowMs - lag.windowMs();
    Map<String, String> inCluster = new HashMap<>();
    inCluster.put("cluster", cluster);
    Map<String, SeriesData> ends = byLabels(engine, MetricNames.PARTITION_LOG_END, inCluster, from, nowMs, step, "topic", "partition");
    Map<String, SeriesData> members = byLabels(engine, MetricNames.GROUP_MEMBERS, inCluster, from, nowMs, step, "group");
    int[] replayed = {0};
    read(engine, MetricNames.GROUP_COMMITTED_OFFSET, inCluster, from, nowMs, step, (k, c) -> {
      int partition;
      try {
        partition = Integer.parseInt(k.label("partition"));
      } catch (NumberFormatException e) {
        return; // not written by the Admin collector
      }
      SeriesData end = ends.get(k.label("topic") + '\u0000' + k.label("partition"));
      if (end == null) return;
      SeriesData count = members.get(k.label("group"));
      boolean hasMembers = true; // unknown until a member count is read: not told apart from STOP
      for (int i = 0; i < c.values.length; i++) {
        long t = c.startMs + i * c.stepMs;
        double m = at(count, t);
        if (!Double.isNaN(m)) hasMembers = m > 0;
        double e = at(end, t);
        if (Double.isNaN(c.values[i]) || Double.isNaN(e)) continue;
        lag.observe(k.label("group"), k.label("topic"), partition, t, (long) c.values[i], (long) e, hasMembers);
        replayed[0]++;
      }
    });
    return replayed[0];
  }

  private static Map<String, SeriesData> byLabels(Engine engine, String metric, Map<String, String> filter, long from, long to,
      long step, String... labels) {
    Map<String, SeriesData> out = new HashMap<>();
    read(engine, metric, filter, from, to, step, (k, d) -> {
      StringBuilder key = new StringBuilder();
      for (String l : labels) key.append(key.length() > 0 ? "\u0000" : "").append(k.label(l));
      out.put(key.toString(), d);
    });
    return out;
  }

  /** Every series of the metric with its values over the range, {@link #BATCH} series per read. */
  private static void read(Engine engine, String metric, Map<String, String> filter, long from, long to, long step,
      BiConsumer<SeriesKey, SeriesData> each) {
    int[] all = engine.select(metric, filter);
    for (int start = 0; start < all.length; start += BATCH) {
      int[] ids = Arrays.copyOfRange(all, start, Math.min(all.length, start + BATCH));
      List<SeriesData> data = engine.query(ids, from, to, step);
      List<SeriesKey> keys = engine.keys(ids);
      for (int n = 0; n < ids.length; n++) each.accept(keys.get(n), data.get(n));
    }
  }

  /** The value of {@code d} at time {@code t}, NaN outside it or missing. */
  private static double at(SeriesData d, long t) {
    if (d == null || t < d.startMs) return Double.NaN;
    long i = (t - d.startMs) / d.stepMs;
    return i < d.values.length ? d.values[(int) i] : Double.NaN;
  }
}
