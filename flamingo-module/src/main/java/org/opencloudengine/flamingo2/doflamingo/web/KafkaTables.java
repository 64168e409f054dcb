package org.opencloudengine.flamingo2.doflamingo.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.engine.Aggregation;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.Group;
import org.doflamingo.engine.SeriesData;
import org.doflamingo.engine.SeriesKey;
import org.opencloudengine.flamingo2.doflamingo.TargetView;

/**
 * The Kafka drill-down tables (cluster → brokers → topics → partitions), each row the latest
 * values of the series the collectors write: broker JMX series labelled {cluster, broker} (their
 * per-topic twins carry a topic label too), the Admin collector's {cluster, topic, partition}
 * series and its per-topic under-replicated count. One per request; made for 20,000 partitions.
 */
final class KafkaTables {
  private static final List<String> BROKER_SYSTEMS = Arrays.asList("kafka-broker", "kafka-probe");
  /** Latest means within the last few base steps, as the lag list reads it. */
  private static final int CURRENT_STEPS = 5;

  static final List<String> TOPIC_SORTABLE = Arrays.asList("cluster", "topic", "partitions", "replicationFactor",
      "underReplicated", "logEndOffset", "messagesIn", "bytesIn", "bytesOut", "health");
  static final List<String> PARTITION_SORTABLE = Arrays.asList("cluster", "topic", "partition", "leader", "replicas",
      "isr", "underReplicated", "logEndOffset");

  /** Broker series of the brokers table, and the field each becomes (series without a topic label: the broker's total). */
  private static final String[][] BROKER_FIELDS = {
      {"kafka.server.ReplicaManager.PartitionCount", "partitions"},
      {"kafka.server.ReplicaManager.LeaderCount", "leaders"},
      {"kafka.server.ReplicaManager.UnderReplicatedPartitions", "underReplicated"},
      {"kafka.server.BrokerTopicMetrics.MessagesInPerSec", "messagesIn"},
      {"kafka.server.BrokerTopicMetrics.BytesInPerSec", "bytesIn"},
      {"kafka.server.BrokerTopicMetrics.BytesOutPerSec", "bytesOut"},
      {"kafka.jvm.heap.used", "heapUsed"},
      {"kafka.jvm.heap.max", "heapMax"}};

  /** Per-topic throughput: the brokers' per-topic series summed over brokers. */
  private static final String[][] TOPIC_RATES = {
      {"kafka.server.BrokerTopicMetrics.MessagesInPerSec", "messagesIn"},
      {"kafka.server.BrokerTopicMetrics.BytesInPerSec", "bytesIn"},
      {"kafka.server.BrokerTopicMetrics.BytesOutPerSec", "bytesOut"}};

  /** The Admin collector's partition series and the field each becomes. */
  private static final String LEADER = "kafka.partition.leader";
  private static final String REPLICAS = "kafka.partition.replicas";
  private static final String ISR = "kafka.partition.in_sync_replicas";
  private static final String LOG_END = "kafka.partition.log_end_offset";
  private static final String UNDER_REPLICATED = "kafka.topic.under_replicated_partitions";

  /** The partition each partition series is of, per engine, decoded once as {@link SeriesKeys} are (no label lookups per request). */
  private static final Map<Engine, Map<Integer, PartitionId>> PARTITIONS = Collections.synchronizedMap(new WeakHashMap<>());
  private static final PartitionId NOT_A_PARTITION = new PartitionId("", "", "");

  private final Monitor monitor;
  private final Engine engine;
  private final long now;
  private final long step;

  KafkaTables(Monitor monitor) {
    this.monitor = monitor;
    this.engine = monitor.engine();
    this.now = System.currentTimeMillis();
    this.step = engine.baseStepMs();
  }

