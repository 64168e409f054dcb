package org.opencloudengine.flamingo2.doflamingo.web;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One of the three monitoring areas: which catalogue systems and series belong to it, and which
 * label names its clusters ({@code clusterName} in the REST API) and its members.
 */
enum Area {
  KAFKA("kafka.", "cluster", Arrays.asList("broker", "client", "group"), "kafka-broker", "kafka-cluster", "kafka-consumer"),
  ZOOKEEPER("zookeeper.", "ensemble", Collections.singletonList("server"), "zookeeper"),
  FLUME("flume.", "agent", Collections.<String>emptyList(), "flume");

  /** Series of the area's own; host figures belong to the area whose labels they carry. */
  final String prefix;
  /** The label naming a cluster, ensemble or agent. */
  final String groupLabel;
  /** Labels naming a member, in the order a health tile is attributed. */
  final List<String> memberLabels;
  final List<String> systems;

  Area(String prefix, String groupLabel, List<String> memberLabels, String... systems) {
    this.prefix = prefix;
    this.groupLabel = groupLabel;
    this.memberLabels = memberLabels;
    this.systems = Arrays.asList(systems);
  }

  boolean owns(String metric) {
    return metric.startsWith(prefix) || metric.startsWith("host.");
  }
}
