package org.doflamingo.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.doflamingo.collect.kafka.KafkaFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the monitor topic back (Kafka Monitor's consume service) with a consumer of its own that
 * is assigned every partition: no group, no commits, nothing left behind in the cluster. It
 * starts at the end of each partition; the first record of this probe it reads in a partition
 * sets the sequence it expects next. Records of other sessions (another Doflamingo, this one
 * before a restart) and anything not a probe record are skipped. One thread; memory bounded by
 * the fetch sizes below.
 */
final class ConsumeService implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ConsumeService.class);

  private final ProbeConfig config;
  private final Consumer<byte[], byte[]> consumer;
  private final ProbeStats stats;
  private final long session;
  private volatile Set<Integer> wanted = Collections.emptySet();
  private volatile boolean closed;
  private volatile String lastError;

  ConsumeService(ProbeConfig config, Consumer<byte[], byte[]> consumer, ProbeStats stats, long session) {
    this.config = config;
    this.consumer = consumer;
    this.stats = stats;
    this.session = session;
  }

  static Properties properties(ProbeConfig config) {
    Properties p = ClientProperties.of(config, "consumer");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(256 * 1024));
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(1024 * 1024));
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    return p;
  }

  /** The partitions to read; picked up at the next poll. */
  void partitions(Set<Integer> current) {
    wanted = Collections.unmodifiableSet(new TreeSet<>(current));
  }

  @Override
  public void run() {
    Set<Integer> assigned = new HashSet<>();
    String logged = null;
    while (!closed) {
      try {
        Set<Integer> want = wanted;
        if (!want.equals(assigned)) {
          List<TopicPartition> tps = new ArrayList<>();
          for (Integer p : want) tps.add(new TopicPartition(config.topic, p));
          consumer.assign(tps);
          assigned = new HashSet<>(want);
        }
        if (assigned.isEmpty()) {
          Thread.sleep(200);
          continue;
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        long now = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> r : records) {
          ProbeRecord pr = ProbeRecord.decode(r.value());
          if (pr == null || pr.session != session) continue;
          stats.consumed(r.partition(), pr.sequence, now - pr.timestampMs, now);
        }
        logged = null;
      } catch (WakeupException e) {
        // close() woke us up
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The consumer retries by itself; this is for what it gives up on. Logged once per kind of
        // trouble, then again when it changes, so a long outage does not fill the log.
        lastError = KafkaFailures.describe(e);
        if (!lastError.equals(logged)) {
          log.warn("Kafka cluster {}: probe consumer: {}", config.cluster, lastError);
          logged = lastError;
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Stops the loop (from any thread); the caller joins the thread, then closes the consumer. */
  void stop() {
    closed = true;
    consumer.wakeup();
  }

  String lastError() {
    return lastError;
  }
}
