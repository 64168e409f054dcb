package org.doflamingo.query.kafka;

import static org.doflamingo.collect.catalogue.MetricNames.GROUP_COMMITTED_OFFSET;
import static org.doflamingo.collect.catalogue.MetricNames.GROUP_LAG;
import static org.doflamingo.collect.catalogue.MetricNames.GROUP_MAX_LAG;
import static org.doflamingo.collect.catalogue.MetricNames.GROUP_MAX_LAG_SECONDS;
import static org.doflamingo.collect.catalogue.MetricNames.GROUP_MEMBERS;
import static org.doflamingo.collect.catalogue.MetricNames.GROUP_STATUS;
import static org.doflamingo.collect.catalogue.MetricNames.GROUP_TOTAL_LAG;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.collect.kafka.LagStatus;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.query.Area;
import org.doflamingo.query.AreaReads;
import org.doflamingo.query.Readings;
import org.doflamingo.query.Reads;

/**
 * The consumer groups' lag, from the Admin collector's per-group and per-partition series. Made
 * for 10,000 groups: one select per figure and every current value in one bulk read.
 */
public final class ConsumerLag {
  /** The per-group series the list shows. */
  private static final List<String> GROUP_FIGURES = Arrays.asList(GROUP_MAX_LAG, GROUP_TOTAL_LAG, GROUP_MAX_LAG_SECONDS,
      GROUP_STATUS, GROUP_MEMBERS);

  private final Reads reads;

  public ConsumerLag(Reads reads) {
    this.reads = reads;
  }

  /**
   * Consumer groups with their current lag (offsets and seconds), members, Burrow status and
   * health (worst of the catalogue's rules on those), of groups whose name holds {@code contains}
   * and which the cluster still has ({@link #present}); by cluster and group. The caller sorts and pages.
   */
  public List<LagRow> lag(String cluster, String contains) {
    MetricCatalogue catalogue = reads.monitor().catalogue();
    Readings r = Readings.of(reads, GROUP_FIGURES, AreaReads.filter(Area.KAFKA, cluster, null), k -> {
      String group = k.label("group");
      return group != null && (contains == null || group.contains(contains));
    }, System.currentTimeMillis());
    Map<String, LagRow> groups = new TreeMap<>();
    for (int i = 0; i < r.size(); i++) {
      SeriesKey k = r.key(i);
      String key = k.label("cluster") + "\u0000" + k.label("group");
      LagRow row = groups.get(key);
      if (row == null) groups.put(key, row = new LagRow(k.label("cluster"), k.label("group")));
      String metric = r.metric(i);
      set(row, metric, r.id(i), r.value(i));
      MetricSpec spec = catalogue.get(metric);
      if (spec != null && r.has(i) && (spec.amber != null || spec.red != null)) row.health = row.health.worse(spec.health(r.value(i)));
    }
    return present(groups.values());
  }

  /**
   * The groups the cluster still has: a group deleted from the cluster (or gone with a recreated
   * cluster) has its series kept (its history), but none of its figures is current once its
   * Admin target has answered for {@link org.doflamingo.query.Current#STEPS} group cycles
   * without it (50 s at the default 10 s), so it leaves the list and the charts of worst groups.
   * While a cluster's Admin target is not answering, its groups stay listed with what is known.
   */
  private List<LagRow> present(Collection<LagRow> rows) {
    Set<String> silent = KafkaTables.adminSilent(reads.monitor());
    List<LagRow> out = new ArrayList<>(rows.size());
    for (LagRow row : rows) {
      boolean current = row.maxLag != null || row.totalLag != null || row.maxLagSeconds != null || row.status != null || row.members != null;
      if (current || silent.contains(row.cluster)) out.add(row);
    }
    return out;
  }

  /** A figure's current value (NaN: not current) on its field. */
  private static void set(LagRow row, String metric, int id, double v) {
    boolean known = !Double.isNaN(v);
    if (metric.equals(GROUP_MAX_LAG)) {
      row.maxLag = known ? (long) v : null;
      row.maxLagSeries = id;
    } else if (metric.equals(GROUP_TOTAL_LAG)) {
      row.totalLag = known ? (long) v : null;
    } else if (metric.equals(GROUP_MAX_LAG_SECONDS)) {
      row.maxLagSeconds = known ? Math.round(v * 10) / 10.0 : null;
    } else if (metric.equals(GROUP_STATUS)) {
      LagStatus s = known ? LagStatus.ofCode((int) v) : null;
      row.status = s == null ? null : s.name();
    } else {
      row.members = known ? (long) v : null;
    }
  }

  /** One consumer group's partitions: committed offset and lag now, with their series for history; by topic and partition number. */
  public List<LagPartitionRow> partitions(String cluster, String group) {
    if (group == null || group.isEmpty()) throw new IllegalArgumentException("group: give a consumer group");
    Readings r = Readings.of(reads, Arrays.asList(GROUP_LAG, GROUP_COMMITTED_OFFSET),
        AreaReads.filter(Area.KAFKA, cluster, Collections.singletonMap("group", group)), k -> true, System.currentTimeMillis());
    Map<String, LagPartitionRow> partitions = new TreeMap<>();
    for (int i = 0; i < r.size(); i++) {
      SeriesKey k = r.key(i);
      String topic = k.label("topic");
      String partition = k.label("partition");
      String key = k.label("cluster") + "\u0000" + topic + "\u0000" + String.format("%08d", parseOr(partition));
      LagPartitionRow p = partitions.get(key);
      if (p == null) partitions.put(key, p = new LagPartitionRow(k.label("cluster"), topic, partition));
      Long v = r.has(i) ? (long) r.value(i) : null;
      if (r.metric(i).equals(GROUP_LAG)) {
        p.lag = v;
        p.lagSeries = r.id(i);
      } else {
        p.committedOffset = v;
        p.committedOffsetSeries = r.id(i);
      }
    }
    return new ArrayList<>(partitions.values());
  }

  private static int parseOr(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
