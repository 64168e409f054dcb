package org.doflamingo.collect.flume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.doflamingo.cluster.FlumeAgent;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.collect.FakeServers;
import org.doflamingo.collect.FakeServers.Recorded;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.config.FlumeAgentConfig;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;

/** The collector against a real Flume agent (HTTP source -> memory channel -> Kafka sink) and one KRaft broker. */
class FlumeCollectorIntegrationTest {
  @Test
  void channelAndSinkCountersAppearAndGrowAsEventsFlow() throws Exception {
    Path base = Paths.get("target", "it", "flume-collector");
    try (KafkaCluster kafka = KafkaCluster.startKraft(base.resolve("kafka"));
        FlumeAgent flume = FlumeAgent.startKafkaFlow(base.resolve("flume"), kafka.bootstrapServers(), "flume-collector")) {
      FlumeAgentConfig config = FakeServers.config("\"flume\": [{\"name\": \"flume-it\", \"host\": \"" + flume.host()
          + "\", \"httpPort\": " + flume.monitoringPort() + "}]").flume.get(0);
      FlumeCollector c = new FlumeCollector(config, MetricCatalogue.load());

      Recorded before = new Recorded();
      assertTrue(c.collect(before) > 0);
      List<String> components = new ArrayList<>();
      for (FlumeCollector.Component k : c.components()) components.add(k.toString());
      assertTrue(components.contains(FlumeAgent.SOURCE) && components.contains(FlumeAgent.CHANNEL)
          && components.contains(FlumeAgent.SINK), components.toString());
      double put0 = value(before, "flume.channel.EventPutSuccessCount", "mem");
      double drain0 = value(before, "flume.sink.EventDrainSuccessCount", "kafka");
      assertEquals(SeriesKind.COUNTER, before.get("flume.sink.EventDrainSuccessCount", "component", "kafka").kind);
      assertEquals(SeriesKind.GAUGE, before.get("flume.channel.ChannelSize", "component", "mem").kind);
      assertEquals("flume-it", before.get("flume.channel.ChannelSize", "component", "mem").key.label("agent"));

      List<String> events = new ArrayList<>();
      for (int i = 0; i < 50; i++) events.add("event-" + i);
      assertEquals(200, flume.postEvents(events));

      long deadline = System.nanoTime() + 60_000_000_000L;
      Recorded after;
      do {
        Thread.sleep(200);
        after = new Recorded();
        c.collect(after);
      } while ((value(after, "flume.sink.EventDrainSuccessCount", "kafka") < drain0 + 50
          || value(after, "flume.channel.EventTakeSuccessCount", "mem") < 50) && System.nanoTime() < deadline);
      assertEquals(put0 + 50, value(after, "flume.channel.EventPutSuccessCount", "mem"));
      assertTrue(value(after, "flume.channel.EventTakeSuccessCount", "mem") >= 50);
      assertEquals(drain0 + 50, value(after, "flume.sink.EventDrainSuccessCount", "kafka"));
      assertTrue(value(after, "flume.source.EventAcceptedCount", "http") >= 50);
    }
  }

  private static double value(Recorded r, String name, String component) {
    Recorded.Add a = r.get(name, "component", component);
    assertNotNull(a, name + " of " + component);
    return a.value;
  }
}
