package org.opencloudengine.flamingo2.doflamingo.web;

import org.doflamingo.query.Area;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /monitoring/flume}: agents: sources, channels, sinks, and the flow graph between them. */
@RestController
@RequestMapping("/monitoring/flume")
public class FlumeController extends AreaController {
  private final DoflamingoMonitor monitor;

  @Autowired
  public FlumeController(DoflamingoMonitor monitor) {
    super(monitor, Area.FLUME);
    this.monitor = monitor;
  }

  /**
   * The transport network: {@code map.nodes} (agents, their sources, channels and sinks with latest
   * rates and fill, Kafka topics, external endpoints, HDFS paths) and {@code map.edges} (flows inside
   * an agent, hops between them; {@code assumed} where no configFile says how an agent is wired).
   * {@code clusterName}: one agent and the agents and end points it exchanges events with.
   */
  @RequestMapping(value = "/flows", method = RequestMethod.GET)
  public Response flows(@RequestParam(value = "clusterName", required = false) String agent) {
    return Response.map(monitor.reads().flume().graph(agent == null || agent.isEmpty() ? null : agent, System.currentTimeMillis()).asMap());
  }
}
