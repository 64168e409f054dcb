package org.doflamingo.collect.kafka;

import java.util.List;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.Scrape;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.collect.events.Bursts;
import org.doflamingo.engine.SeriesKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KRaft metadata quorum as the active controller describes it (DescribeQuorum, KIP-595 and
 * KIP-853), every scrape: leader, epoch and high watermark; per voter (labelled {@code
 * controller}) and per observer (labelled {@code broker}) its log end offset, its lag behind the
 * high watermark and how long ago it last caught up. The voters' and observers' own raft-metrics
 * MBeans say much of this too, but only from the nodes that are read over JMX; the quorum
 * describes every member, dead ones included. A cluster without a quorum (ZooKeeper mode) writes
 * nothing. A failed description costs the scrape nothing else: the quorum's series miss that
 * scrape (and read as not current), the cause is logged once until it changes.
 */
final class QuorumRead {
  private static final Logger LOG = LoggerFactory.getLogger(QuorumRead.class);

  private final String cluster;
  private final ClusterEvents events;
  private String lastFailure;

  QuorumRead(String cluster, ClusterEvents events) {
    this.cluster = cluster;
    this.events = events;
  }

  /**
   * Writes the quorum's series; returns the quorum described, or null when there is none (ZooKeeper
   * mode) or its description failed this scrape ({@link #failed}).
   */
  QuorumView read(AdminReads reads, Scrape out, long deadline, long nowMs, Bursts seen) {
    QuorumView q;
    try {
      q = reads.describeQuorum(deadline);
    } catch (CollectException e) {
      if (!e.getMessage().equals(lastFailure)) LOG.warn("{} (the quorum's series wait for the next scrape)", e.getMessage());
      lastFailure = e.getMessage();
      return null;
    }
    if (lastFailure != null) LOG.info("Kafka cluster {}: the metadata quorum is described again", cluster);
    lastFailure = null;
    if (q == null) return null;
    events.quorum(q, nowMs, seen);
    out.add(AdminCollector.key(cluster, MetricNames.QUORUM_LEADER), SeriesKind.GAUGE, q.leader);
    out.add(AdminCollector.key(cluster, MetricNames.QUORUM_EPOCH), SeriesKind.GAUGE, q.epoch);
    out.add(AdminCollector.key(cluster, MetricNames.QUORUM_HIGH_WATERMARK), SeriesKind.GAUGE, q.highWatermark);
    out.add(AdminCollector.key(cluster, MetricNames.QUORUM_VOTERS), SeriesKind.GAUGE, q.voters.size());
    long now = System.currentTimeMillis();
    replicas(q.voters, q.highWatermark, "controller", MetricNames.QUORUM_VOTER_LOG_END, MetricNames.QUORUM_VOTER_LAG,
        MetricNames.QUORUM_VOTER_CAUGHT_UP_AGE, now, out);
    replicas(q.observers, q.highWatermark, "broker", MetricNames.QUORUM_OBSERVER_LOG_END, MetricNames.QUORUM_OBSERVER_LAG,
        MetricNames.QUORUM_OBSERVER_CAUGHT_UP_AGE, now, out);
    return q;
  }

  /** Whether the last scrape's description failed (a KRaft cluster whose quorum did not answer). */
  boolean failed() {
    return lastFailure != null;
  }

  private void replicas(List<QuorumView.Replica> replicas, long highWatermark, String label, String logEnd, String lag,
      String caughtUpAge, long now, Scrape out) {
    for (QuorumView.Replica r : replicas) {
      String id = String.valueOf(r.id);
      out.add(AdminCollector.key(cluster, logEnd, label, id), SeriesKind.GAUGE, r.logEndOffset);
      // a replica just ahead of a high watermark read a moment earlier is not behind
      out.add(AdminCollector.key(cluster, lag, label, id), SeriesKind.GAUGE, Math.max(0, highWatermark - r.logEndOffset));
      // absent: never caught up since the leader took over (no value rather than a made-up age)
      double age = r.lastCaughtUpMs >= 0 ? Math.max(0, now - r.lastCaughtUpMs) : Double.NaN;
      out.add(AdminCollector.key(cluster, caughtUpAge, label, id), SeriesKind.GAUGE, age);
    }
  }
}