  /**
   * One row per configured broker: its JMX target's address and collection state, whether it is
   * the controller now, its partition, leader and under-replicated counts, throughput, heap and
   * health (its health tile: the worst of the catalogue's rules and its target's state).
   */
  List<Map<String, Object>> brokers(String cluster) {
    Map<String, Map<String, Object>> rows = new TreeMap<>();
    for (Monitor.Target t : monitor.targets()) {
      if (!t.system.equals("kafka-broker") || (cluster != null && !cluster.equals(t.group))) continue;
      Map<String, Object> view = TargetView.of(t, monitor.status(t.id));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("cluster", t.group);
      row.put("broker", t.member);
      row.put("address", t.address);
      row.put("state", view.get("state"));
      row.put("lastError", view.get("lastError"));
      row.put("controller", false);
      rows.put(memberKey(t.group, t.member), row);
    }
    Map<String, String> controllers = new HashMap<>();
    for (Map.Entry<Integer, SeriesKey> e : keys(engine.select("kafka.cluster.controller", filter(cluster, null))).entrySet()) {
      double v = latest(e.getKey());
      if (!Double.isNaN(v)) controllers.put(e.getValue().label("cluster"), String.valueOf((long) v));
    }
    for (String[] field : BROKER_FIELDS) {
      for (Map.Entry<Integer, SeriesKey> e : keys(engine.select(field[0], filter(cluster, null))).entrySet()) {
        SeriesKey k = e.getValue();
        // the broker's own figure: labelled cluster and broker only (per-topic twins carry more)
        if (k.labels().size() != 2 || k.label("broker") == null) continue;
        Map<String, Object> row = rows.get(memberKey(k.label("cluster"), k.label("broker")));
        if (row == null) continue; // a broker no longer configured
        double v = latest(e.getKey());
        boolean rate = field[0].contains("PerSec");
        row.put(field[1], Double.isNaN(v) ? null : rate ? (Object) round1(v) : (Object) (long) v);
        row.put(field[1] + "Series", e.getKey());
      }
    }
    Map<String, Map<String, Object>> tiles = new HashMap<>();
    // the systems whose series name a broker: its JMX, and the probe's per-broker figures
    for (Map<String, Object> tile : new MonitoringQueries(monitor, Area.KAFKA).health(cluster, BROKER_SYSTEMS)) {
      if ("broker".equals(tile.get("kind"))) tiles.put(memberKey((String) tile.get("group"), (String) tile.get("name")), tile);
    }
    for (Map.Entry<String, Map<String, Object>> e : rows.entrySet()) {
      Map<String, Object> row = e.getValue();
      row.put("controller", row.get("broker").equals(controllers.get(row.get("cluster"))));
      Map<String, Object> tile = tiles.get(e.getKey());
      row.put("health", tile == null ? Health.UNKNOWN.name() : tile.get("health"));
      row.put("reasons", tile == null ? Collections.emptyList() : tile.get("reasons"));
    }
    return new ArrayList<>(rows.values());
  }

