package org.doflamingo.query.flume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.doflamingo.cluster.FlumeTransport;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.collect.Monitor;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.query.Reads;
import org.junit.jupiter.api.Test;

/**
 * Real Flume agents as a two-tier transport network: an edge agent (HTTP source -> memory channel
 * -> avro sink) sending to a collector agent (avro source -> memory channel -> Kafka sink) that
 * writes into one KRaft broker; the flow graph from both agents' own configuration files with
 * the rates a monitor stored, as Jackson writes it.
 */
class FlumeFlowsIT {
  private static final String TOPIC = "flume-flows";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path base = Paths.get("target", "it", "flume-flows");

  @Test
  void theFlowGraphShowsEdgeThenCollectorThenTheKafkaTopicWithRealRates() throws Exception {
    try (FlumeTransport network = FlumeTransport.start(base, TOPIC)) {
      Path storage = Files.createTempDirectory(Files.createDirectories(base), "storage-");
      MonitorConfig config = MonitorConfig.parse(MonitorJson.of(storage, 2, "it", null, network.kafka,
          Arrays.asList(network.edge, network.collector)));
      try (Monitor monitor = Monitor.open(config, System.currentTimeMillis())) {
        FlumeFlows flows = new Reads(monitor).flume();
        long deadline = System.currentTimeMillis() + 90_000;
        int batch = 0;
        FlowGraphAnswer g = null;
        // events through both agents, 20 every half second, until each hop's stored rate is above zero
        while (System.currentTimeMillis() < deadline) {
          List<String> events = new ArrayList<>();
          for (int i = 0; i < 20; i++) events.add("flow-" + batch + "-" + i);
          assertEquals(200, network.edge.postEvents(events));
          batch++;
          monitor.tick(System.currentTimeMillis());
          Thread.sleep(500);
          g = new FlowGraphAnswer(JSON.convertValue(flows.graph(null, System.currentTimeMillis()).asMap(), Map.class));
          if (FlowGraphAnswer.positive(g.edge(g.node("sink", "edge", "avro"), g.node("source", "collector", "avro")).get("rate"))
              && FlowGraphAnswer.positive(g.edge(g.node("sink", "collector", "kafka"), g.node("topic", null, TOPIC)).get("rate"))
              && FlowGraphAnswer.positive(g.node("source", "edge", "http").get("rate"))) {
            break;
          }
        }
        assertNotNull(g);
        Map<String, Object> hop = g.edge(g.node("sink", "edge", "avro"), g.node("source", "collector", "avro"));
        assertEquals("hop", hop.get("kind"));
        assertEquals(false, hop.get("assumed"));
        assertTrue(FlowGraphAnswer.positive(hop.get("rate")), "edge -> collector carries events: " + hop);
        Map<String, Object> topic = g.node("topic", null, TOPIC);
        assertEquals("it", topic.get("cluster"), "the topic is on the configured Kafka cluster");
        assertTrue(FlowGraphAnswer.positive(g.edge(g.node("sink", "collector", "kafka"), topic).get("rate")), "collector -> topic carries events");
        assertTrue(FlowGraphAnswer.positive(g.node("source", "edge", "http").get("rate")));
        assertTrue(FlowGraphAnswer.positive(g.node("source", "collector", "avro").get("rate")));
        for (String agent : new String[] {"edge", "collector"}) {
          Map<String, Object> a = g.node("agent", null, agent);
          assertEquals("configured", a.get("wiring"), agent + " wired from its own file: " + a);
          assertEquals(null, a.get("error"));
          assertTrue(((List<?>) a.get("problems")).isEmpty(), a.toString());
          Map<String, Object> mem = g.node("channel", agent, "mem");
          assertNotNull(mem.get("fill"), "fill level of " + agent + "'s channel");
          assertEquals(false, g.edge(mem, g.node("sink", agent, agent.equals("edge") ? "avro" : "kafka")).get("assumed"));
        }
      }
    }
  }
}
