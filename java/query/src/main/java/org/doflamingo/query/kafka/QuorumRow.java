package org.doflamingo.query.kafka;

import java.util.ArrayList;
import java.util.List;

/**
 * A Kafka cluster's KRaft metadata quorum as its Admin API last described it: leader (the active
 * controller), epoch, committed offset of the metadata log, and its voters then observers. Figures
 * are null when not current (the description failed, or the cluster has no quorum any more).
 */
public final class QuorumRow {
  public final String cluster;
  public Integer leader;
  public Integer leaderSeries;
  public Long epoch;
  public Integer epochSeries;
  public Long highWatermark;
  public Integer voters;
  public final List<QuorumMemberRow> members = new ArrayList<>();

  QuorumRow(String cluster) {
    this.cluster = cluster;
  }
}
