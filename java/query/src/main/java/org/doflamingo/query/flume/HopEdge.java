package org.doflamingo.query.flume;

/** A hop beyond an agent (sink to another agent's source, to a topic, endpoint or path; topic to source), with the sending side's rate. */
public final class HopEdge extends FlowEdge {
  /** Events per second, null when not current. */
  public final Double rate;

  HopEdge(String from, String to, Double rate) {
    super(from, to, "hop", false);
    this.rate = rate;
  }
}
