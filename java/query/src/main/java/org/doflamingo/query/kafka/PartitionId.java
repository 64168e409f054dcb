package org.doflamingo.query.kafka;

import org.doflamingo.engine.SeriesKey;

/** A partition of a topic of a cluster: joins a partition's series, and orders rows (numbers in numeric order, before any text). */
final class PartitionId implements Comparable<PartitionId> {
  final String cluster;
  final String topic;
  final Object partition;

  PartitionId(String cluster, String topic, Object partition) {
    this.cluster = cluster == null ? "" : cluster;
    this.topic = topic;
    this.partition = partition;
  }

  /** The partition a series is of; null for a series without topic and partition labels. */
  static PartitionId of(SeriesKey k) {
    String topic = k.label("topic");
    String partition = k.label("partition");
    return topic == null || partition == null ? null : new PartitionId(k.label("cluster"), topic, number(partition));
  }

  /** Partitions are numbers (so they sort 0, 1, 2, 10); a label that is not one stays text. */
  private static Object number(String label) {
    try {
      return Integer.valueOf(label);
    } catch (NumberFormatException e) {
      return label;
    }
  }

  @Override
  public int compareTo(PartitionId o) {
    int c = cluster.compareTo(o.cluster);
    if (c == 0) c = topic.compareTo(o.topic);
    if (c != 0) return c;
    boolean number = partition instanceof Integer;
    if (number != o.partition instanceof Integer) return number ? -1 : 1;
    return number ? ((Integer) partition).compareTo((Integer) o.partition) : partition.toString().compareTo(o.partition.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PartitionId && ((PartitionId) o).cluster.equals(cluster) && ((PartitionId) o).topic.equals(topic)
        && ((PartitionId) o).partition.equals(partition);
  }

  @Override
  public int hashCode() {
    return (cluster.hashCode() * 31 + topic.hashCode()) * 31 + partition.hashCode();
  }
}
