package org.doflamingo.collect.kafka;

import java.util.Collections;
import java.util.List;

/** The KRaft metadata quorum as DescribeQuorum tells it: leader, epoch, high watermark, voters and observers. */
final class QuorumView {
  /** A voter or observer: its node id, the end of its copy of the metadata log, when it last caught up (-1: never). */
  static final class Replica {
    final int id;
    final long logEndOffset;
    final long lastCaughtUpMs;

    Replica(int id, long logEndOffset, long lastCaughtUpMs) {
      this.id = id;
      this.logEndOffset = logEndOffset;
      this.lastCaughtUpMs = lastCaughtUpMs;
    }
  }

  final int leader;
  final long epoch;
  final long highWatermark;
  final List<Replica> voters;
  final List<Replica> observers;

  QuorumView(int leader, long epoch, long highWatermark, List<Replica> voters, List<Replica> observers) {
    this.leader = leader;
    this.epoch = epoch;
    this.highWatermark = highWatermark;
    this.voters = Collections.unmodifiableList(voters);
    this.observers = Collections.unmodifiableList(observers);
  }
}
