package org.opencloudengine.flamingo2.doflamingo.web;

import java.util.Map;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.flume.FlumeFlows;
import org.doflamingo.collect.flume.FlumeTopologies;

/**
 * {@code /monitoring/flume/flows}: the Flume transport network as the collectors' {@link FlumeFlows}
 * builds it (agents with their sources, channels and sinks, flows and next hops, wiring from the
 * agents' own configuration files where given). One per module: it keeps the topologies read from
 * those files, so a file is parsed again only when it changed, and it follows the monitor should
 * the host open a new one.
 */
final class FlumeFlowQueries {
  private Monitor monitor;
  private FlumeFlows flows;

  /** The graph of every agent, or of {@code agent} and its direct neighbours; a 400 for an unknown agent. */
  Map<String, Object> flows(Monitor current, String agent) {
    return flowsOf(current).graph(agent, System.currentTimeMillis());
  }

  private synchronized FlumeFlows flowsOf(Monitor current) {
    if (current != monitor) {
      monitor = current;
      flows = new FlumeFlows(current.config(), current.engine(), new FlumeTopologies());
    }
    return flows;
  }
}
