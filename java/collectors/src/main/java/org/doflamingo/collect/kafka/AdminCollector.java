package org.doflamingo.collect.kafka;

import java.util.ArrayList;
import java.util.List;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.Collector;
import org.doflamingo.collect.Exclusions;
import org.doflamingo.collect.Scrape;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.collect.events.Bursts;
import org.doflamingo.collect.events.EventRecorder;
import org.doflamingo.config.KafkaClusterConfig;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * What a Kafka cluster says of itself through the Admin API, as Burrow reads it, at three
 * cadences: brokers, controller and the KRaft quorum ({@link QuorumRead}) every scrape; every partition's leader, replicas, in-sync
 * replicas and log-end offset every partition cycle ({@link PartitionCycle}); every consumer
 * group's committed offsets, members and lag every group cycle ({@link GroupCycle}). Cycles are
 * cut into batches spread over their scrapes, so a cluster of 20,000 partitions and 50,000 groups
 * costs each scrape a slice, never the whole; a scrape starts no further batch once most of its
 * timeout is spent (the rest wait for the next scrape: the cycle stretches, the scrape never times
 * out for the cluster's size), and a batch the brokers have not answered by the scrape's deadline
 * stays asked for the next scrape ({@link #behind} says so) rather than failing the scrape. Transitions seen on the way (the controller moving, brokers
 * leaving, leaders moving, ISRs shrinking, groups rebalancing or stalling: see {@link ClusterEvents},
 * {@link PartitionEvents}, {@link GroupEvents}) are recorded when the scrape ends, bursts of one kind
 * summarised ({@link Bursts}); they are recorded even when the scrape then fails, as they were seen.
 * Not thread-safe: one scrape at a time.
 */
public final class AdminCollector implements Collector {
  private final KafkaClusterConfig cluster;
  private final AdminReads reads;
  private final long timeoutMs;
  private final LagEvaluator lag;
  private final PartitionCycle partitions;
  private final GroupCycle groups;
  private final QuorumRead quorum;
  private final EventRecorder recorder;
  private final ClusterEvents clusterEvents;
  private final Bursts seen = new Bursts();
  private int lastCalls = -1;

  /** With Burrow-style lag status over a 5-minute window, nothing excluded, and replica assignments of its own. */
  public AdminCollector(KafkaClusterConfig cluster, long intervalMs, long timeoutMs) {
    this(cluster, intervalMs, timeoutMs, new LagEvaluator(300_000, 0.8), Exclusions.NONE, new ReplicaAssignments());
  }

  /**
   * @param intervalMs how often the scheduler scrapes: the cluster's cadences are counted in scrapes of it
   * @param timeoutMs the longest a scrape may take (every call of it shares this deadline)
   * @param assignments where each described partition's replica and in-sync broker ids are kept (the monitor's)
   */
  public AdminCollector(KafkaClusterConfig cluster, long intervalMs, long timeoutMs, LagEvaluator lag, Exclusions exclusions,
      ReplicaAssignments assignments) {
    this(cluster, intervalMs, timeoutMs, lag, exclusions, assignments, EventRecorder.NONE);
  }

  /** As above, recording the transitions it sees to {@code events}. */
  public AdminCollector(KafkaClusterConfig cluster, long intervalMs, long timeoutMs, LagEvaluator lag, Exclusions exclusions,
      ReplicaAssignments assignments, EventRecorder events) {
    this(cluster, new KafkaAdminReads(cluster, timeoutMs), intervalMs, timeoutMs, lag, exclusions, assignments, events);
  }

  AdminCollector(KafkaClusterConfig cluster, AdminReads reads, long intervalMs, long timeoutMs, LagEvaluator lag,
      Exclusions exclusions, ReplicaAssignments assignments) {
    this(cluster, reads, intervalMs, timeoutMs, lag, exclusions, assignments, EventRecorder.NONE);
  }

  AdminCollector(KafkaClusterConfig cluster, AdminReads reads, long intervalMs, long timeoutMs, LagEvaluator lag,
      Exclusions exclusions, ReplicaAssignments assignments, EventRecorder events) {
    KafkaClusterConfig.Cadence c = cluster.cadence;
    this.recorder = events;
    this.clusterEvents = new ClusterEvents(cluster.name);
    this.cluster = cluster;
    this.reads = reads;
    this.timeoutMs = timeoutMs;
    this.lag = lag;
    this.partitions = new PartitionCycle(cluster.name, exclusions, c.partitionBatchSize, c.partitionIntervalSeconds * 1000L, intervalMs,
        assignments, clusterEvents);
    this.groups = new GroupCycle(cluster.name, exclusions, c.groupBatchSize, c.groupIntervalSeconds * 1000L,
        c.emptyGroupIntervalSeconds * 1000L, intervalMs, lag);
    this.quorum = new QuorumRead(cluster.name, clusterEvents);
  }

  @Override
  public String target() {
    return "kafka " + cluster.name + " admin " + cluster.bootstrapServers();
  }

  @Override
  public void scrape(Scrape out) throws CollectException {
    long now = out.timeMillis();
    long start = System.currentTimeMillis();
    // a tenth kept back, so that a scrape whose batches wait still reports within the scheduler's timeout
    long deadline = start + timeoutMs - timeoutMs / 10;
    try {
      AdminReads.ClusterView view = reads.describeCluster(deadline);
      out.add(key(cluster.name, MetricNames.CLUSTER_BROKERS), SeriesKind.GAUGE, view.live.size());
      clusterEvents.cluster(view, now, seen);
      // In KRaft the active controller is the quorum's leader: what DescribeCluster calls the
      // controller there is a broker picked at random for clients. A KRaft cluster whose quorum was
      // not described this scrape gets no controller value rather than that broker's id.
      QuorumView q = quorum.read(reads, out, deadline, now, seen);
      if (q != null) out.add(key(cluster.name, MetricNames.CLUSTER_CONTROLLER), SeriesKind.GAUGE, q.leader);
      else if (!quorum.failed()) out.add(key(cluster.name, MetricNames.CLUSTER_CONTROLLER), SeriesKind.GAUGE, view.controller);
      // A cluster larger than its cadences allow stretches its cycles rather than fail its scrapes:
      // partition batches start in the first third of the timeout, group batches in the first two.
      partitions.read(reads, view.live, out, now, start + timeoutMs / 3, deadline, seen);
      groups.read(reads, tp -> partitions.ledByLive(tp, view.live), out, now, start + 2 * timeoutMs / 3, deadline, seen);
      partitions.commit();
      groups.commit();
    } finally {
      lastCalls = reads.takeCalls();
      seen.recordTo(recorder);
    }
  }

  @Override
  public String behind() {
    String p = partitions.waiting();
    String g = groups.waiting();
    if (p == null) return g;
    return g == null ? p : p + "; " + g;
  }

  /** Partitions whose state the event detector keeps (for sizing and tests). */
  int partitionsTracked() {
    return partitions.trackedPartitions();
  }

  /** Admin API calls the last scrape made. */
  @Override
  public int lastScrapeCalls() {
    return lastCalls;
  }

  /** A series of cluster {@code cluster}: its name and labels (keys and values in turn) after {@code cluster}. */
  static SeriesKey key(String cluster, String name, String... labels) {
    List<String> kv = new ArrayList<>();
    kv.add("cluster");
    kv.add(cluster);
    for (String l : labels) kv.add(l);
    return SeriesKey.of(name, kv.toArray(new String[0]));
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
    reads.close();
  }
}
