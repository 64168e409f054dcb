package org.doflamingo.query.kafka;

import static org.doflamingo.collect.catalogue.MetricNames.BROKER_HEAP_MAX;
import static org.doflamingo.collect.catalogue.MetricNames.BROKER_HEAP_USED;
import static org.doflamingo.collect.catalogue.MetricNames.BROKER_LEADERS;
import static org.doflamingo.collect.catalogue.MetricNames.BROKER_PARTITIONS;
import static org.doflamingo.collect.catalogue.MetricNames.BROKER_UNDER_REPLICATED;
import static org.doflamingo.collect.catalogue.MetricNames.BYTES_IN;
import static org.doflamingo.collect.catalogue.MetricNames.BYTES_OUT;
import static org.doflamingo.collect.catalogue.MetricNames.CLUSTER_CONTROLLER;
import static org.doflamingo.collect.catalogue.MetricNames.MESSAGES_IN;
import static org.doflamingo.collect.catalogue.MetricNames.PARTITION_ISR;
import static org.doflamingo.collect.catalogue.MetricNames.PARTITION_LEADER;
import static org.doflamingo.collect.catalogue.MetricNames.PARTITION_LOG_END;
import static org.doflamingo.collect.catalogue.MetricNames.PARTITION_REPLICAS;
import static org.doflamingo.collect.catalogue.MetricNames.TOPIC_UNDER_REPLICATED;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.collect.kafka.ReplicaAssignments;
import org.doflamingo.engine.Aggregation;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.LatestValues;
import org.doflamingo.engine.Scheduler;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.query.Area;
import org.doflamingo.query.AreaReads;
import org.doflamingo.query.Current;
import org.doflamingo.query.HealthTile;
import org.doflamingo.query.Page;
import org.doflamingo.query.Readings;
import org.doflamingo.query.Reads;
import org.doflamingo.query.TargetRow;

/**
 * The Kafka drill-down tables (cluster → brokers → topics → partitions), each row the current
 * values of the series the collectors write: broker JMX series labelled {cluster, broker} (their
 * per-topic twins carry a topic label too), the Admin collector's {cluster, topic, partition}
 * series and its per-topic under-replicated count. Made for 20,000 partitions: a select per
 * figure and one bulk read of its values, never a native call per row. One per monitor.
 */
public final class KafkaTables {
  private static final List<String> BROKER_SYSTEMS = Arrays.asList("kafka-broker", "kafka-probe");
  /** The brokers' own figures of the brokers table (series without a topic label: the broker's total). */
  private static final List<String> BROKER_FIGURES = Arrays.asList(BROKER_PARTITIONS, BROKER_LEADERS, BROKER_UNDER_REPLICATED,
      MESSAGES_IN, BYTES_IN, BYTES_OUT, BROKER_HEAP_USED, BROKER_HEAP_MAX);

  /**
   * How old a last known partition or topic figure may be while its cluster's Admin target is
   * not answering: the partition class's live window, so it is still read from memory. Rows shown
   * from it are marked stale with their age; a cluster down longer lists nothing.
   */
  static final long LAST_KNOWN_MS = 15 * 60_000L;

  private final Reads reads;
  /** The partition each partition series is of, decoded once (no label lookups per request); absent: not a partition's. */
  private final ConcurrentMap<Integer, PartitionId> partitions = new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, Boolean> notPartitions = new ConcurrentHashMap<>();

  public KafkaTables(Reads reads) {
    this.reads = reads;
  }

