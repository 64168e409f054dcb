package org.doflamingo.collect.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.Exclusions;
import org.doflamingo.collect.NoAnswerInTime;
import org.doflamingo.collect.Scrape;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.collect.events.Bursts;
import org.doflamingo.engine.SeriesKind;

/**
 * The Admin collector's partition reads: every partition's leader, replicas, in-sync replicas
 * and log-end offset once per partition cycle. The topics are listed when a cycle starts and cut
 * into batches of about {@code batchSize} partitions (by their partition counts of the cycle
 * before; a topic larger than a batch is a batch of its own), one describeTopics and one
 * listOffsets per batch, spread over the cycle's scrapes ({@link Cycle}). Partition series are
 * written when their batch is read; each topic's under-replicated count, a topic-level figure, is
 * written every scrape from its newest read, so topic history keeps the interval's resolution.
 * The replicas' and in-sync replicas' broker ids, which are not series, go to the monitor's
 * {@link ReplicaAssignments} as each topic is described.
 * Transitions: per partition as it is described ({@link PartitionEvents}), topics created and
 * deleted as a cycle's listing shows them, and the cluster's under-replicated count once every
 * topic has been described ({@link ClusterEvents}).
 */
final class PartitionCycle {
  private final String cluster;
  private final Exclusions exclusions;
  private final int batchSize;
  private final Cycle cycle;
  private final ReplicaAssignments assignments;
  private final List<List<String>> plan = new ArrayList<>();
  private final Map<String, Integer> partitionCounts = new HashMap<>();
  private final Map<String, Integer> underReplicated = new TreeMap<>();
  /** Each partition's leader as last described, for the group reads: a partition led by a dead broker has no log end to read. */
  private final Map<TopicPartition, Integer> leaders = new HashMap<>();
  private int readUntil;
  private String waiting;
  /** When the last read ran (the scrape's time), to tell how late its cycle is. */
  private long lastReadMs;
  private final PartitionEvents partitionEvents;
  private final ClusterEvents clusterEvents;
  /** Every topic has been described at least once: the under-replicated sum is whole. */
  private boolean describedAll;

  PartitionCycle(String cluster, Exclusions exclusions, int batchSize, long cycleMs, long intervalMs,
      ReplicaAssignments assignments, ClusterEvents clusterEvents) {
    this.cluster = cluster;
    this.assignments = assignments;
    this.clusterEvents = clusterEvents;
    this.partitionEvents = new PartitionEvents(cluster);
    this.exclusions = exclusions;
    this.batchSize = batchSize;
    this.cycle = new Cycle(cycleMs, intervalMs);
  }

  /**
   * Reads the batches due at {@code nowMs} into {@code out}; {@link #commit} once the scrape succeeded.
   * @param budgetEnd no batch but the first starts after this: the others wait for the next scrape
   */
  void read(AdminReads reads, Set<Integer> live, Scrape out, long nowMs, long budgetEnd, long deadline, Bursts events)
      throws CollectException {
    waiting = null;
    lastReadMs = nowMs;
    if (cycle.dueAt(nowMs)) {
      Set<String> listed;
      try {
        listed = reads.listTopics(deadline);
      } catch (NoAnswerInTime e) {
        waiting = e.getMessage(); // the listing is still asked: the cycle starts when it answers
        readUntil = cycle.done();
        return;
      }
      clusterEvents.topics(listed, nowMs, events);
      plan(listed, nowMs);
    }
    int due = cycle.dueUntil(nowMs);
    int b = cycle.done();
    for (; b < due && (b == cycle.done() || System.currentTimeMillis() < budgetEnd); b++) {
      try {
        readBatch(reads, plan.get(b), live, out, nowMs, deadline, events);
      } catch (NoAnswerInTime e) {
        // A batch the brokers answer slowly stretches the cycle: its calls stay asked, the next scrape takes their answers.
        waiting = e.getMessage();
        break;
      }
    }
    readUntil = b;
    int total = 0;
    for (Map.Entry<String, Integer> e : underReplicated.entrySet()) {
      out.add(AdminCollector.key(cluster, MetricNames.TOPIC_UNDER_REPLICATED, "topic", e.getKey()), SeriesKind.GAUGE, e.getValue());
      total += e.getValue();
    }
    // the first cycle's last batch read makes the sum whole, whether or not the rest of the scrape succeeds
    if (b >= plan.size()) describedAll = true;
    clusterEvents.underReplicated(total, describedAll, nowMs, events);
  }

