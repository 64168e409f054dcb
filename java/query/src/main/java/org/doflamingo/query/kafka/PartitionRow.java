package org.doflamingo.query.kafka;

import org.doflamingo.query.Columns;

/**
 * A partition with a current leader: leader, replicas, in-sync replicas, under-replication and
 * log-end offset, each with its series for history. Figures other than the leader are read for
 * the rows the sort needs and the page shown (null elsewhere, and where not current).
 */
public final class PartitionRow {
  public static final Columns<PartitionRow> COLUMNS = Columns.<PartitionRow>of("cluster", r -> r.cluster)
      .and("topic", r -> r.topic).and("partition", r -> r.partition).and("leader", r -> r.leader)
      .and("replicas", r -> r.replicas).and("isr", r -> r.isr).and("underReplicated", r -> r.underReplicated)
      .and("logEndOffset", r -> r.logEndOffset);

  public final String cluster;
  public final String topic;
  /** The partition number, or its label as text when it is not a number. */
  public final Object partition;
  public final int leader;
  public final int leaderSeries;
  public Integer replicas;
  public Integer replicasSeries;
  public Integer isr;
  public Integer isrSeries;
  /**
   * The replicas' broker ids in Kafka's order (the preferred leader first) and the in-sync ones, as
   * the Admin collector last described the partition (page rows only; null when not described since
   * the monitor started). Not series: {@link org.doflamingo.collect.kafka.ReplicaAssignments}.
   */
  public java.util.List<Integer> replicaIds;
  public java.util.List<Integer> isrIds;
  public Boolean underReplicated;
  public Long logEndOffset;
  public Integer logEndOffsetSeries;
  /** True when the row is the last known state of a partition whose cluster's Admin target is not answering or is behind; null when current. */
  public Boolean stale;
  /** How old the leader value of a stale row is, ms; null when current. */
  public Long ageMs;

  PartitionRow(PartitionId p, int leader, int leaderSeries) {
    this.cluster = p.cluster;
    this.topic = p.topic;
    this.partition = p.partition;
    this.leader = leader;
    this.leaderSeries = leaderSeries;
  }

  PartitionId id() {
    return new PartitionId(cluster, topic, partition);
  }
}
