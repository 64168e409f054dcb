package org.doflamingo.query.flume;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A source, channel or sink of an agent: its agent and the agent node's id ({@code parent}), its
 * type as configured, whether the file configures it and the metrics report it, and its figures
 * (rates per second averaged over the last 30 s; fill and size as last read; null when not
 * current), each a field of its own: a source's rate and received, a channel's fill, size,
 * capacity, rate and drain, a sink's rate and failures.
 */
public final class ComponentNode extends FlowNode {
  public final String agent;
  public final String parent;
  public final String type;
  public final boolean configured;
  public final boolean reported;
  private final Map<String, Double> figures = new LinkedHashMap<>();

  ComponentNode(String id, String kind, String name, String agent, String parent, String type, boolean configured,
      boolean reported) {
    super(id, kind, name);
    this.agent = agent;
    this.parent = parent;
    this.type = type;
    this.configured = configured;
    this.reported = reported;
  }

  void figure(String field, Double value) {
    figures.put(field, value);
  }

  /** A figure by field name (rate, fill...), null when not current. */
  public Double figure(String field) {
    return figures.get(field);
  }

  @JsonAnyGetter
  public Map<String, Double> figures() {
    return figures;
  }

  @Override
  String owner() {
    return agent;
  }
}
