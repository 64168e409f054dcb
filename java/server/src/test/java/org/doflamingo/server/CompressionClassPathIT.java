package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.doflamingo.cluster.KafkaBroker;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.junit.jupiter.api.Test;

/**
 * The module's Kafka client reads LZ4 and snappy batches with Flamingo 2.1.0's own lz4 1.2.0 and
 * snappy-java 1.1.1.7 ahead of Doflamingo's jars on the host's class path (WebInfLib): a real
 * broker stores each probe topic compressed (topic-level compression.type, so every batch a
 * consumer fetches is LZ4 or snappy whatever the producer sent), and the synthetic probe of the
 * module jar, running in the stand-in host, consumes its records back from both.
 */
class CompressionClassPathIT {
  private static final int IN_A_ROW = 5;

  @Test
  void theProbeReadsLz4AndSnappyBatchesWithFlamingosJarsFirst() throws Exception {
    Path base = Paths.get("target", "it", "compression").toAbsolutePath();
    try (ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(base, 1); KafkaCluster kafka = KafkaCluster.start(base, zk, 1)) {
      try (Admin admin = kafka.admin()) {
        admin.createTopics(List.of(
            new NewTopic("probe-lz4", 1, (short) 1).configs(Map.of("compression.type", "lz4")),
            new NewTopic("probe-snappy", 1, (short) 1).configs(Map.of("compression.type", "snappy"))))
            .all().get(60, TimeUnit.SECONDS);
      }
      KafkaBroker b = kafka.brokers().get(0);
      String broker = "{\"id\": " + b.id() + ", \"host\": \"" + b.host() + "\", \"jmxPort\": " + b.jmxPort()
          + ", \"bootstrap\": \"" + b.address() + "\"}";
      Path config = base.resolve("doflamingo.json");
      Files.write(config, ("{\"storage\": {\"path\": \"" + base.resolve("storage") + "\"}, \"intervalSeconds\": 2, \"kafka\": ["
          + cluster("lz4", broker) + ", " + cluster("snappy", broker) + "]}").getBytes(StandardCharsets.UTF_8));

      List<Path> flamingoFirst = WebInfLib.concat(WebInfLib.flamingosClashingJars(),
          WebInfLib.concat(WebInfLib.host(), WebInfLib.doflamingo()));
      assertTrue(flamingoFirst.get(0).getFileName().toString().startsWith("lz4-1.2.0"), "Flamingo's lz4 first: " + flamingoFirst);
      try (ChildHost host = ChildHost.start(base.resolve("host"), flamingoFirst, config, null)) {
        for (String codec : List.of("lz4", "snappy")) {
          // consumed at the produced rate (10/s) for 5 collections in a row: without the relocation the
          // first points (records fetched before the batches were LZ4) read 10/s, then 0
          awaitSustained(host, codec, "kafka.probe.records_consumed", 8);
          awaitSustained(host, codec, "kafka.probe.cluster_consume_availability", 0.99);
        }
        String log = host.log();
        // without the relocation, lz4 1.2.0 first: "probe consumer: KafkaException: Received exception when
        // fetching the next record from probe-lz4-0" (its cause a NoSuchMethodError for the ByteBuffer decompress)
        for (String wrong : List.of("probe consumer:", "NoSuchMethodError", "NoClassDefFoundError", "UnsatisfiedLinkError",
            "SnappyError")) {
          assertFalse(log.contains(wrong), wrong + " in the host's log:\n" + log);
        }
      }
    }
  }

  private static String cluster(String name, String broker) {
    return "{\"name\": \"" + name + "\", \"brokers\": [" + broker + "], \"probe\": {\"topic\": \"probe-" + name + "\","
        + " \"recordsPerSecond\": 10, \"replicationFactor\": 1, \"windowSeconds\": 10}}";
  }

  /** Waits until the last {@value #IN_A_ROW} known points of the cluster's {@code metric} are all at or above {@code least}. */
  private static void awaitSustained(ChildHost host, String cluster, String metric, double least) throws Exception {
    JsonNode series = host.await("/monitoring/kafka/series?metric=" + metric + "&clusterName=" + cluster,
        Duration.ofSeconds(90), s -> s.get("success").asBoolean() && s.get("total").asInt() > 0);
    int id = series.get("list").get(0).get("id").asInt();
    host.await("/monitoring/kafka/history?ids=" + id + "&from=" + (System.currentTimeMillis() - 600_000) + "&to="
        + (System.currentTimeMillis() + 600_000), Duration.ofSeconds(90), h -> {
          List<Double> known = new ArrayList<>();
          for (JsonNode v : h.get("list").get(0).get("values")) if (v.isNumber()) known.add(v.asDouble());
          if (known.size() < IN_A_ROW) return false;
          for (double v : known.subList(known.size() - IN_A_ROW, known.size())) if (v < least) return false;
          return true;
        });
  }
}
