package org.doflamingo.query.flume;

/**
 * A node of the Flume flow graph: {@code id} (opaque: n0, n1...), {@code kind} (agent, source,
 * channel, sink, topic, endpoint, path) and {@code name} as written (any text: the page shows it
 * as text). A path (an HDFS sink's) is only that; the other kinds say more.
 */
public class FlowNode {
  public final String id;
  public final String kind;
  public final String name;

  FlowNode(String id, String kind, String name) {
    this.id = id;
    this.kind = kind;
    this.name = name;
  }

  /** The agent this node is a component of; null for agents and end nodes. */
  String owner() {
    return null;
  }
}
