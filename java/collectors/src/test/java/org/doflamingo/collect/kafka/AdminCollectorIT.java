package org.doflamingo.collect.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.Scrape;
import org.doflamingo.config.KafkaClusterConfig;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;

/** Lag from committed and log-end offsets of a real cluster, for a group with a hostile name. */
class AdminCollectorIT {
  static final String GROUP = "grp\"<script>alert(1)</script> 한글";

  static final class Recorder implements Scrape {
    final Map<SeriesKey, Double> values = new HashMap<>();
    final long time;

    Recorder() {
      this(0);
    }

    Recorder(long time) {
      this.time = time;
    }

    @Override
    public void add(SeriesKey key, SeriesKind kind, double value) {
      values.put(key, value);
    }

    @Override
    public long timeMillis() {
      return time;
    }
  }

  static KafkaClusterConfig config(String bootstrap) throws Exception {
    return config(bootstrap, "");
  }

  /** @param settings more settings of the cluster, e.g. {@code , "groupIntervalSeconds": 2} */
  static KafkaClusterConfig config(String bootstrap, String settings) throws Exception {
    return config(bootstrap, settings, 2);
  }

  static KafkaClusterConfig config(String bootstrap, String settings, int intervalSeconds) throws Exception {
    String brokers = bootstrap.replaceAll("([^,]+)", "{\"host\": \"127.0.0.1\", \"jmxPort\": 1, \"bootstrap\": \"$1\"}");
    return MonitorConfig.parse("{\"storage\": {\"path\": \"d\"}, \"intervalSeconds\": " + intervalSeconds
        + ", \"kafka\": [{\"name\": \"it\", \"brokers\": [" + brokers + "]" + settings + "}]}").kafka.get(0);
  }

  @Test
  void lagPerPartitionAndGroupFromARealCluster() throws Exception {
    Path base = Paths.get("target", "it", "kafka-admin");
    Files.createDirectories(base);
    try (ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(base, 1); KafkaCluster kafka = KafkaCluster.start(base, zk, 1)) {
      try (Admin admin = kafka.admin()) {
        admin.createTopics(Collections.singletonList(new NewTopic("orders", 2, (short) 1))).all().get(60, TimeUnit.SECONDS);
      }
      Properties pp = new Properties();
      pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < 100; i++) producer.send(new ProducerRecord<>("orders", i % 2, null, "m" + i)).get();
      }
      Properties cp = new Properties();
      cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      cp.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        commits.put(new TopicPartition("orders", 0), new OffsetAndMetadata(30));
        commits.put(new TopicPartition("orders", 1), new OffsetAndMetadata(50));
        consumer.commitSync(commits, Duration.ofSeconds(30));
      }
      try (AdminCollector collector = new AdminCollector(config(kafka.bootstrapServers()), 2000, 10_000)) {
        Recorder r = new Recorder();
        collector.scrape(r);
        assertEquals(1.0, r.values.get(SeriesKey.of("kafka.cluster.brokers", "cluster", "it")));
        assertEquals(50.0, r.values.get(SeriesKey.of("kafka.partition.log_end_offset", "cluster", "it", "topic", "orders", "partition", "0")));
        assertEquals(20.0, r.values.get(SeriesKey.of("kafka.consumer.group.lag", "cluster", "it", "group", GROUP, "topic", "orders", "partition", "0")));
        assertEquals(0.0, r.values.get(SeriesKey.of("kafka.consumer.group.lag", "cluster", "it", "group", GROUP, "topic", "orders", "partition", "1")));
        assertEquals(20.0, r.values.get(SeriesKey.of("kafka.consumer.group.max_lag", "cluster", "it", "group", GROUP)));
        assertEquals(20.0, r.values.get(SeriesKey.of("kafka.consumer.group.total_lag", "cluster", "it", "group", GROUP)));
        assertEquals(0.0, r.values.get(SeriesKey.of("kafka.topic.under_replicated_partitions", "cluster", "it", "topic", "orders")));
      }
      kafka.broker(1).kill();
      try (AdminCollector collector = new AdminCollector(config(kafka.bootstrapServers()), 2000, 3000)) {
        CollectException e = assertThrows(CollectException.class, () -> collector.scrape(new Recorder()));
        assertTrue(e.getMessage().startsWith("Kafka cluster it: "), e.getMessage());
      }
    }
  }
}
