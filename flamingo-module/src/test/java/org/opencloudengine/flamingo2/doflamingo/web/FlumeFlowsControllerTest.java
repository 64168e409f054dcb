package org.opencloudengine.flamingo2.doflamingo.web;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.doflamingo.collect.Monitor;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.query.flume.FlowGraphAnswer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.opencloudengine.flamingo2.doflamingo.TestMonitors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * {@code /monitoring/flume/flows} over a real engine: an edge agent (HTTP source, avro sink) sending
 * to a collector agent (avro source, Kafka sink into a configured cluster), wired from their own
 * files; an agent without a file (wiring assumed) and one whose file is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlumeFlowsControllerTest {
  private static final String SCRIPT = "<script>alert(1)</script>";
  @TempDir
  static Path dir;
  private DoflamingoMonitor monitor;
  private MockMvc mvc;
  private Path edgeConf;

  @BeforeAll
  void start() throws Exception {
    int closed = TestMonitors.closedPort();
    edgeConf = write("edge.conf", ""
        + "edge.sources = web\n"
        + "edge.channels = mem\n"
        + "edge.sinks = " + SCRIPT + " dead\n"
        + "edge.sources.web.type = http\n"
        + "edge.sources.web.bind = 0.0.0.0\n"
        + "edge.sources.web.port = 8081\n"
        + "edge.sources.web.channels = mem\n"
        + "edge.channels.mem.type = memory\n"
        + "edge.sinks." + SCRIPT + ".type = avro\n"
        + "edge.sinks." + SCRIPT + ".hostname = F2.example.com\n"
        + "edge.sinks." + SCRIPT + ".port = 4141\n"
        + "edge.sinks." + SCRIPT + ".channel = mem\n"
        + "edge.sinks.dead.type = thrift\n"
        + "edge.sinks.dead.hostname = elsewhere\n"
        + "edge.sinks.dead.port = 4142\n"
        + "edge.sinks.dead.channel = mem\n");
    Path collectorConf = write("collector.conf", ""
        + "agent.sources = fromEdges\n"
        + "agent.channels = fc\n"
        + "agent.sinks = toKafka\n"
        + "agent.sources.fromEdges.type = avro\n"
        + "agent.sources.fromEdges.bind = 0.0.0.0\n"
        + "agent.sources.fromEdges.port = 4141\n"
        + "agent.sources.fromEdges.channels = fc\n"
        + "agent.channels.fc.type = file\n"
        + "agent.sinks.toKafka.type = org.apache.flume.sink.kafka.KafkaSink\n"
        + "agent.sinks.toKafka.kafka.topic = events\n"
        + "agent.sinks.toKafka.kafka.bootstrap.servers = unknown:9092,127.0.0.1:" + closed + "\n"
        + "agent.sinks.toKafka.channel = fc\n");
    String json = "{\"storage\": {\"path\": " + quote(dir.resolve("data")) + "},"
        + "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"id\": 1, \"host\": \"127.0.0.1\", \"jmxPort\": " + closed
        + ", \"bootstrap\": \"127.0.0.1:" + closed + "\"}]}],"
        + "\"flume\": ["
        + "{\"name\": \"edge\", \"host\": \"f1.example.com\", \"httpPort\": " + closed + ", \"configFile\": " + quote(edgeConf) + "},"
        + "{\"name\": \"collector\", \"agentName\": \"agent\", \"host\": \"f2.example.com\", \"httpPort\": " + closed
        + ", \"configFile\": " + quote(collectorConf) + "},"
        + "{\"name\": \"legacy\", \"host\": \"f3\", \"httpPort\": " + closed + "},"
        + "{\"name\": \"broken\", \"host\": \"f4\", \"httpPort\": " + closed + ", \"configFile\": " + quote(dir.resolve("gone.conf")) + "}]}";
    Path config = dir.resolve("doflamingo.json");
    Files.write(config, json.getBytes(StandardCharsets.UTF_8));
    monitor = TestMonitors.openConfig(config);
    Monitor m = monitor.get();
    long step = m.engine().baseStepMs();
    long t = System.currentTimeMillis() / step * step;
    TestMonitors.write(m, t,
        SeriesKey.of("flume.source.EventAcceptedCount", "agent", "edge", "component", "web"), 20,
        SeriesKey.of("flume.channel.ChannelFillPercentage", "agent", "edge", "component", "mem"), 12.5,
        SeriesKey.of("flume.channel.EventPutSuccessCount", "agent", "edge", "component", "mem"), 20,
        SeriesKey.of("flume.sink.EventDrainSuccessCount", "agent", "edge", "component", SCRIPT), 19,
        SeriesKey.of("flume.source.EventAcceptedCount", "agent", "collector", "component", "fromEdges"), 19,
        SeriesKey.of("flume.sink.EventDrainSuccessCount", "agent", "collector", "component", "toKafka"), 18,
        // a component the file does not list (the file is older than the running agent): shown, unwired
        SeriesKey.of("flume.sink.EventDrainSuccessCount", "agent", "collector", "component", "hdfsNew"), 1,
        SeriesKey.of("flume.source.EventAcceptedCount", "agent", "legacy", "component", "r1"), 5,
        SeriesKey.of("flume.channel.ChannelSize", "agent", "legacy", "component", "c1"), 3,
        SeriesKey.of("flume.channel.ChannelSize", "agent", "legacy", "component", "c2"), 4,
        SeriesKey.of("flume.sink.EventDrainSuccessCount", "agent", "legacy", "component", "k1"), 5);
    mvc = MockMvcBuilders.standaloneSetup(new FlumeController(monitor)).build();
  }

  @AfterAll
  void stop() {
    monitor.destroy();
  }

  @Test
  void theEdgeAgentsAvroSinkHopsToTheCollectorWhoseSourceBindsThatAddressAndOnIntoTheKafkaTopic() throws Exception {
    FlowGraphAnswer g = graph(null);
    Map<String, Object> sink = g.node("sink", "edge", SCRIPT);
    Map<String, Object> source = g.node("source", "collector", "fromEdges");
    assertEquals(19.0, sink.get("rate"));
    assertEquals("avro", sink.get("type"));
    Map<String, Object> hop = g.edge(sink, source);
    assertEquals("hop", hop.get("kind"));
    assertEquals(false, hop.get("assumed"));
    assertEquals(19.0, hop.get("rate"));

    Map<String, Object> topic = g.node("topic", null, "events");
    assertEquals("prod", topic.get("cluster"), "the configured cluster whose bootstrap servers the sink names");
    assertEquals(18.0, g.edge(g.node("sink", "collector", "toKafka"), topic).get("rate"));
    // inside the agents: exactly the file's wiring
    assertEquals("flow", g.edge(g.node("source", "edge", "web"), g.node("channel", "edge", "mem")).get("kind"));
    g.edge(g.node("channel", "collector", "fc"), g.node("sink", "collector", "toKafka"));
    Map<String, Object> mem = g.node("channel", "edge", "mem");
    assertEquals(12.5, mem.get("fill"));
    assertEquals(20.0, mem.get("rate"));
    assertEquals(null, mem.get("drain"), "no series: no figure, never a made-up 0");
    Map<String, Object> agent = g.node("agent", null, "edge");
    assertEquals("configured", agent.get("wiring"));
    assertEquals(edgeConf.toString(), agent.get("configFile"));
  }

  @Test
  void aSinkToNoConfiguredAgentEndsAtAnExternalEndpointAndUnlistedComponentsStayUnwired() throws Exception {
    FlowGraphAnswer g = graph(null);
    Map<String, Object> end = g.node("endpoint", null, "elsewhere:4142");
    assertEquals("thrift", end.get("type"));
    g.edge(g.node("sink", "edge", "dead"), end);
    Map<String, Object> hdfsNew = g.node("sink", "collector", "hdfsNew");
    assertEquals(false, hdfsNew.get("configured"));
    assertEquals(true, hdfsNew.get("reported"));
    assertEquals(0, g.edgesOf(hdfsNew).size());
    assertEquals(false, g.node("sink", "edge", "dead").get("reported"), "configured, never reported");
  }

  @Test
  void withoutAFileEverySourceAndSinkIsJoinedToEveryChannelAndMarkedAssumed() throws Exception {
    FlowGraphAnswer g = graph(null);
    assertEquals("assumed", g.node("agent", null, "legacy").get("wiring"));
    for (String channel : new String[] {"c1", "c2"}) {
      Map<String, Object> ch = g.node("channel", "legacy", channel);
      assertEquals(true, g.edge(g.node("source", "legacy", "r1"), ch).get("assumed"));
      assertEquals(true, g.edge(ch, g.node("sink", "legacy", "k1")).get("assumed"));
    }
    Map<String, Object> broken = g.node("agent", null, "broken");
    assertEquals("assumed", broken.get("wiring"));
    String missing = "flume[3].configFile: " + dir.resolve("gone.conf") + " does not exist";
    assertEquals(missing, broken.get("error"));
    // said at start too, and the monitor runs: the broken agent's target is collected like the others
    assertEquals(java.util.Collections.singletonList(missing), DoflamingoMonitor.unusableFlumeFiles(monitor.get().config()));
    assertEquals(1L, monitor.get().targets().stream().filter(t -> t.group.equals("broken")).count());
  }

  @Test
  void oneAgentComesWithItsNeighboursAndEndPointsOnly() throws Exception {
    mvc.perform(get("/monitoring/flume/flows").param("clusterName", "collector")).andExpect(status().isOk())
        .andExpect(jsonPath("$.map.nodes[?(@.kind == 'agent')].name", containsInAnyOrder("edge", "collector")))
        .andExpect(jsonPath("$.map.nodes[?(@.kind == 'topic')].name", contains("events")))
        .andExpect(jsonPath("$.map.nodes[?(@.kind == 'endpoint')].name", contains("elsewhere:4142")))
        .andExpect(jsonPath("$.map.nodes[*].agent", not(hasItem("legacy"))));
    mvc.perform(get("/monitoring/flume/flows").param("clusterName", "legacy"))
        .andExpect(jsonPath("$.map.nodes[?(@.kind == 'agent')].name", contains("legacy")))
        .andExpect(jsonPath("$.map.edges[?(@.kind == 'hop')]", empty()))
        .andExpect(jsonPath("$.map.edges", hasSize(4)));
    mvc.perform(get("/monitoring/flume/flows").param("clusterName", "nope")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error.message").value("clusterName: no Flume agent \"nope\" in the configuration"));
  }

  @Test
  void aReconfiguredAgentIsDrawnAsItsFileNowSays() throws Exception {
    String before = new String(Files.readAllBytes(edgeConf), StandardCharsets.UTF_8);
    try {
      Files.write(edgeConf, before.replace("edge.sinks = " + SCRIPT + " dead", "edge.sinks = dead").getBytes(StandardCharsets.UTF_8));
      FlowGraphAnswer g = graph("edge");
      assertEquals(false, g.node("sink", "edge", SCRIPT).get("configured"), "still reported, no longer configured");
      assertEquals(0, g.edgesOf(g.node("sink", "edge", SCRIPT)).size());
      mvc.perform(get("/monitoring/flume/flows").param("clusterName", "edge"))
          .andExpect(jsonPath("$.map.nodes[?(@.kind == 'agent' && @.name == 'edge')].problems[*]",
              hasItem("edge.sinks." + SCRIPT + ": configured but not listed in edge.sinks; Flume ignores it")));
    } finally {
      Files.write(edgeConf, before.getBytes(StandardCharsets.UTF_8));
    }
  }

  private FlowGraphAnswer graph(String agent) throws Exception {
    String body = mvc.perform(agent == null ? get("/monitoring/flume/flows") : get("/monitoring/flume/flows").param("clusterName", agent))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    JsonNode map = new ObjectMapper().readTree(body).get("map");
    return new FlowGraphAnswer(new ObjectMapper().convertValue(map, Map.class));
  }

  private static void assertEquals(Object expected, Object actual) {
    org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
  }

  private static void assertEquals(Object expected, Object actual, String message) {
    org.junit.jupiter.api.Assertions.assertEquals(expected, actual, message);
  }

  private static Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  private static String quote(Path p) {
    return "\"" + p.toString().replace("\\", "\\\\") + "\"";
  }
}
