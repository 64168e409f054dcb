package org.doflamingo.probe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.doflamingo.collect.kafka.KafkaFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the monitor topic fit to probe every broker (Kafka Monitor's topic management): created
 * when missing with at least brokers &times; partitionsPerBroker partitions, placed so that every
 * live broker is the preferred leader of at least one; grown when brokers are added (the new
 * partitions are led by the brokers that lead none); a preferred leader election for the
 * partitions whose leadership drifted away from a preferred leader that is alive and in sync
 * (after a broker comes back, say). It never moves existing replicas and never shrinks the topic:
 * Kafka cannot, and reassignments are an operator's decision. One {@link #check()} is one round;
 * the probe runs rounds on a timer.
 */
final class ProbeTopic {
  private static final Logger log = LoggerFactory.getLogger(ProbeTopic.class);
  /** Kept for an hour, in segments of ten minutes, so the topic's disk use stays small whatever the broker defaults. */
  static final Map<String, String> TOPIC_CONFIGS;

  static {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("retention.ms", "3600000");
    c.put("segment.ms", "600000");
    c.put("cleanup.policy", "delete");
    TOPIC_CONFIGS = Collections.unmodifiableMap(c);
  }

  /** One partition's replicas (preferred leader first), leader (-1: none) and in-sync replicas. */
  static final class Placement {
    final int partition;
    final List<Integer> replicas;
    final int leader;
    final Set<Integer> isr;

    Placement(int partition, List<Integer> replicas, int leader, Collection<Integer> isr) {
      this.partition = partition;
      this.replicas = Collections.unmodifiableList(new ArrayList<>(replicas));
      this.leader = leader;
      this.isr = Collections.unmodifiableSet(new TreeSet<>(isr));
    }

    int preferred() {
      return replicas.isEmpty() ? -1 : replicas.get(0);
    }

    @Override
    public String toString() {
      return partition + ":" + replicas + " leader " + leader + " isr " + isr;
    }
  }

  /** The topic as one round found it. */
  static final class Layout {
    final List<Integer> liveBrokers;
    final SortedMap<Integer, Placement> partitions;

    Layout(Collection<Integer> liveBrokers, Map<Integer, Placement> partitions) {
      this.liveBrokers = Collections.unmodifiableList(new ArrayList<>(new TreeSet<>(liveBrokers)));
      this.partitions = Collections.unmodifiableSortedMap(new TreeMap<>(partitions));
    }
  }

  /** What one round did. */
  static final class Round {
    /** The topic as found; null when it did not exist yet (it was just created). */
    final Layout layout;
    /** The topic was created or grown, or leaders elected: look again soon. */
    final boolean changed;

    Round(Layout layout, boolean changed) {
      this.layout = layout;
      this.changed = changed;
    }
  }

  private final ProbeConfig config;
  private final Admin admin;
  private final long timeoutMs;

  ProbeTopic(ProbeConfig config, Admin admin, long timeoutMs) {
    this.config = config;
    this.admin = admin;
    this.timeoutMs = timeoutMs;
  }

  /** One round: brokers, then the topic (created, grown, leaders elected as needed). */
  Round check() throws ProbeException {
    List<Integer> live = new ArrayList<>();
    for (Node n : get(admin.describeCluster().nodes(), "describing the cluster")) live.add(n.id());
    Collections.sort(live);
    if (live.isEmpty()) throw new ProbeException("the cluster lists no live broker");
    TopicDescription d;
    try {
      d = get(admin.describeTopics(Collections.singleton(config.topic)).allTopicNames(), "describing topic " + config.topic)
          .get(config.topic);
    } catch (ProbeException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) throw e;
      create(live);
      return new Round(null, true);
    }
    Map<Integer, Placement> placements = new HashMap<>();
    for (TopicPartitionInfo p : d.partitions()) {
      List<Integer> replicas = new ArrayList<>();
      for (Node n : p.replicas()) replicas.add(n.id());
      List<Integer> isr = new ArrayList<>();
      for (Node n : p.isr()) isr.add(n.id());
      placements.put(p.partition(), new Placement(p.partition(), replicas, p.leader() == null ? -1 : p.leader().id(), isr));
    }
    Layout layout = new Layout(live, placements);
    boolean changed = grow(layout);
    changed |= elect(layout);
    return new Round(layout, changed);
  }

  private void create(List<Integer> live) throws ProbeException {
    int partitions = live.size() * config.partitionsPerBroker;
    int rf = replicationFactor(live.size());
    Map<Integer, List<Integer>> assignment = initialAssignment(live, partitions, rf);
    NewTopic t = new NewTopic(config.topic, assignment).configs(TOPIC_CONFIGS);
    try {
      get(admin.createTopics(Collections.singleton(t)).all(), "creating topic " + config.topic);
      log.info("Kafka cluster {}: created probe topic {} with {} partitions, replication factor {}, preferred leaders {}",
          config.cluster, config.topic, partitions, rf, live);
    } catch (ProbeException e) {
      if (!(e.getCause() instanceof TopicExistsException)) throw e; // another instance was quicker: fine
    }
  }

  int replicationFactor(int liveBrokers) {
    int wanted = config.replicationFactor > 0 ? config.replicationFactor : 3;
    if (wanted > liveBrokers && config.replicationFactor > 0) {
      log.warn("Kafka cluster {}: probe topic {} wants replication factor {} but {} brokers are live; using {}", config.cluster,
          config.topic, wanted, liveBrokers, liveBrokers);
    }
    return Math.min(wanted, liveBrokers);
  }

  /** Partition i is led by live[i mod n] and followed by the next rf-1 brokers: every broker leads one when partitions >= n. */
  static Map<Integer, List<Integer>> initialAssignment(List<Integer> live, int partitions, int rf) {
    Map<Integer, List<Integer>> out = new TreeMap<>();
    for (int i = 0; i < partitions; i++) out.put(i, replicasLedBy(live, live.get(i % live.size()), rf));
    return out;
  }

  private static List<Integer> replicasLedBy(List<Integer> live, int leader, int rf) {
    int at = live.indexOf(leader);
    List<Integer> replicas = new ArrayList<>();
    for (int j = 0; j < rf; j++) replicas.add(live.get((at + j) % live.size()));
    return replicas;
  }

  /**
   * The partitions to add: up to live &times; ratio, and one more for each live broker that is no
   * one's preferred leader (a broker added after the topic was made), each led by such a broker first.
   */
  static List<List<Integer>> growth(List<Integer> live, Collection<Placement> existing, int partitionsPerBroker) {
    Set<Integer> leading = new HashSet<>();
    int rf = 1;
    for (Placement p : existing) {
      leading.add(p.preferred());
      rf = Math.max(rf, p.replicas.size());
    }
    rf = Math.min(rf, live.size());
    List<Integer> leaderless = new ArrayList<>();
    for (Integer b : live) if (!leading.contains(b)) leaderless.add(b);
    int add = Math.max(live.size() * partitionsPerBroker - existing.size(), leaderless.size());
    List<List<Integer>> out = new ArrayList<>();
    for (int k = 0; k < add; k++) {
      int leader = k < leaderless.size() ? leaderless.get(k) : live.get((existing.size() + k) % live.size());
      out.add(replicasLedBy(live, leader, rf));
    }
    return out;
  }

  private boolean grow(Layout layout) throws ProbeException {
    List<List<Integer>> add = growth(layout.liveBrokers, layout.partitions.values(), config.partitionsPerBroker);
    if (add.isEmpty()) return false;
    int total = layout.partitions.size() + add.size();
    try {
      get(admin.createPartitions(Collections.singletonMap(config.topic, NewPartitions.increaseTo(total, add))).all(),
          "adding partitions to " + config.topic);
    } catch (ProbeException e) {
      if (!(e.getCause() instanceof InvalidPartitionsException)) throw e;
      // The topic's description can trail partitions added a moment ago (by the last round, or by
      // another monitor); the controller then refuses to add them again. Look again next round.
      log.info("Kafka cluster {}: probe topic {} not grown to {} partitions: {}; looking again", config.cluster, config.topic,
          total, e.getCause().getMessage());
      return true;
    }
    log.info("Kafka cluster {}: probe topic {} grown to {} partitions for brokers {} (new replicas {})", config.cluster,
        config.topic, total, layout.liveBrokers, add);
    return true;
  }

  /** Partitions led by another broker than their preferred leader, while that one is live and in sync. */
  static Set<Integer> drifted(Layout layout) {
    Set<Integer> out = new TreeSet<>();
    for (Placement p : layout.partitions.values()) {
      int preferred = p.preferred();
      if (p.leader != preferred && layout.liveBrokers.contains(preferred) && p.isr.contains(preferred)) out.add(p.partition);
    }
    return out;
  }

  private boolean elect(Layout layout) throws ProbeException {
    Set<Integer> drifted = drifted(layout);
    if (drifted.isEmpty()) return false;
    Set<TopicPartition> tps = new HashSet<>();
    for (Integer p : drifted) tps.add(new TopicPartition(config.topic, p));
    Map<TopicPartition, Optional<Throwable>> results =
        get(admin.electLeaders(ElectionType.PREFERRED, tps).partitions(), "electing preferred leaders of " + config.topic);
    List<Integer> elected = new ArrayList<>();
    for (Map.Entry<TopicPartition, Optional<Throwable>> r : results.entrySet()) {
      Throwable t = r.getValue().orElse(null);
      if (t == null) elected.add(r.getKey().partition());
      else if (!(t instanceof ElectionNotNeededException)) {
        log.info("Kafka cluster {}: preferred leader election of {} failed: {}", config.cluster, r.getKey(), t.toString());
      }
    }
    if (!elected.isEmpty()) {
      Collections.sort(elected);
      log.info("Kafka cluster {}: probe topic {}: preferred leaders elected for partitions {}", config.cluster, config.topic, elected);
    }
    return !elected.isEmpty();
  }

  private <T> T get(KafkaFuture<T> f, String what) throws ProbeException {
    try {
      return f.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ProbeException("no answer within " + timeoutMs + " ms while " + what, e);
    } catch (ExecutionException e) {
      throw new ProbeException(KafkaFailures.describe(e.getCause()) + " while " + what, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeException("interrupted while " + what, e);
    }
  }
}
