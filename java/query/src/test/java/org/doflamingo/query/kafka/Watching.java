package org.doflamingo.query.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doflamingo.collect.Monitor;
import org.doflamingo.engine.Scheduler;
import org.doflamingo.query.Current;
import org.doflamingo.query.Reads;

/**
 * What the tests and tools that watch a real Kafka cluster share: traffic with committed groups
 * (a topic, records, a consumer of either group protocol that reads and commits, then leaves),
 * ticking a monitor as a host would, and reading a series' current value back.
 */
final class Watching {
  private Watching() {}

  /** Creates {@code topic} ({@code partitions}, replication {@code replication}) through a client of {@code client}. */
  static void createTopic(Properties client, String topic, int partitions, short replication) throws Exception {
    Properties p = new Properties();
    p.putAll(client);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    try (Admin admin = Admin.create(p)) {
      admin.createTopics(Collections.singletonList(new NewTopic(topic, partitions, replication))).all().get(60, TimeUnit.SECONDS);
    }
  }

  static void produce(Properties client, String topic, int records) throws Exception {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < records; i++) sent.add(producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)));
      for (Future<?> f : sent) f.get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * A consumer of {@code group} with {@code group.protocol} {@code protocol} reads {@code records}
   * records of {@code topic}, commits them and leaves; returns how many it read.
   */
  static int consumeAndCommit(Properties client, String topic, String group, String protocol, int records) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    int got = 0;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Collections.singletonList(topic));
      long deadline = System.currentTimeMillis() + 90_000;
      while (got < records && System.currentTimeMillis() < deadline) got += consumer.poll(Duration.ofMillis(500)).count();
      consumer.commitSync(Duration.ofSeconds(30));
    }
    return got;
  }

  /** Ticks the monitor as a host would until {@code done}; false when {@code timeout} passed first. */
  static boolean tickUntil(Monitor monitor, Duration timeout, BooleanSupplier done) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (System.currentTimeMillis() < deadline) {
      monitor.tick(System.currentTimeMillis());
      if (done.getAsBoolean()) return true;
      Thread.sleep(200);
    }
    return false;
  }

  /** As {@link #tickUntil}, failing with {@code what} and every target's state when the time is up. */
  static void awaitTicking(Monitor monitor, String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
    if (tickUntil(monitor, timeout, done)) return;
    throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what + states(monitor));
  }

  /** Every target and its collection state, a line each. */
  static String states(Monitor monitor) {
    StringBuilder states = new StringBuilder();
    for (Monitor.Target t : monitor.targets()) {
      Scheduler.Status s = monitor.status(t.id);
      states.append("\n  ").append(t).append(": ").append(s.state).append(s.lastError.isEmpty() ? "" : " (" + s.lastError + ")");
    }
    return states.toString();
  }

  /** Whether every target is UP and has been read. */
  static boolean allUp(Monitor monitor) {
    for (Monitor.Target t : monitor.targets()) {
      if (monitor.status(t.id).state != Scheduler.State.UP || monitor.pending(t.id) != null) return false;
    }
    return true;
  }

  /** The current value of cluster {@code cluster}'s series {@code metric} (of one member when {@code label} is given), or null. */
  static Double current(Reads reads, String cluster, String metric, String label, int id) {
    Map<String, String> labels = new HashMap<>();
    labels.put("cluster", cluster);
    if (label != null) labels.put(label, String.valueOf(id));
    int[] ids = reads.engine().select(metric, labels);
    if (ids.length != 1) return null;
    return Current.orNull(reads.current().latest(ids, System.currentTimeMillis()), 0);
  }
}
