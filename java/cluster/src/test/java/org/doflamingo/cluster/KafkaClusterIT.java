package org.doflamingo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** One ZooKeeper ensemble of 3 and 3 Kafka brokers shared by the tests of this class, in order. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaClusterIT {
  private static final String URP = "kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions";

  private final Path base = Paths.get("target", "it", "kafka");
  private ZooKeeperEnsemble zk;
  private KafkaCluster kafka;

  @BeforeAll
  void startCluster() {
    zk = ZooKeeperEnsemble.start(base, 3);
    kafka = KafkaCluster.start(base, zk, 3);
  }

  @AfterAll
  void stopCluster() {
    if (kafka != null) {
      kafka.close();
    }
    if (zk != null) {
      zk.close();
    }
  }

  @Test
  @Order(1)
  void topicWithReplicationFactor3IsProducedAndConsumed() throws Exception {
    assertEquals(new TreeSet<>(Arrays.asList(1, 2, 3)), kafka.registeredBrokerIds());
    // the brokers' ephemeral registrations, as the ZooKeeper leader lists them
    String dump = zk.leader().fourLetterWord("dump");
    for (int id = 1; id <= 3; id++) {
      assertTrue(dump.contains("/kafka/brokers/ids/" + id), dump);
    }
    try (Admin admin = kafka.admin()) {
      admin.createTopics(Collections.singletonList(new NewTopic("orders", 3, (short) 3)
          .configs(Collections.singletonMap("min.insync.replicas", "2")))).all().get(60, TimeUnit.SECONDS);
      TopicDescription d = admin.describeTopics(Collections.singletonList("orders")).allTopicNames()
          .get(30, TimeUnit.SECONDS).get("orders");
      assertEquals(3, d.partitions().size());
      d.partitions().forEach(p -> assertEquals(3, p.replicas().size()));
    }
    List<String> sent = TestKafka.values("order", 100);
    TestKafka.produce(kafka.bootstrapServers(), "orders", sent);
    List<String> got = TestKafka.consume(kafka.bootstrapServers(), "orders", 100, Duration.ofSeconds(60));
    assertEquals(new HashSet<>(sent), new HashSet<>(got));
  }

  @Test
  @Order(2)
  void flumeAgentShipsHttpEventsIntoKafka() throws Exception {
    try (Admin admin = kafka.admin()) {
      admin.createTopics(Collections.singletonList(new NewTopic("flume-events", 1, (short) 3)))
          .all().get(60, TimeUnit.SECONDS);
    }
    try (FlumeAgent flume = FlumeAgent.startKafkaFlow(base.resolve("flume"), kafka.bootstrapServers(),
        "flume-events")) {
      String before = flume.metricsJson();
      assertTrue(before.contains("\"" + FlumeAgent.SOURCE + "\""), before);
      assertTrue(before.contains("\"" + FlumeAgent.CHANNEL + "\""), before);
      assertTrue(before.contains("\"" + FlumeAgent.SINK + "\""), before);

      assertEquals(200, flume.postEvents(TestKafka.values("flume-a", 50)));
      awaitCounters(flume, 50);
      assertEquals(200, flume.postEvents(TestKafka.values("flume-b", 50)));
      awaitCounters(flume, 100);

      List<String> got = TestKafka.consume(kafka.bootstrapServers(), "flume-events", 100, Duration.ofSeconds(60));
      Set<String> expected = new HashSet<>(TestKafka.values("flume-a", 50));
      expected.addAll(TestKafka.values("flume-b", 50));
      assertEquals(expected, new HashSet<>(got));

      // the same counters over JMX
      Object puts = Jmx.read(flume.host(), flume.jmxPort(),
          "org.apache.flume.channel:type=mem", "EventPutSuccessCount");
      assertEquals(100L, ((Number) puts).longValue());
    }
  }

  private static void awaitCounters(FlumeAgent flume, long atLeast) {
    Await.until("Flume counters at " + atLeast, Duration.ofSeconds(60), () -> {
      String json = flume.metricsJson();
      return FlumeAgent.metric(json, FlumeAgent.SOURCE, "EventAcceptedCount") >= atLeast
          && FlumeAgent.metric(json, FlumeAgent.CHANNEL, "EventPutSuccessCount") >= atLeast
          && FlumeAgent.metric(json, FlumeAgent.CHANNEL, "EventTakeSuccessCount") >= atLeast
          && FlumeAgent.metric(json, FlumeAgent.SINK, "EventDrainSuccessCount") >= atLeast;
    }, flume.process());
  }

  @Test
  @Order(3)
  void killedBrokerShowsUnderReplicatedPartitionsOverJmxUntilRestarted() throws Exception {
    KafkaBroker victim = kafka.broker(3);
    victim.kill();
    assertFalse(victim.isAlive());
    Await.until("UnderReplicatedPartitions > 0 on a surviving broker", Duration.ofSeconds(60),
        () -> underReplicated(kafka.broker(1)) + underReplicated(kafka.broker(2)) > 0);

    victim.restart();
    Await.until("UnderReplicatedPartitions back to 0 on every broker", Duration.ofSeconds(90), () -> {
      long sum = 0;
      for (KafkaBroker b : kafka.brokers()) {
        sum += underReplicated(b);
      }
      return sum == 0;
    });
    assertEquals(new TreeSet<>(Arrays.asList(1, 2, 3)), kafka.registeredBrokerIds());
    // still serving after the restart
    TestKafka.produce(kafka.bootstrapServers(), "orders", TestKafka.values("after-restart", 10));
  }

  private static long underReplicated(KafkaBroker b) throws Exception {
    return ((Number) Jmx.read(b.host(), b.jmxPort(), URP, "Value")).longValue();
  }

}