  /**
   * One row per configured broker: its JMX target's address and collection state, whether it is
   * the controller now, its partition, leader and under-replicated counts, throughput, heap and
   * health (its health tile: the worst of the broker and probe rules and its target's state).
   */
  public List<BrokerRow> brokers(String cluster) {
    Monitor monitor = reads.monitor();
    Map<String, BrokerRow> rows = new TreeMap<>();
    for (Monitor.Target t : monitor.targets()) {
      if (!t.system.equals("kafka-broker") || (cluster != null && !cluster.equals(t.group))) continue;
      TargetRow view = TargetRow.of(monitor, t);
      rows.put(memberKey(t.group, t.member), new BrokerRow(t.group, t.member, t.address, view.state, view.lastError));
    }
    long now = System.currentTimeMillis();
    Map<String, String> filter = AreaReads.filter(Area.KAFKA, cluster, null);
    Map<String, String> controllers = new HashMap<>();
    Readings c = Readings.of(reads, CLUSTER_CONTROLLER, filter, now);
    for (int i = 0; i < c.size(); i++) if (c.has(i)) controllers.put(c.key(i).label("cluster"), String.valueOf((long) c.value(i)));
    // the broker's own figure: labelled cluster and broker only (per-topic twins carry more)
    Readings r = Readings.of(reads, BROKER_FIGURES, filter, k -> k.labels().size() == 2 && k.label("broker") != null, now);
    for (int i = 0; i < r.size(); i++) {
      BrokerRow row = rows.get(memberKey(r.key(i).label("cluster"), r.key(i).label("broker")));
      if (row != null) set(row, r.metric(i), r.id(i), r.value(i)); // else a broker no longer configured
    }
    Map<String, HealthTile> tiles = new HashMap<>();
    for (HealthTile tile : reads.area(Area.KAFKA).health(cluster, BROKER_SYSTEMS)) {
      if ("broker".equals(tile.kind)) tiles.put(memberKey(tile.group, tile.name), tile);
    }
    for (Map.Entry<String, BrokerRow> e : rows.entrySet()) {
      BrokerRow row = e.getValue();
      row.controller = row.broker.equals(controllers.get(row.cluster));
      HealthTile tile = tiles.get(e.getKey());
      if (tile != null) {
        row.health = tile.health;
        row.reasons = tile.reasons;
      }
    }
    return new ArrayList<>(rows.values());
  }

  /** A broker figure's current value (NaN: not current) and series on its field. */
  private static void set(BrokerRow row, String metric, int id, double v) {
    Long count = Double.isNaN(v) ? null : (long) v;
    Double rate = Double.isNaN(v) ? null : round1(v);
    switch (metric) {
      case BROKER_PARTITIONS: row.partitions = count; row.partitionsSeries = id; break;
      case BROKER_LEADERS: row.leaders = count; row.leadersSeries = id; break;
      case BROKER_UNDER_REPLICATED: row.underReplicated = count; row.underReplicatedSeries = id; break;
      case MESSAGES_IN: row.messagesIn = rate; row.messagesInSeries = id; break;
      case BYTES_IN: row.bytesIn = rate; row.bytesInSeries = id; break;
      case BYTES_OUT: row.bytesOut = rate; row.bytesOutSeries = id; break;
      case BROKER_HEAP_USED: row.heapUsed = count; row.heapUsedSeries = id; break;
      default: row.heapMax = count; row.heapMaxSeries = id;
    }
  }

