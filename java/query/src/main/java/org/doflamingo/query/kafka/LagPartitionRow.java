package org.doflamingo.query.kafka;

/** One partition of a consumer group: its lag and committed offset now, with their series for history. */
public final class LagPartitionRow {
  public final String cluster;
  public final String topic;
  public final String partition;
  public Long lag;
  public Integer lagSeries;
  public Long committedOffset;
  public Integer committedOffsetSeries;

  LagPartitionRow(String cluster, String topic, String partition) {
    this.cluster = cluster;
    this.topic = topic;
    this.partition = partition;
  }
}
