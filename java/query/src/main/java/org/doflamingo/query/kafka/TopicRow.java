package org.doflamingo.query.kafka;

import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.query.Columns;

/**
 * A topic: partitions, replication factor (most replicas of a partition), under-replicated
 * partitions, summed log-end offsets, throughput summed over the brokers (per second, one decimal)
 * and health; figures null when not current.
 */
public final class TopicRow {
  public static final Columns<TopicRow> COLUMNS = Columns.<TopicRow>of("cluster", r -> r.cluster).and("topic", r -> r.topic)
      .and("partitions", r -> r.partitions).and("replicationFactor", r -> r.replicationFactor)
      .and("underReplicated", r -> r.underReplicated).and("logEndOffset", r -> r.logEndOffset)
      .and("messagesIn", r -> r.messagesIn).and("bytesIn", r -> r.bytesIn).and("bytesOut", r -> r.bytesOut)
      .and("health", r -> r.health.rank()); // by how bad, not by name

  public final String cluster;
  public final String topic;
  /** Null when its partitions are not collected (the series policy leaves them out). */
  public final Long partitions;
  public Long replicationFactor;
  public Long underReplicated;
  public Long logEndOffset;
  public Double messagesIn;
  public Double bytesIn;
  public Double bytesOut;
  /** The catalogue's rules on what the row shows: under-replication, a partition without leader. */
  public Health health = Health.GREEN;
  /** True when the row is the last known state of a topic whose cluster's Admin target is not answering; null when current. */
  public Boolean stale;
  /** How old its partition count is, ms; null when current. */
  public Long ageMs;

  TopicRow(String cluster, String topic, Long partitions) {
    this.cluster = cluster;
    this.topic = topic;
    this.partitions = partitions;
  }
}
