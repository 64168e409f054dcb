package org.doflamingo.collect.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class MetricCatalogueTest {
  @Test
  void coversTheSeedsMetricTableAndEverySystem() {
    MetricCatalogue c = MetricCatalogue.load();
    for (String name : Arrays.asList("kafka.server.ReplicaManager.UnderReplicatedPartitions",
        "kafka.controller.KafkaController.OfflinePartitionsCount", "kafka.controller.KafkaController.ActiveControllerCount",
        "kafka.server.BrokerTopicMetrics.MessagesInPerSec", "kafka.server.BrokerTopicMetrics.BytesInPerSec",
        "kafka.network.RequestMetrics.RequestsPerSec", "kafka.network.RequestMetrics.TotalTimeMs.Produce",
        "kafka.controller.ControllerStats.UncleanLeaderElectionsPerSec", "kafka.log.LogFlushStats.LogFlushRateAndTimeMs",
        "kafka.server.ReplicaManager.PartitionCount", "kafka.server.ReplicaManager.IsrShrinksPerSec",
        "kafka.network.SocketServer.NetworkProcessorAvgIdlePercent",
        "kafka.server.KafkaRequestHandlerPool.RequestHandlerAvgIdlePercent", "kafka.jvm.heap.used",
        "kafka.consumer.group.max_lag", "kafka.consumer.fetch-rate", "zookeeper.avg_latency", "zookeeper.server_state",
        "flume.channel.ChannelFillPercentage", "flume.sink.EventDrainSuccessCount", "host.swap.free")) {
      assertNotNull(c.get(name), name);
    }
    assertEquals(new HashSet<>(MetricCatalogue.SYSTEMS), c.systems());
  }

  @Test
  void healthRulesColourValues() {
    MetricCatalogue c = MetricCatalogue.load();
    MetricSpec urp = c.get("kafka.server.ReplicaManager.UnderReplicatedPartitions");
    assertEquals(Health.GREEN, urp.health(0));
    assertEquals(Health.RED, urp.health(3));
    assertEquals(Health.UNKNOWN, urp.health(Double.NaN));
    MetricSpec idle = c.get("kafka.network.SocketServer.NetworkProcessorAvgIdlePercent");
    assertEquals(Health.GREEN, idle.health(0.8));
    assertEquals(Health.AMBER, idle.health(0.2));
    assertEquals(Health.RED, idle.health(0.05));
    assertThrows(IllegalArgumentException.class, () -> Condition.parse("about 3"));
    assertEquals("<= 0.1", Condition.parse("<=0.1").toString());
  }

  @Test
  void docsMetricsMdIsInStepWithTheCatalogue() throws Exception {
    Path docs = Paths.get(System.getProperty("doflamingo.root", "../.."), "docs", "metrics.md");
    String expected = CatalogueDocs.render(MetricCatalogue.load());
    assertTrue(Files.exists(docs), docs + " is missing; generate it with CatalogueDocs (see its javadoc)");
    assertEquals(expected, new String(Files.readAllBytes(docs), StandardCharsets.UTF_8),
        "docs/metrics.md is out of date: regenerate it with CatalogueDocs (see its javadoc)");
  }
}