  /**
   * One row per topic with a current leader or under-replication series, of topics whose name holds {@code contains},
   * by cluster and topic. Every figure is a group-by in the engine (one native call a figure, not
   * one a partition).
   */
  public List<TopicRow> topics(String cluster, String contains) {
    Set<String> late = adminLate();
    Map<List<String>, Long> ages = new HashMap<>();
    Map<List<String>, Double> partitionCount = latestPerTopic(PARTITION_LEADER, cluster, Aggregation.COUNT, late, ages);
    Map<List<String>, Double> minLeader = latestPerTopic(PARTITION_LEADER, cluster, Aggregation.MIN, late, null);
    Map<List<String>, Double> replicas = latestPerTopic(PARTITION_REPLICAS, cluster, Aggregation.MAX, late, null);
    Map<List<String>, Double> under = latestPerTopic(TOPIC_UNDER_REPLICATED, cluster, Aggregation.MAX, late, ages);
    Map<List<String>, Double> logEnd = latestPerTopic(PARTITION_LOG_END, cluster, Aggregation.SUM, late, null);
    Map<List<String>, Double> messagesIn = latestPerTopic(MESSAGES_IN, cluster, Aggregation.SUM, late, null);
    Map<List<String>, Double> bytesIn = latestPerTopic(BYTES_IN, cluster, Aggregation.SUM, late, null);
    Map<List<String>, Double> bytesOut = latestPerTopic(BYTES_OUT, cluster, Aggregation.SUM, late, null);
    MetricSpec underSpec = reads.monitor().catalogue().get(TOPIC_UNDER_REPLICATED);
    MetricSpec leaderSpec = reads.monitor().catalogue().get(PARTITION_LEADER);
    List<TopicRow> out = new ArrayList<>();
    // topics whose partitions are not collected (internal and probe topics by default) are listed
    // from their topic-level series, without partition figures
    Map<List<String>, Double> listed = new HashMap<>(under);
    listed.putAll(partitionCount);
    for (List<String> key : sorted(listed).keySet()) {
      if (contains != null && !key.get(1).contains(contains)) continue;
      TopicRow row = new TopicRow(key.get(0), key.get(1), asLong(partitionCount.get(key)));
      Long age = ages.get(key);
      if (age != null) {
        row.stale = true;
        row.ageMs = age;
      }
      row.replicationFactor = asLong(replicas.get(key));
      row.underReplicated = asLong(under.get(key));
      row.logEndOffset = asLong(logEnd.get(key));
      row.messagesIn = round1(messagesIn.get(key));
      row.bytesIn = round1(bytesIn.get(key));
      row.bytesOut = round1(bytesOut.get(key));
      row.health = judged(judged(row.health, underSpec, under.get(key)), leaderSpec, minLeader.get(key));
      out.add(row);
    }
    return out;
  }

  private static Health judged(Health h, MetricSpec spec, Double v) {
    return spec == null || v == null ? h : h.worse(spec.health(v));
  }

  /**
   * A page of partitions with a current leader series, of one topic ({@code topic}, exact) or of
   * topics holding {@code contains}, sorted by any of {@link PartitionRow#COLUMNS} (partitions in
   * numeric order within a topic for ties). Leaders are read for every partition listed (a
   * partition without a current leader value no longer exists, e.g. a deleted topic's), the
   * other figures for the whole list only when the sort needs them, else for the page alone.
   */
  public Page<PartitionRow> partitions(String cluster, String topic, String contains, String sort, boolean descending,
      int start, int limit) {
    java.util.Comparator<PartitionRow> order = PartitionRow.COLUMNS.order(sort, descending);
    long now = System.currentTimeMillis();
    Map<String, String> filter = AreaReads.filter(Area.KAFKA, cluster, topic == null ? null : Collections.singletonMap("topic", topic));
    Map<PartitionId, Integer> leaders = partitionIds(PARTITION_LEADER, filter, contains);
    List<PartitionId> ordered = new ArrayList<>(leaders.keySet());
    Collections.sort(ordered); // the base order ties keep: cluster, topic, partition number
    int[] ids = new int[ordered.size()];
    for (int i = 0; i < ids.length; i++) ids[i] = leaders.get(ordered.get(i));
    Set<String> late = adminLate();
    KnownValues values = latest(ids, ordered, late, now);
    long currentMs = reads.current().windowMs(PARTITION_LEADER);
    List<PartitionRow> rows = new ArrayList<>(ordered.size());
    for (int i = 0; i < ids.length; i++) {
      if (!values.has(i)) continue;
      PartitionRow row = new PartitionRow(ordered.get(i), (int) values.value(i), ids[i]);
      long age = now - values.timeMs(i);
      if (age > currentMs) {
        row.stale = true;
        row.ageMs = age;
      }
      rows.add(row);
    }
    boolean replicasForAll = sort.equals("replicas") || sort.equals("isr") || sort.equals("underReplicated");
    if (replicasForAll) fill(rows, filter, contains, late, now, PARTITION_REPLICAS, PARTITION_ISR);
    if (sort.equals("logEndOffset")) fill(rows, filter, contains, late, now, PARTITION_LOG_END);
    Page<PartitionRow> page = Page.of(rows, order, start, limit);
    // only the page's rows from here: what a listing of 20,000 partitions shows is 100 of them
    List<String> rest = new ArrayList<>();
    if (!replicasForAll) rest.addAll(Arrays.asList(PARTITION_REPLICAS, PARTITION_ISR));
    if (!sort.equals("logEndOffset")) rest.add(PARTITION_LOG_END);
    fill(page.rows, filter, contains, late, now, rest.toArray(new String[0]));
    ReplicaAssignments assignments = reads.monitor().replicaAssignments();
    for (PartitionRow row : page.rows) {
      ReplicaAssignments.Assignment a = row.partition instanceof Integer
          ? assignments.get(row.cluster, row.topic, (Integer) row.partition) : null;
      if (a == null) continue;
      row.replicaIds = a.replicas;
      row.isrIds = a.isr;
    }
    return page;
  }

