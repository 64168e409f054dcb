package org.doflamingo.query.flume;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A flow graph as its JSON reads back ({@code nodes}, {@code edges}), with lookups that fail
 * naming what is missing. Shared by the query module's tests and the Flamingo module's controller
 * tests (this module's test jar), which read the same graph through REST.
 */
public final class FlowGraphAnswer {
  public final List<Map<String, Object>> nodes;
  public final List<Map<String, Object>> edges;

  @SuppressWarnings("unchecked")
  public FlowGraphAnswer(Map<?, ?> map) {
    nodes = (List<Map<String, Object>>) map.get("nodes");
    edges = (List<Map<String, Object>>) map.get("edges");
  }

  /** The node of this kind and name (of this agent, unless null). */
  public Map<String, Object> node(String kind, String agent, String name) {
    for (Map<String, Object> n : nodes) {
      if (n.get("kind").equals(kind) && n.get("name").equals(name) && (agent == null || agent.equals(n.get("agent")))) return n;
    }
    throw new AssertionError("no " + kind + " " + name + (agent == null ? "" : " of " + agent) + " in " + nodes);
  }

  public Map<String, Object> edge(Map<String, Object> from, Map<String, Object> to) {
    for (Map<String, Object> e : edges) if (e.get("from").equals(from.get("id")) && e.get("to").equals(to.get("id"))) return e;
    throw new AssertionError("no edge " + from.get("name") + " -> " + to.get("name") + " in " + edges);
  }

  /** Every edge from or to {@code n}. */
  public List<Map<String, Object>> edgesOf(Map<String, Object> n) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> e : edges) if (e.get("from").equals(n.get("id")) || e.get("to").equals(n.get("id"))) out.add(e);
    return out;
  }

  /** A rate that shows events flowing. */
  public static boolean positive(Object rate) {
    return rate instanceof Double && (Double) rate > 0;
  }
}
