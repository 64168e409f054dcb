package org.doflamingo.config;

import java.util.Locale;
import java.util.Map;

/**
 * What a series is about, read from its labels alone: a consumer group's partition, a partition
 * (or a replica of one), a consumer group, a topic, or anything wider (cluster, broker, server,
 * agent, the host, Doflamingo itself). Each level has the retention class of the same name unless
 * a rule or the catalogue says otherwise.
 */
public enum SeriesLevel {
  CLUSTER, TOPIC, GROUP, PARTITION, GROUP_PARTITION;

  /** The level of a series with these labels: group and partition, partition, group, topic, else cluster. */
  public static SeriesLevel of(Map<String, String> labels) {
    boolean partition = labels.containsKey("partition");
    boolean group = labels.containsKey("group");
    if (partition) return group ? GROUP_PARTITION : PARTITION;
    if (group) return GROUP;
    return labels.containsKey("topic") ? TOPIC : CLUSTER;
  }

  /** As written in the configuration and as a class name: cluster, topic, group, partition, group-partition. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The level written {@code text}, or null. */
  public static SeriesLevel parse(String text) {
    for (SeriesLevel l : values()) if (l.label().equals(text)) return l;
    return null;
  }
}