  /**
   * One row per topic with a current leader series: partitions, replication factor (most replicas
   * of a partition), under-replicated partitions, sum of log-end offsets, and messages and bytes
   * in and out per second summed over the brokers' per-topic series; {@code contains} keeps names
   * holding it. Every figure is a group-by in the engine (one native call a figure, not one a
   * partition).
   */
  List<Map<String, Object>> topics(String cluster, String contains) {
    Map<List<String>, Double> partitions = latestPerTopic(LEADER, cluster, Aggregation.COUNT);
    Map<List<String>, Double> minLeader = latestPerTopic(LEADER, cluster, Aggregation.MIN);
    Map<List<String>, Double> replicas = latestPerTopic(REPLICAS, cluster, Aggregation.MAX);
    Map<List<String>, Double> under = latestPerTopic(UNDER_REPLICATED, cluster, Aggregation.MAX);
    Map<List<String>, Double> logEnd = latestPerTopic(LOG_END, cluster, Aggregation.SUM);
    List<Map<List<String>, Double>> rates = new ArrayList<>();
    for (String[] r : TOPIC_RATES) rates.add(latestPerTopic(r[0], cluster, Aggregation.SUM));
    MetricSpec underSpec = monitor.catalogue().get(UNDER_REPLICATED);
    MetricSpec leaderSpec = monitor.catalogue().get(LEADER);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<List<String>, Double> p : sorted(partitions).entrySet()) {
      String topic = p.getKey().get(1);
      if (contains != null && !topic.contains(contains)) continue;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("cluster", p.getKey().get(0));
      row.put("topic", topic);
      row.put("partitions", p.getValue().longValue());
      row.put("replicationFactor", asLong(replicas.get(p.getKey())));
      row.put("underReplicated", asLong(under.get(p.getKey())));
      row.put("logEndOffset", asLong(logEnd.get(p.getKey())));
      for (int i = 0; i < TOPIC_RATES.length; i++) {
        Double v = rates.get(i).get(p.getKey());
        row.put(TOPIC_RATES[i][1], v == null ? null : round1(v));
      }
      // the catalogue's rules on what the topic table shows: under-replication, and a partition without leader
      Health h = Health.GREEN;
      h = worse(h, underSpec, under.get(p.getKey()));
      h = worse(h, leaderSpec, minLeader.get(p.getKey()));
      row.put("health", h.name());
      out.add(row);
    }
    return out;
  }

  /**
   * A page of partitions with a current leader series, of one topic ({@code topic}, exact) or of
   * topics holding {@code contains}, sorted by any of {@link #PARTITION_SORTABLE} (partitions in
   * numeric order within a topic for ties). Leaders are read for every partition listed (a
   * partition without a current leader value no longer exists, e.g. a deleted topic's), the
   * other figures for the whole list only when the sort needs them, else for the page alone.
   */
  Response partitions(String cluster, String topic, String contains, String sort, boolean descending, int start, int limit) {
    Map<String, String> filter = filter(cluster, topic == null ? null : Collections.singletonMap("topic", topic));
    Map<PartitionId, Integer> leaders = partitionIds(LEADER, filter, contains);
    List<PartitionId> order = new ArrayList<>(leaders.keySet());
    Collections.sort(order); // the base order ties keep: cluster, topic, partition number
    int[] ids = new int[order.size()];
    for (int i = 0; i < ids.length; i++) ids[i] = leaders.get(order.get(i));
    double[] values = latest(ids);
    List<Map<String, Object>> rows = new ArrayList<>(order.size());
    for (int i = 0; i < ids.length; i++) {
      if (Double.isNaN(values[i])) continue;
      PartitionId p = order.get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("cluster", p.cluster);
      row.put("topic", p.topic);
      row.put("partition", p.partition);
      row.put("leader", (int) values[i]);
      row.put("leaderSeries", ids[i]);
      rows.add(row);
    }
    boolean replicasForAll = sort.equals("replicas") || sort.equals("isr") || sort.equals("underReplicated");
    if (replicasForAll) fill(rows, filter, contains, REPLICAS, ISR);
    if (sort.equals("logEndOffset")) fill(rows, filter, contains, LOG_END);
    Response page = AreaController.page(rows, sort, descending, start, limit);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> shown = (List<Map<String, Object>>) page.getList();
    // only the page's rows from here: what a listing of 20,000 partitions shows is 100 of them
    List<String> rest = new ArrayList<>();
    if (!replicasForAll) rest.addAll(Arrays.asList(REPLICAS, ISR));
    if (!sort.equals("logEndOffset")) rest.add(LOG_END);
    fill(shown, filter, contains, rest.toArray(new String[0]));
    return page;
  }

  /**
   * Fields and their series for the rows given (all of them when the sort needs them, else one
   * page). Ids come from one select per metric with the request's filter: a page sorted by
   * partition spans up to 100 topics, and a select per topic scans every series of the metric
   * each time (300 scans of 20,000 series took most of a second in ListsBenchmark).
   */
  private void fill(List<Map<String, Object>> rows, Map<String, String> filter, String contains, String... metrics) {
    for (String metric : metrics) setFields(rows, metric, partitionIds(metric, filter, contains));
  }

  /** The metric's latest value and series id on each row (null where the partition has none). */
  private void setFields(List<Map<String, Object>> rows, String metric, Map<PartitionId, Integer> idsByPartition) {
    String field = metric.equals(REPLICAS) ? "replicas" : metric.equals(ISR) ? "isr" : "logEndOffset";
    Integer[] ids = new Integer[rows.size()];
    int known = 0;
    for (int i = 0; i < ids.length; i++) {
      if ((ids[i] = idsByPartition.get(new PartitionId(rows.get(i)))) != null) known++;
    }
    int[] present = new int[known];
    known = 0;
    for (Integer id : ids) if (id != null) present[known++] = id;
    double[] values = latest(present);
    known = 0;
    for (int i = 0; i < ids.length; i++) {
      Map<String, Object> row = rows.get(i);
      Object value = null;
      if (ids[i] != null) {
        double v = values[known++];
        if (!Double.isNaN(v)) value = field.equals("logEndOffset") ? (Object) (long) v : (Object) (int) v;
      }
      row.put(field, value);
      row.put(field + "Series", ids[i]);
      if (!field.equals("logEndOffset")) {
        Object r = row.get("replicas");
        Object s = row.get("isr");
        row.put("underReplicated", r == null || s == null ? null : (Integer) s < (Integer) r);
      }
    }
  }

  /** Series ids of a partition metric by partition, of topics holding {@code contains}. */
  private Map<PartitionId, Integer> partitionIds(String metric, Map<String, String> filter, String contains) {
    Map<PartitionId, Integer> out = new HashMap<>();
    for (int id : engine.select(metric, filter)) {
      PartitionId p = partition(id);
      if (p != null && (contains == null || p.topic.contains(contains))) out.put(p, id);
    }
    return out;
  }

  /** The partition a series is of (null for a series without topic and partition labels), decoded once per engine. */
  private PartitionId partition(int id) {
    Map<Integer, PartitionId> cache = PARTITIONS.computeIfAbsent(engine, e -> new ConcurrentHashMap<>());
    PartitionId p = cache.get(id);
    if (p == null) {
      SeriesKey k = key(id);
      String topic = k.label("topic");
      String partition = k.label("partition");
      p = topic == null || partition == null ? NOT_A_PARTITION : new PartitionId(k.label("cluster"), topic, partitionNumber(partition));
      cache.put(id, p);
    }
    return p == NOT_A_PARTITION ? null : p;
  }

  /** Partitions are numbers (so they sort 0, 1, 2, 10); a label that is not one stays text. */
  private static Object partitionNumber(String label) {
    try {
      return Integer.valueOf(label);
    } catch (NumberFormatException e) {
      return label;
    }
  }

  /** A partition of a topic of a cluster: joins a partition's series, and orders rows (numbers in numeric order, before any text). */
  private static final class PartitionId implements Comparable<PartitionId> {
    final String cluster;
    final String topic;
    final Object partition;

    PartitionId(String cluster, String topic, Object partition) {
      this.cluster = cluster == null ? "" : cluster;
      this.topic = topic;
      this.partition = partition;
    }

    PartitionId(Map<String, Object> row) {
      this((String) row.get("cluster"), (String) row.get("topic"), row.get("partition"));
    }

    @Override
    public int compareTo(PartitionId o) {
      int c = cluster.compareTo(o.cluster);
      if (c == 0) c = topic.compareTo(o.topic);
      if (c != 0) return c;
      boolean number = partition instanceof Integer;
      if (number != o.partition instanceof Integer) return number ? -1 : 1;
      return number ? ((Integer) partition).compareTo((Integer) o.partition) : partition.toString().compareTo(o.partition.toString());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PartitionId && ((PartitionId) o).cluster.equals(cluster) && ((PartitionId) o).topic.equals(topic)
          && ((PartitionId) o).partition.equals(partition);
    }

    @Override
    public int hashCode() {
      return (cluster.hashCode() * 31 + topic.hashCode()) * 31 + partition.hashCode();
    }
  }

  /** A metric's latest value per (cluster, topic), combined in the engine; series without a topic label left out. */
  private Map<List<String>, Double> latestPerTopic(String metric, String cluster, Aggregation aggregation) {
    Map<List<String>, Double> out = new HashMap<>();
    List<Group> groups = engine.groupBy(metric, filter(cluster, null), Arrays.asList("cluster", "topic"), aggregation,
        now - CURRENT_STEPS * step, now, step);
    for (Group g : groups) {
      String topic = g.labels.get("topic");
      if (topic == null || topic.isEmpty()) continue;
      double[] v = g.data.values;
      for (int i = v.length - 1; i >= 0; i--) {
        // COUNT reads 0, not unknown, where no series had a value
        if (!Double.isNaN(v[i]) && (aggregation != Aggregation.COUNT || v[i] > 0)) {
          out.put(Arrays.asList(g.labels.get("cluster"), topic), v[i]);
          break;
        }
      }
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

  private static Health worse(Health h, MetricSpec spec, Double v) {
    if (spec == null || v == null) return h;
    Health r = spec.health(v);
    return r == Health.RED || (r == Health.AMBER && h == Health.GREEN) ? r : h;
  }

  /** Keys of series ids (see {@link SeriesKeys}), in the order of the ids. */
  private Map<Integer, SeriesKey> keys(int[] ids) {
    Map<Integer, SeriesKey> out = new LinkedHashMap<>();
    for (int id : ids) out.put(id, key(id));
    return out;
  }

  private SeriesKey key(int id) {
    return SeriesKeys.key(engine, id);
  }

  private double latest(int id) {
    return latest(new int[] {id})[0];
  }

  /** The newest value of each series within the last few steps (NaN when none is current), in one pass. */
  private double[] latest(int[] ids) {
    double[] out = new double[ids.length];
    List<SeriesData> data = engine.query(ids, now - CURRENT_STEPS * step, now, step);
    for (int i = 0; i < ids.length; i++) {
      double[] v = data.get(i).values;
      out[i] = Double.NaN;
      for (int j = v.length - 1; j >= 0; j--) {
        if (!Double.isNaN(v[j])) {
          out[i] = v[j];
          break;
        }
      }
    }
    return out;
  }

  private static Map<String, String> filter(String cluster, Map<String, String> labels) {
    Map<String, String> f = new HashMap<>();
    if (labels != null) f.putAll(labels);
    if (cluster != null) f.put("cluster", cluster);
    return f;
  }

  private static String memberKey(String cluster, String member) {
    return cluster + "\u0000" + member;
  }

  private static Long asLong(Double v) {
    return v == null ? null : v.longValue();
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