  /** What the last read waits for (a batch or the listing the brokers have not answered yet) or how late its cycle runs, or null. */
  String waiting() {
    return waiting != null ? waiting : cycle.overdue("partition", lastReadMs);
  }

  private void readBatch(AdminReads reads, List<String> topics, Set<Integer> live, Scrape out, long nowMs, long deadline, Bursts events)
      throws CollectException {
    Map<String, TopicDescription> described = reads.describeTopics(topics, deadline);
    List<TopicPartition> led = new ArrayList<>();
    for (TopicDescription d : described.values()) {
      partitionCounts.put(d.name(), d.partitions().size());
      boolean excluded = exclusions.excludesTopic(cluster, d.name());
      int under = 0;
      int size = 0;
      for (TopicPartitionInfo p : d.partitions()) size = Math.max(size, p.partition() + 1);
      int[] leaderIds = new int[size];
      int[][] replicaIds = new int[size][];
      int[][] isrIds = new int[size][];
      for (TopicPartitionInfo p : d.partitions()) {
        TopicPartition tp = new TopicPartition(d.name(), p.partition());
        String partition = String.valueOf(p.partition());
        int leader = p.leader() == null ? -1 : p.leader().id();
        leaders.put(tp, leader);
        leaderIds[p.partition()] = leader;
        replicaIds[p.partition()] = p.replicas().stream().mapToInt(n -> n.id()).toArray();
        isrIds[p.partition()] = p.isr().stream().mapToInt(n -> n.id()).toArray();
        partitionEvents.described(tp, p, nowMs, events);
        // A partition without a live leader has no log-end offset to read (its lag waits for the next
        // read); an excluded topic's are not read at all (its partition and lag series are not kept).
        if (live.contains(leader) && !excluded) led.add(tp);
        out.add(AdminCollector.key(cluster, MetricNames.PARTITION_LEADER, "topic", d.name(), "partition", partition), SeriesKind.GAUGE, leader);
        out.add(AdminCollector.key(cluster, MetricNames.PARTITION_REPLICAS, "topic", d.name(), "partition", partition), SeriesKind.GAUGE,
            p.replicas().size());
        out.add(AdminCollector.key(cluster, MetricNames.PARTITION_ISR, "topic", d.name(), "partition", partition), SeriesKind.GAUGE,
            p.isr().size());
        if (p.isr().size() < p.replicas().size()) under++;
      }
      underReplicated.put(d.name(), under);
      assignments.putTopic(cluster, d.name(), leaderIds, replicaIds, isrIds);
    }
    for (Map.Entry<TopicPartition, Long> e : reads.logEndOffsets(led, deadline).entrySet()) {
      out.add(AdminCollector.key(cluster, MetricNames.PARTITION_LOG_END, "topic", e.getKey().topic(), "partition",
          String.valueOf(e.getKey().partition())), SeriesKind.GAUGE, e.getValue());
    }
  }

  /** The batches read by the scrape that just succeeded count as read. */
  void commit() {
    cycle.advanceTo(readUntil);
  }

  /** Partitions whose state the detector keeps, for tests and sizing. */
  int trackedPartitions() {
    return partitionEvents.partitions();
  }

  /** Whether the partition's leader, as last described, is among {@code live}; true when it was never described. */
  boolean ledByLive(TopicPartition tp, Set<Integer> live) {
    Integer leader = leaders.get(tp);
    return leader == null || live.contains(leader);
  }

  private void plan(Set<String> listed, long nowMs) {
    // Excluded topics are described too: their under-replicated count is a topic-level figure.
    Set<String> topics = new TreeSet<>(listed);
    partitionCounts.keySet().retainAll(topics);
    underReplicated.keySet().retainAll(topics);
    leaders.keySet().removeIf(tp -> !topics.contains(tp.topic()));
    assignments.retainTopics(cluster, topics);
    partitionEvents.retainTopics(topics);
    plan.clear();
    int unknown = Math.max(1, batchSize / cycle.slots());
    List<String> batch = new ArrayList<>();
    int size = 0;
    for (String t : topics) {
      // A topic never described yet counts as a slot's share of a batch: a first cycle of many
      // topics is spread too, and its counts are known from the next cycle on.
      int partitions = partitionCounts.getOrDefault(t, unknown);
      if (!batch.isEmpty() && size + partitions > batchSize) {
        plan.add(batch);
        batch = new ArrayList<>();
        size = 0;
      }
      batch.add(t);
      size += partitions;
    }
    if (!batch.isEmpty()) plan.add(batch);
    cycle.start(nowMs, plan.size());
  }
}
