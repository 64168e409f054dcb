package org.doflamingo.query.flume;

/** A flow inside an agent (source to channel, channel to sink): node ids, and {@code assumed} where no configFile says so. */
public class FlowEdge {
  public final String from;
  public final String to;
  /** flow inside an agent, hop beyond it. */
  public final String kind;
  public final boolean assumed;

  FlowEdge(String from, String to, String kind, boolean assumed) {
    this.from = from;
    this.to = to;
    this.kind = kind;
    this.assumed = assumed;
  }
}
