package org.doflamingo.query.flume;

import java.util.List;

/** A configured agent: its host, whether its wiring is configured (from its configFile) or assumed, and what is wrong with that file. */
public final class AgentNode extends FlowNode {
  public final String host;
  /** configured or assumed. */
  public final String wiring;
  public final String configFile;
  /** Why the file could not be used, naming the field; null when it could (or none is given). */
  public final String error;
  /** What Flume would refuse in the file. */
  public final List<String> problems;

  AgentNode(String id, String name, String host, String wiring, String configFile, String error, List<String> problems) {
    super(id, "agent", name);
    this.host = host;
    this.wiring = wiring;
    this.configFile = configFile;
    this.error = error;
    this.problems = problems;
  }
}
