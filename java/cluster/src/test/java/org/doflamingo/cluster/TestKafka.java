package org.doflamingo.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producing and consuming from the test JVM with kafka-clients. */
final class TestKafka {
  private TestKafka() {
  }

  static void produce(String bootstrap, String topic, List<String> values) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    produce(p, topic, values);
  }

  /** As {@link #produce(String, String, List)}, with {@code base} (bootstrap, security) as the producer's settings. */
  static void produce(Properties base, String topic, List<String> values) throws Exception {
    Properties p = new Properties();
    p.putAll(base);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000");
    try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (String v : values) {
        sent.add(producer.send(new ProducerRecord<>(topic, v, v)));
      }
      for (java.util.concurrent.Future<?> f : sent) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
  }

  /** Reads the topic from the start until {@code expected} records arrived or the time is up. */
  static List<String> consume(String bootstrap, String topic, int expected, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return consume(p, topic, expected, timeout);
  }

  /** As {@link #consume(String, String, int, Duration)}, with {@code base} (bootstrap, security) as the consumer's settings. */
  static List<String> consume(Properties base, String topic, int expected, Duration timeout) {
    Properties p = new Properties();
    p.putAll(base);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> got = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Collections.singletonList(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (got.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          got.add(r.value());
        }
      }
    }
    return got;
  }

  static List<String> values(String prefix, int n) {
    List<String> v = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      v.add(prefix + "-" + i);
    }
    return v;
  }
}
