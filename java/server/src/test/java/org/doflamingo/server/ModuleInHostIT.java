package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.doflamingo.cluster.DemoTraffic;
import org.doflamingo.cluster.FlumeAgent;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.junit.jupiter.api.Test;

/**
 * The Doflamingo module installed in the stand-in Flamingo host as an operator installs it (its
 * jar on the class path, its configuration named by {@code doflamingo.config}), watching real
 * ZooKeeper, Kafka and Flume with traffic: the Quartz job collects, the engine stores, REST
 * answers from the history and a real STOMP client receives the live frames; the event log
 * answers through REST.
 */
class ModuleInHostIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String URP = "kafka.server.ReplicaManager.UnderReplicatedPartitions";

  @Test
  void dataFlowsFromTheClustersToRestAndStomp() throws Exception {
    Path base = Paths.get("target", "it", "module-in-host");
    try (ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(base, 1);
        KafkaCluster kafka = KafkaCluster.start(base, zk, 1);
        FlumeAgent flume = FlumeAgent.startKafkaFlow(base.resolve("flume"), kafka.bootstrapServers(), "flume-events");
        DemoTraffic traffic = DemoTraffic.start(kafka, flume, new DemoTraffic.Options().steadyRate(50).consumerCap(100)
            .steadyPeriod(Duration.ofMinutes(30)).flumeRate(5))) {
      Path storage = Files.createTempDirectory(Files.createDirectories(base), "storage-");
      Path config = storage.resolve("doflamingo.json");
      Files.write(config, MonitorJson.of(storage, 2, "it", zk, kafka, List.of(flume)).getBytes(StandardCharsets.UTF_8));
      System.setProperty("doflamingo.config", config.toString());
      try (StandInHost host = StandInHost.open()) {
        JsonNode menu = StandInHost.json(host.get("/menu"));
        assertTrue(menu.toString().contains("monitoring.doflamingo.kafka.Kafka"), "the module's menu rows: " + menu);

        // every target UP through the module's Quartz job, not a test-driven tick
        JsonNode targets = await(host, "/monitoring/kafka/targets?clusterName=it", Duration.ofSeconds(60),
            t -> t.get("total").asInt() == 2 && t.toString().split("\"state\":\"UP\"").length == 3);
        assertEquals("kafka-broker", targets.get("list").get(1).get("system").asText());
        await(host, "/monitoring/zookeeper/targets", Duration.ofSeconds(30), t -> !t.toString().contains("\"state\":\"UNKNOWN\""));
        await(host, "/monitoring/flume/health", Duration.ofSeconds(30), t -> t.toString().contains("\"name\":\"" + flume.agentName() + "\""));

        try (StompTestClient stomp = host.stomp()) {
          stomp.subscribe("/topic/doflamingo/metric/" + URP);
          stomp.subscribe("/topic/doflamingo/targets");
          boolean sawPoint = false;
          boolean sawTarget = false;
          for (long end = System.nanoTime() + Duration.ofSeconds(20).toNanos(); (!sawPoint || !sawTarget) && System.nanoTime() < end; ) {
            StompTestClient.Frame f = stomp.nextMessage(Duration.ofSeconds(10));
            JsonNode body = JSON.readTree(f.body());
            if (f.header("destination").endsWith(URP)) {
              JsonNode point = body.get("points").get(0);
              assertEquals(3, point.size(), "[seriesId, timeMs, value]: " + body);
              assertEquals(0.0, point.get(2).asDouble(), "a healthy broker: " + body);
              sawPoint = true;
            } else {
              assertTrue(body.get("targets").get(0).has("state"), body.toString());
              sawTarget = true;
            }
          }
          assertTrue(sawPoint && sawTarget, "a metric frame and a target frame");
        }

        JsonNode series = StandInHost.json(host.get("/monitoring/kafka/series?metric=" + URP + "&label=broker=1"));
        int id = series.get("list").get(0).get("id").asInt();
        long now = System.currentTimeMillis();
        JsonNode history = await(host, "/monitoring/kafka/history?ids=" + id + "&from=" + (now - 120_000) + "&to=" + now,
            Duration.ofSeconds(10), h -> h.get("list").get(0).get("values").toString().contains("0.0"));
        assertEquals(2000, history.get("list").get(0).get("step").asInt());

        JsonNode lag = await(host, "/monitoring/kafka/lag?clusterName=it", Duration.ofSeconds(60),
            l -> l.toString().contains("\"group\":\"" + DemoTraffic.GROUP + "\""));
        assertTrue(lag.get("list").get(0).has("maxLag"), lag.toString());

        // the event log through the host: Doflamingo's own start, stored at once, in every area's list
        for (String area : List.of("kafka", "zookeeper", "flume")) {
          JsonNode events = StandInHost.json(host.get("/monitoring/" + area + "/events?clusterName=it&kinds=doflamingo.start"));
          assertEquals(1, events.get("total").asInt(), area + ": " + events);
          assertEquals("doflamingo", events.get("list").get(0).get("area").asText(), events.toString());
        }
        assertEquals(400, host.get("/monitoring/kafka/events?severity=loud").statusCode());
      } finally {
        System.clearProperty("doflamingo.config");
      }
    }
  }

  private static JsonNode await(StandInHost host, String path, Duration timeout, Predicate<JsonNode> done) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < end) {
      last = StandInHost.json(host.get(path));
      if (last.get("success").asBoolean() && done.test(last)) return last;
      Thread.sleep(250);
    }
    throw new AssertionError("timed out after " + timeout + " waiting on " + path + ": " + last);
  }
}
