package org.doflamingo.collect.flume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.doflamingo.cluster.FlumeAgent;
import org.doflamingo.cluster.FlumeTransport;
import org.doflamingo.collect.FakeServers.Recorded;
import org.doflamingo.collect.FakeServers;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.config.FlumeAgentConfig;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real Flume agents as a two-tier transport network ({@link FlumeTransport}): an edge
 * agent (HTTP source -> memory channel -> avro sink) sending to a collector agent (avro source ->
 * memory channel -> Kafka sink) that writes into one KRaft broker: the collector's counters (the
 * flow graph over the same network is java/query's FlumeFlowsIT).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlumeCollectorIT {
  private static final String TOPIC = "flume-collector";
  private final Path base = Paths.get("target", "it", "flume-collector");
  private FlumeTransport network;

  @BeforeAll
  void start() {
    network = FlumeTransport.start(base, TOPIC);
  }

  @AfterAll
  void stop() {
    if (network != null) network.close();
  }

  @Test
  void channelAndSinkCountersAppearAndGrowAsEventsFlow() throws Exception {
    FlumeAgentConfig config = FakeServers.config("\"flume\": [{\"name\": \"flume-it\", \"host\": \"" + network.collector.host()
        + "\", \"httpPort\": " + network.collector.monitoringPort() + "}]").flume.get(0);
    FlumeCollector c = new FlumeCollector(config, MetricCatalogue.load());

    Recorded before = new Recorded();
    assertTrue(c.collect(before) > 0);
    List<String> components = new ArrayList<>();
    for (FlumeCollector.Component k : c.components()) components.add(k.toString());
    assertTrue(components.containsAll(Arrays.asList(FlumeAgent.AVRO_SOURCE, FlumeAgent.CHANNEL, FlumeAgent.SINK)), components.toString());
    double put0 = value(before, "flume.channel.EventPutSuccessCount", "mem");
    double drain0 = value(before, "flume.sink.EventDrainSuccessCount", "kafka");
    assertEquals(SeriesKind.COUNTER, before.get("flume.sink.EventDrainSuccessCount", "component", "kafka").kind);
    assertEquals(SeriesKind.GAUGE, before.get("flume.channel.ChannelSize", "component", "mem").kind);
    assertEquals("flume-it", before.get("flume.channel.ChannelSize", "component", "mem").key.label("agent"));

    List<String> events = new ArrayList<>();
    for (int i = 0; i < 50; i++) events.add("event-" + i);
    assertEquals(200, network.edge.postEvents(events));

    long deadline = System.nanoTime() + 60_000_000_000L;
    Recorded after;
    do {
      Thread.sleep(200);
      after = new Recorded();
      c.collect(after);
    } while ((value(after, "flume.sink.EventDrainSuccessCount", "kafka") < drain0 + 50
        || value(after, "flume.channel.EventTakeSuccessCount", "mem") < put0 + 50) && System.nanoTime() < deadline);
    assertEquals(put0 + 50, value(after, "flume.channel.EventPutSuccessCount", "mem"), "every event crossed the avro hop once");
    assertEquals(drain0 + 50, value(after, "flume.sink.EventDrainSuccessCount", "kafka"));
    assertTrue(value(after, "flume.source.EventAcceptedCount", "avro") >= 50);
  }

  private static double value(Recorded r, String name, String component) {
    Recorded.Add a = r.get(name, "component", component);
    assertNotNull(a, name + " of " + component);
    return a.value;
  }
}
