package org.doflamingo.query.flume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.doflamingo.collect.EngineScrape;
import org.doflamingo.collect.Monitor;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.doflamingo.query.Reads;
import org.doflamingo.query.TestReads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FlumeFlows' figures over a real engine: rates of bursty sinks averaged, gauges as last read. */
class FlumeFlowsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSinkDrainingInBatchesShowsItsAverageRateAndTheChannelItsLastFill(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("flume.conf");
    Files.write(conf, ("a.sources = s\na.channels = c\na.sinks = k\n"
        + "a.sources.s.type = http\na.sources.s.bind = 0.0.0.0\na.sources.s.port = 5140\na.sources.s.channels = c\n"
        + "a.channels.c.type = memory\n"
        + "a.sinks.k.type = avro\na.sinks.k.hostname = localhost\na.sinks.k.port = 5140\na.sinks.k.channel = c\n")
        .getBytes(StandardCharsets.UTF_8));
    MonitorConfig config = TestReads.config(dir, "\"flume\": [{\"name\": \"a\", \"host\": \"h1\", \"httpPort\": 1, \"configFile\": \""
        + conf.toString().replace("\\", "\\\\") + "\"}]");
    try (Monitor monitor = TestReads.open(config)) {
      Engine engine = monitor.engine();
      long step = engine.baseStepMs();
      long t0 = (System.currentTimeMillis() / step - 10) * step;
      EngineScrape.Ids ids = new EngineScrape.Ids(engine);
      SeriesKey drained = SeriesKey.of("flume.sink.EventDrainSuccessCount", "agent", "a", "component", "k");
      SeriesKey fill = SeriesKey.of("flume.channel.ChannelFillPercentage", "agent", "a", "component", "c");
      // a batch of 100 every third step (the sink backs off while its channel is empty): 0, 0, 100, 0, 0, 100, ...,
      // from well before the rate window (the engine spreads a batch over the time since the counter last moved,
      // so only the readings before its first move read 0)
      long count = 0;
      for (int i = -12; i <= 9; i++) {
        if (i > -12 && i % 3 == 0) count += 100;
        EngineScrape s = new EngineScrape(engine, ids, t0 + i * step);
        s.add(drained, SeriesKind.COUNTER, count);
        s.add(fill, SeriesKind.GAUGE, i == 9 ? 7.5 : 50);
        s.commit();
      }
      FlumeFlows flows = new Reads(monitor).flume();
      Map<?, ?> graph = JSON.convertValue(flows.graph(null, t0 + 9 * step).asMap(), Map.class);
      Map<String, Object> sink = node(graph, "sink", "k");
      // 100 events every 3 steps: the mean of the rates over the window, never a step's 0
      assertEquals(300.0 / (9 * step / 1000.0), (Double) sink.get("rate"), 1e-9);
      assertEquals(7.5, node(graph, "channel", "c").get("fill"), "a gauge as last read");
      assertNull(node(graph, "source", "s").get("rate"), "no series: no figure");
      // localhost on h1 is h1, and 0.0.0.0 on h1 is h1 too: the sink feeds its own agent's source (a loop, as configured)
      Map<String, Object> hop = edge(graph, sink, node(graph, "source", "s"));
      assertEquals("hop", hop.get("kind"));
      assertThrows(IllegalArgumentException.class, () -> flows.graph("b", t0));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> node(Map<?, ?> graph, String kind, String name) {
    for (Map<String, Object> n : (List<Map<String, Object>>) graph.get("nodes")) {
      if (n.get("kind").equals(kind) && n.get("name").equals(name)) return n;
    }
    throw new AssertionError("no " + kind + " " + name + " in " + graph);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> edge(Map<?, ?> graph, Map<String, Object> from, Map<String, Object> to) {
    for (Map<String, Object> e : (List<Map<String, Object>>) graph.get("edges")) {
      if (e.get("from").equals(from.get("id")) && e.get("to").equals(to.get("id"))) return e;
    }
    throw new AssertionError("no edge " + from + " -> " + to + " in " + graph);
  }
}
