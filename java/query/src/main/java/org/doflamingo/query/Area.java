package org.doflamingo.query;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One of the three monitoring areas: which catalogue systems and series belong to it, and which
 * label names its clusters ({@code clusterName} in the REST API) and its members.
 */
public enum Area {
  KAFKA("kafka.", "cluster", Arrays.asList("broker", "controller", "client", "group"), "kafka-broker", "kafka-controller",
      "kafka-cluster", "kafka-consumer", "kafka-probe"),
  ZOOKEEPER("zookeeper.", "ensemble", Collections.singletonList("server"), "zookeeper"),
  FLUME("flume.", "agent", Collections.<String>emptyList(), "flume");

  /** Series of the area's own; host figures belong to the area whose labels they carry. */
  public final String prefix;
  /** The label naming a cluster, ensemble or agent. */
  public final String groupLabel;
  /** Labels naming a member, in the order a health tile is attributed. */
  public final List<String> memberLabels;
  public final List<String> systems;

  Area(String prefix, String groupLabel, List<String> memberLabels, String... systems) {
    this.prefix = prefix;
    this.groupLabel = groupLabel;
    this.memberLabels = memberLabels;
    this.systems = Arrays.asList(systems);
  }

  public boolean owns(String metric) {
    return metric.startsWith(prefix) || metric.startsWith("host.");
  }
}
