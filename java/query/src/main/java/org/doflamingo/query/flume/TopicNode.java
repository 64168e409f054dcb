package org.doflamingo.query.flume;

/** A Kafka topic a sink writes to or a source reads: with the configured cluster whose bootstrap servers the component names, if any. */
public final class TopicNode extends FlowNode {
  public final String cluster;
  public final String bootstrapServers;

  TopicNode(String id, String name, String cluster, String bootstrapServers) {
    super(id, "topic", name);
    this.cluster = cluster;
    this.bootstrapServers = bootstrapServers;
  }
}
