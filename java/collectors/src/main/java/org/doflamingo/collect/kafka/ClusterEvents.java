package org.doflamingo.collect.kafka;

import java.util.Set;
import java.util.TreeSet;
import org.doflamingo.collect.events.Bursts;
import org.doflamingo.collect.events.EventKinds;
import org.doflamingo.engine.Event;

/**
 * The cluster-wide transitions the Admin collector sees: the controller moving (ZooKeeper mode; in
 * KRaft the quorum's leader is the active controller), brokers joining
 * and leaving, the KRaft quorum electing a new leader, the under-replicated partition count
 * leaving or returning to 0, topics created and deleted. Each figure's first reading is its
 * baseline (a cluster first seen with 2,000 topics has created none). Memory: a few fields, the
 * live broker ids and the topic names of the last listing (one set entry per topic, about 50
 * bytes plus the name). Not thread-safe: one per Admin collector, one scrape at a time.
 */
final class ClusterEvents {
  private final String cluster;
  private Set<Integer> live;
  private Integer controller;
  private Integer quorumLeader;
  private Long quorumEpoch;
  private Integer underReplicated;
  private Set<String> topics;
  /**
   * The cluster has a KRaft quorum: its active controller is the quorum's leader ({@code
   * quorum.leader}), and what DescribeCluster calls the controller is a broker Kafka picks at random
   * for clients (KRaft controllers are not reachable by them), so it is no event.
   */
  private boolean kraft;

  ClusterEvents(String cluster) {
    this.cluster = cluster;
  }

  private Event.Builder at(long timeMs, String kind, Event.Severity severity) {
    return Event.at(timeMs, EventKinds.KAFKA, kind, severity).label("cluster", cluster);
  }

  static String broker(int id) {
    return id < 0 ? "none" : String.valueOf(id);
  }

  void cluster(AdminReads.ClusterView view, long timeMs, Bursts out) {
    if (!kraft && controller != null && controller != view.controller) {
      out.add(at(timeMs, EventKinds.CONTROLLER_MOVED, view.controller < 0 ? Event.Severity.CRITICAL : Event.Severity.WARNING)
          .change(broker(controller), broker(view.controller)).build(), "controller", "controller moves");
    }
    controller = view.controller;
    Set<Integer> now = new TreeSet<>(view.live);
    if (live != null) {
      for (Integer b : live) {
        if (!now.contains(b)) {
          out.add(at(timeMs, EventKinds.BROKER_LEFT, Event.Severity.CRITICAL).label("broker", String.valueOf(b)).change("live", "gone")
              .build(), "broker " + b, "brokers");
        }
      }
      for (Integer b : now) {
        if (!live.contains(b)) {
          out.add(at(timeMs, EventKinds.BROKER_JOINED, Event.Severity.INFO).label("broker", String.valueOf(b)).change("gone", "live")
              .build(), "broker " + b, "brokers");
        }
      }
    }
    live = now;
  }

  /** @param q null: the cluster has no quorum (ZooKeeper mode) */
  void quorum(QuorumView q, long timeMs, Bursts out) {
    if (q == null) return;
    kraft = true;
    if (quorumLeader != null && (quorumLeader != q.leader || quorumEpoch != q.epoch)) {
      // a new epoch with the same leader is an election the old leader won again: said too
      out.add(at(timeMs, EventKinds.QUORUM_LEADER, Event.Severity.WARNING).change(broker(quorumLeader), broker(q.leader))
          .message("epoch " + quorumEpoch + " -> " + q.epoch).build(), "quorum", "quorum elections");
    }
    quorumLeader = q.leader;
    quorumEpoch = q.epoch;
  }

  /**
   * The cluster's under-replicated partitions, summed over the topics' newest reads.
   * @param complete whether every topic has been described once (before, the sum is partial: not judged)
   */
  void underReplicated(int total, boolean complete, long timeMs, Bursts out) {
    if (!complete) return;
    if (underReplicated != null && (underReplicated == 0) != (total == 0)) {
      out.add(at(timeMs, EventKinds.UNDER_REPLICATED, total == 0 ? Event.Severity.INFO : Event.Severity.WARNING)
          .change(String.valueOf(underReplicated), String.valueOf(total)).build(), "cluster", "clusters");
    }
    underReplicated = total;
  }

  /** Topics as a partition cycle's start lists them. */
  void topics(Set<String> listed, long timeMs, Bursts out) {
    if (topics != null) {
      for (String t : listed) {
        if (!topics.contains(t)) out.add(at(timeMs, EventKinds.TOPIC_CREATED, Event.Severity.INFO).label("topic", t).build(), t, "topics");
      }
      for (String t : topics) {
        if (!listed.contains(t)) {
          out.add(at(timeMs, EventKinds.TOPIC_DELETED, Event.Severity.WARNING).label("topic", t).build(), t, "topics");
        }
      }
    }
    topics = listed;
  }
}
