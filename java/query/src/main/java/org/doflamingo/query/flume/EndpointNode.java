package org.doflamingo.query.flume;

/** Where an avro/thrift sink sends when no configured agent listens there: host:port, and the sink's type. */
public final class EndpointNode extends FlowNode {
  public String type;

  EndpointNode(String id, String name) {
    super(id, "endpoint", name);
  }
}