  private Set<String> adminLate() {
    return adminLate(reads.monitor());
  }

  /**
   * Clusters whose Admin target is not answering now (down, or not read yet since the start) or is
   * behind (a batch unanswered, a cycle run past its time: at 50,000 groups on a busy machine a
   * group cycle may take minutes, longer than a figure stays current): their partitions, topics
   * and consumer groups are listed as last known, marked stale where older than current, rather
   * than vanishing.
   */
  static Set<String> adminLate(Monitor monitor) {
    Set<String> out = new HashSet<>();
    for (Monitor.Target t : monitor.targets()) {
      if (!t.system.equals("kafka-cluster")) continue;
      if (monitor.status(t.id).state != Scheduler.State.UP || monitor.behind(t.id) != null) out.add(t.group);
    }
    return out;
  }

  /** Current values of the ids (partition {@code parts.get(i)} each), those of late clusters as last known. */
  private KnownValues latest(int[] ids, List<PartitionId> parts, Set<String> late, long now) {
    boolean[] lastKnown = new boolean[ids.length];
    for (int i = 0; i < ids.length; i++) lastKnown[i] = late.contains(parts.get(i).cluster);
    return KnownValues.read(reads, ids, lastKnown, now);
  }

  /**
   * Figures and their series for the rows given (all of them when the sort needs them, else one
   * page). Ids come from one select per metric with the request's filter (a page sorted by
   * partition spans up to 100 topics: a select per topic would scan every series of the metric
   * each time), values from one bulk read per metric.
   */
  private void fill(List<PartitionRow> rows, Map<String, String> filter, String contains, Set<String> late, long now,
      String... metrics) {
    for (String metric : metrics) {
      Map<PartitionId, Integer> byPartition = partitionIds(metric, filter, contains);
      Integer[] ids = new Integer[rows.size()];
      int known = 0;
      for (int i = 0; i < ids.length; i++) if ((ids[i] = byPartition.get(rows.get(i).id())) != null) known++;
      int[] present = new int[known];
      List<PartitionId> parts = new ArrayList<>(known);
      known = 0;
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] == null) continue;
        present[known++] = ids[i];
        parts.add(rows.get(i).id());
      }
      KnownValues values = latest(present, parts, late, now);
      known = 0;
      for (int i = 0; i < ids.length; i++) {
        Double v = ids[i] == null ? null : values.orNull(known++);
        set(rows.get(i), metric, ids[i], v);
      }
    }
  }

  /** A partition figure's current value (null: none) and series (null: the partition has none) on its row. */
  private static void set(PartitionRow row, String metric, Integer id, Double v) {
    if (metric.equals(PARTITION_LOG_END)) {
      row.logEndOffset = v == null ? null : v.longValue();
      row.logEndOffsetSeries = id;
      return;
    }
    if (metric.equals(PARTITION_REPLICAS)) {
      row.replicas = v == null ? null : v.intValue();
      row.replicasSeries = id;
    } else {
      row.isr = v == null ? null : v.intValue();
      row.isrSeries = id;
    }
    row.underReplicated = row.replicas == null || row.isr == null ? null : row.isr < row.replicas;
  }

  /** Series ids of a partition metric by partition, of topics holding {@code contains}: one select, keys from the index. */
  private Map<PartitionId, Integer> partitionIds(String metric, Map<String, String> filter, String contains) {
    Engine engine = reads.engine();
    int[] ids = engine.select(metric, filter);
    int[] unknown = new int[ids.length];
    int n = 0;
    for (int id : ids) if (!partitions.containsKey(id) && !notPartitions.containsKey(id)) unknown[n++] = id;
    if (n > 0) {
      int[] fresh = Arrays.copyOf(unknown, n);
      SeriesKey[] keys = reads.index().keys(fresh);
      for (int i = 0; i < n; i++) {
        PartitionId p = PartitionId.of(keys[i]);
        if (p == null) notPartitions.put(fresh[i], Boolean.TRUE);
        else partitions.put(fresh[i], p);
      }
    }
    Map<PartitionId, Integer> out = new HashMap<>();
    for (int id : ids) {
      PartitionId p = partitions.get(id);
      if (p != null && (contains == null || p.topic.contains(contains))) out.put(p, id);
    }
    return out;
  }

  /**
   * A metric's current value per (cluster, topic): every series' newest value in one bulk read,
   * combined here by {@code aggregation} (COUNT: the series with a value); series without a topic
   * label left out. Not a group-by: that would build a series of points for each topic over the
   * whole window (and read files where the window reaches past a young series' ring) to use only
   * its newest point — 8 of them per topics list over 20,000 partitions cost seconds. Topics of
   * late clusters (and only those) may be as old as {@link #LAST_KNOWN_MS}; the age of the
   * freshest series of those older than current goes into {@code ages} when given.
   */
  private Map<List<String>, Double> latestPerTopic(String metric, String cluster, Aggregation aggregation, Set<String> late,
      Map<List<String>, Long> ages) {
    Current current = reads.current();
    long now = System.currentTimeMillis();
    long currentMs = current.windowMs(metric);
    boolean anyLate = cluster == null ? !late.isEmpty() : late.contains(cluster);
    int[] ids = reads.engine().select(metric, AreaReads.filter(Area.KAFKA, cluster, null));
    SeriesKey[] keys = reads.index().keys(ids);
    // a coarse class stamps a value at the end of its step, up to a step after now
    LatestValues v = anyLate ? reads.engine().latest(ids, now + currentMs / Current.STEPS, LAST_KNOWN_MS) : current.latest(ids, now);
    Map<List<String>, double[]> acc = new HashMap<>(); // {value, freshest age}
    for (int i = 0; i < ids.length; i++) {
      String topic = keys[i].label("topic");
      if (topic == null || topic.isEmpty() || !v.has(i)) continue;
      long age = Math.max(0, now - v.timeMs(i));
      String c = keys[i].label("cluster");
      if (age > currentMs && !late.contains(c)) continue; // not current, and its cluster answers
      double x = aggregation == Aggregation.COUNT ? 1 : v.value(i);
      List<String> key = Arrays.asList(c, topic);
      double[] a = acc.get(key);
      if (a == null) {
        acc.put(key, new double[] {x, age, 1});
        continue;
      }
      switch (aggregation) {
        case MIN: a[0] = Math.min(a[0], x); break;
        case MAX: a[0] = Math.max(a[0], x); break;
        case AVG: a[0] += (x - a[0]) / ++a[2]; break;
        default: a[0] += x; // SUM, COUNT
      }
      a[1] = Math.min(a[1], age);
    }
    Map<List<String>, Double> out = new HashMap<>();
    for (Map.Entry<List<String>, double[]> e : acc.entrySet()) {
      out.put(e.getKey(), e.getValue()[0]);
      if (ages != null && e.getValue()[1] > currentMs) ages.putIfAbsent(e.getKey(), (long) e.getValue()[1]);
    }
    return out;
  }

  private static <V> Map<List<String>, V> sorted(Map<List<String>, V> byTopic) {
    Map<List<String>, V> out = new TreeMap<>((a, b) -> {
      int c = a.get(0).compareTo(b.get(0));
      return c != 0 ? c : a.get(1).compareTo(b.get(1));
    });
    out.putAll(byTopic);
    return out;
  }

  private static String memberKey(String cluster, String member) {
    return cluster + "\u0000" + member;
  }

  private static Long asLong(Double v) {
    return v == null ? null : v.longValue();
  }

  private static Double round1(Double v) {
    return v == null ? null : Math.round(v * 10) / 10.0;
  }
}
