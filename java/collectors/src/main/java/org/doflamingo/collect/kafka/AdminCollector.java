package org.doflamingo.collect.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.Collector;
import org.doflamingo.collect.Scrape;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.config.KafkaClusterConfig;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * What a Kafka cluster says of itself through the Admin API, as Burrow reads it: brokers and
 * controller, every partition's leader, replicas and in-sync replicas, log-end offsets, and every
 * consumer group's committed offsets, hence lag per partition and group. Bulk calls only: one
 * describe for all topics, one listOffsets for all partitions, one listConsumerGroupOffsets for
 * all groups. Not thread-safe: one scrape at a time.
 */
public final class AdminCollector implements Collector {
  private final KafkaClusterConfig cluster;
  private final Admin admin;
  private final long timeoutMs;
  private final LagEvaluator lag;

  /** With Burrow-style lag status over a 5-minute window. */
  public AdminCollector(KafkaClusterConfig cluster, long timeoutMs) {
    this(cluster, timeoutMs, new LagEvaluator(300_000, 0.8));
  }

  public AdminCollector(KafkaClusterConfig cluster, long timeoutMs, LagEvaluator lag) {
    this.cluster = cluster;
    this.timeoutMs = timeoutMs;
    this.lag = lag;
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "doflamingo-" + cluster.name);
    if (cluster.sasl != null) {
      p.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
      p.put("sasl.mechanism", "PLAIN");
      p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
          + jaasEscape(cluster.sasl.user()) + "\" password=\"" + jaasEscape(cluster.sasl.password()) + "\";");
    }
    this.admin = Admin.create(p);
  }

  private static String jaasEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public String target() {
    return "kafka " + cluster.name + " admin " + cluster.bootstrapServers();
  }

  @Override
  public void scrape(Scrape out) throws CollectException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    DescribeClusterResult described = admin.describeCluster();
    Collection<Node> nodes = get(described.nodes(), "describing the cluster");
    Set<Integer> live = new HashSet<>();
    for (Node n : nodes) live.add(n.id());
    out.add(key(MetricNames.CLUSTER_BROKERS), SeriesKind.GAUGE, nodes.size());
    out.add(key(MetricNames.CLUSTER_CONTROLLER), SeriesKind.GAUGE, get(described.controller(), "finding the controller").id());

    Collection<String> topics = get(admin.listTopics().names(), "listing topics");
    Map<String, TopicDescription> descriptions = topics.isEmpty() ? new HashMap<>()
        : get(admin.describeTopics(topics).allTopicNames(), "describing topics");
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (TopicDescription d : descriptions.values()) {
      int underReplicated = 0;
      for (TopicPartitionInfo p : d.partitions()) {
        TopicPartition tp = new TopicPartition(d.name(), p.partition());
        // A partition without a live leader has no log-end offset to read (its lag waits for the next scrape).
        if (p.leader() != null && live.contains(p.leader().id())) latest.put(tp, OffsetSpec.latest());
        SeriesKey k = key(MetricNames.PARTITION_LEADER, "topic", d.name(), "partition", String.valueOf(p.partition()));
        out.add(k, SeriesKind.GAUGE, p.leader() == null ? -1 : p.leader().id());
        out.add(key(MetricNames.PARTITION_REPLICAS, "topic", d.name(), "partition", String.valueOf(p.partition())),
            SeriesKind.GAUGE, p.replicas().size());
        out.add(key(MetricNames.PARTITION_ISR, "topic", d.name(), "partition", String.valueOf(p.partition())),
            SeriesKind.GAUGE, p.isr().size());
        if (p.isr().size() < p.replicas().size()) underReplicated++;
      }
      out.add(key(MetricNames.TOPIC_UNDER_REPLICATED, "topic", d.name()), SeriesKind.GAUGE, underReplicated);
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = logEndOffsets(latest, deadline);
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
      out.add(key(MetricNames.PARTITION_LOG_END, "topic", e.getKey().topic(), "partition",
          String.valueOf(e.getKey().partition())), SeriesKind.GAUGE, e.getValue().offset());
    }

    Collection<ConsumerGroupListing> groups = get(admin.listConsumerGroups().all(), "listing consumer groups");
    if (groups.isEmpty()) return;
    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    for (ConsumerGroupListing g : groups) specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec());
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
        get(admin.listConsumerGroupOffsets(specs).all(), "reading committed offsets");
    Map<String, ConsumerGroupDescription> groupDescriptions =
        get(admin.describeConsumerGroups(specs.keySet()).all(), "describing groups");
    long now = out.timeMillis();
    for (Map.Entry<String, Map<TopicPartition, OffsetAndMetadata>> g : new TreeMap<>(committed).entrySet()) {
      long maxLag = 0;
      long totalLag = 0;
      double maxLagSeconds = 0;
      LagStatus groupStatus = null;
      ConsumerGroupDescription d = groupDescriptions.get(g.getKey());
      int members = d == null ? 0 : d.members().size();
      out.add(key(MetricNames.GROUP_MEMBERS, "group", g.getKey()), SeriesKind.GAUGE, members);
      for (Map.Entry<TopicPartition, OffsetAndMetadata> c : g.getValue().entrySet()) {
        if (c.getValue() == null) continue; // no commit for this partition yet
        ListOffsetsResult.ListOffsetsResultInfo end = ends.get(c.getKey());
        if (end == null) continue; // the topic vanished meanwhile
        // A commit can run ahead of a log-end offset read a moment earlier: never a negative lag.
        long lag = Math.max(0, end.offset() - c.getValue().offset());
        out.add(key(MetricNames.GROUP_COMMITTED_OFFSET, "group", g.getKey(), "topic", c.getKey().topic(), "partition",
            String.valueOf(c.getKey().partition())), SeriesKind.GAUGE, c.getValue().offset());
        out.add(key(MetricNames.GROUP_LAG, "group", g.getKey(), "topic", c.getKey().topic(), "partition",
            String.valueOf(c.getKey().partition())), SeriesKind.GAUGE, lag);
        maxLag = Math.max(maxLag, lag);
        totalLag += lag;
        LagEvaluator.Verdict v = this.lag.observe(g.getKey(), c.getKey().topic(), c.getKey().partition(), now,
            c.getValue().offset(), end.offset(), members > 0);
        out.add(key(MetricNames.GROUP_LAG_SECONDS, "group", g.getKey(), "topic", c.getKey().topic(), "partition",
            String.valueOf(c.getKey().partition())), SeriesKind.GAUGE, v.lagSeconds);
        if (!Double.isNaN(v.lagSeconds)) maxLagSeconds = Math.max(maxLagSeconds, v.lagSeconds);
        if (v.status != null) {
          out.add(key(MetricNames.GROUP_PARTITION_STATUS, "group", g.getKey(), "topic", c.getKey().topic(), "partition",
              String.valueOf(c.getKey().partition())), SeriesKind.GAUGE, v.status.code);
          groupStatus = v.status.worse(groupStatus);
        }
      }
      out.add(key(MetricNames.GROUP_MAX_LAG, "group", g.getKey()), SeriesKind.GAUGE, maxLag);
      out.add(key(MetricNames.GROUP_TOTAL_LAG, "group", g.getKey()), SeriesKind.GAUGE, totalLag);
      out.add(key(MetricNames.GROUP_MAX_LAG_SECONDS, "group", g.getKey()), SeriesKind.GAUGE, maxLagSeconds);
      // a group is as bad as its worst partition; unknown until a window is complete
      out.add(key(MetricNames.GROUP_STATUS, "group", g.getKey()), SeriesKind.GAUGE,
          groupStatus == null ? Double.NaN : groupStatus.code);
    }
    lag.forgetOlderThan(now);
  }

  /**
   * Log-end offsets partition by partition: while leadership moves (a broker just died) some
   * partitions cannot answer, and they must not cost the others theirs. Fails only when none answers.
   */
  private Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> logEndOffsets(Map<TopicPartition, OffsetSpec> latest,
      long deadline) throws CollectException {
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = new HashMap<>();
    if (latest.isEmpty()) return ends;
    int budget = (int) Math.max(1, deadline - System.currentTimeMillis());
    ListOffsetsResult listed = admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs(budget));
    Throwable last = null;
    for (TopicPartition tp : latest.keySet()) {
      try {
        ends.put(tp, listed.partitionResult(tp).get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS));
      } catch (ExecutionException e) {
        last = e.getCause();
      } catch (TimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CollectException("Kafka cluster " + cluster.name + ": interrupted while reading log-end offsets", e);
      }
    }
    if (ends.isEmpty()) {
      throw new CollectException("Kafka cluster " + cluster.name + ": " + last + " while reading log-end offsets", last);
    }
    return ends;
  }

  private SeriesKey key(String name, String... labels) {
    List<String> kv = new ArrayList<>();
    kv.add("cluster");
    kv.add(cluster.name);
    for (String l : labels) kv.add(l);
    return SeriesKey.of(name, kv.toArray(new String[0]));
  }

  private <T> T get(KafkaFuture<T> future, String what) throws CollectException {
    try {
      return future.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new CollectException("Kafka cluster " + cluster.name + ": no answer within " + timeoutMs + " ms while " + what);
    } catch (ExecutionException e) {
      throw new CollectException("Kafka cluster " + cluster.name + ": " + e.getCause() + " while " + what, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectException("Kafka cluster " + cluster.name + ": interrupted while " + what, e);
    }
  }

  /**
   * Refills the lag window from what this collector stored before a restart (see {@link LagHistory}),
   * so statuses are judged from the first scrape. Returns the readings replayed.
   */
  public int seedLagWindow(Engine engine, long nowMs) {
    return LagHistory.seed(engine, cluster.name, lag, nowMs);
  }

  @Override
  public void close() {
    admin.close(java.time.Duration.ofSeconds(5));
  }
}
