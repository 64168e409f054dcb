package org.doflamingo.query.flume;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Flume transport network: nodes (agents, their components, end points) and the edges between them. */
public final class FlowGraph {
  public final List<FlowNode> nodes;
  public final List<FlowEdge> edges;

  FlowGraph(List<FlowNode> nodes, List<FlowEdge> edges) {
    this.nodes = nodes;
    this.edges = edges;
  }

  /** {@code {nodes, edges}}: the REST envelope's map. */
  public Map<String, Object> asMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("nodes", nodes);
    out.put("edges", edges);
    return out;
  }
}
