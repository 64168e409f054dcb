package org.doflamingo.collect.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.doflamingo.collect.Exclusions;
import org.doflamingo.collect.Scrape;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;

/**
 * Real consumers through a real broker, judged by the Admin collector over a 10 s window: one
 * keeping up (OK), one slowed (WARNING), one stopped (STOP), one reset to the earliest offset (REWIND).
 */
class LagStatusIT {
  private static final String TOPIC = "events";

  /** Keeps the newest value of each series. */
  static final class Latest implements Scrape {
    final Map<SeriesKey, Double> values = new HashMap<>();
    final long time = System.currentTimeMillis();

    @Override
    public void add(SeriesKey key, SeriesKind kind, double value) {
      values.put(key, value);
    }

    @Override
    public long timeMillis() {
      return time;
    }
  }

  /** A consumer of its own group in its own thread: {@code perSecond} records a second at most, committing each poll. */
  private static Thread consumer(KafkaCluster kafka, String group, int perSecond, long stopAfterMs, long rewindAfterMs,
      AtomicBoolean done) {
    Thread t = new Thread(() -> {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
      p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.max(1, perSecond / 4)));
      long start = System.currentTimeMillis();
      boolean rewound = false;
      try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
        c.subscribe(Collections.singletonList(TOPIC));
        while (!done.get() && (stopAfterMs <= 0 || System.currentTimeMillis() - start < stopAfterMs)) {
          c.poll(Duration.ofMillis(250));
          if (rewindAfterMs > 0 && !rewound && System.currentTimeMillis() - start > rewindAfterMs && !c.assignment().isEmpty()) {
            c.seekToBeginning(c.assignment());
            rewound = true;
          }
          c.commitSync();
          Thread.sleep(250);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "lag-test-" + group);
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void consumersAreJudgedOkWarningStopAndRewind() throws Exception {
    Path base = Paths.get("target", "it", "lag-status");
    try (ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(base, 1); KafkaCluster kafka = KafkaCluster.start(base, zk, 1)) {
      try (Admin admin = kafka.admin()) {
        admin.createTopics(Collections.singletonList(new NewTopic(TOPIC, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
      }
      AtomicBoolean done = new AtomicBoolean();
      Properties pp = new Properties();
      pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      Thread producer = new Thread(() -> {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
          for (int i = 0; !done.get() && i < 100_000; i++) { // 40 a second, bounded
            p.send(new ProducerRecord<>(TOPIC, "e" + i));
            if (i % 4 == 3) Thread.sleep(100);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "lag-test-producer");
      producer.setDaemon(true);
      producer.start();
      List<Thread> consumers = new ArrayList<>();
      consumers.add(consumer(kafka, "steady", 400, 0, 0, done));
      consumers.add(consumer(kafka, "slow", 8, 0, 0, done));
      consumers.add(consumer(kafka, "stopped", 400, 8_000, 0, done));
      consumers.add(consumer(kafka, "rewind", 400, 0, 14_000, done));

      Map<String, Set<LagStatus>> seen = new ConcurrentHashMap<>();
      Map<String, LagStatus> last = new HashMap<>();
      try (AdminCollector admin = new AdminCollector(AdminCollectorIT.config(kafka.bootstrapServers(),
          ", \"groupIntervalSeconds\": 1", 1), 1000, 5_000, new LagEvaluator(10_000, 0.8), Exclusions.NONE, new ReplicaAssignments())) {
        long start = System.currentTimeMillis();
        while (System.currentTimeMillis() - start < 60_000) {
          Latest scrape = new Latest();
          admin.scrape(scrape);
          for (String g : new String[] {"steady", "slow", "stopped", "rewind"}) {
            Double code = scrape.values.get(SeriesKey.of("kafka.consumer.group.status", "cluster", "it", "group", g));
            if (code == null || code.isNaN()) continue;
            LagStatus s = LagStatus.ofCode(code.intValue());
            last.put(g, s);
            seen.computeIfAbsent(g, k -> EnumSet.noneOf(LagStatus.class)).add(s);
          }
          if (last.get("slow") == LagStatus.WARNING && last.get("stopped") == LagStatus.STOP
              && seen.getOrDefault("rewind", EnumSet.noneOf(LagStatus.class)).contains(LagStatus.REWIND)
              && System.currentTimeMillis() - start > 25_000) {
            break;
          }
          Thread.sleep(1000);
        }
      } finally {
        done.set(true);
        for (Thread t : consumers) t.join(10_000);
        producer.join(10_000);
      }
      assertEquals(LagStatus.OK, last.get("steady"), "steady: " + seen);
      assertEquals(LagStatus.WARNING, last.get("slow"), "slow: " + seen);
      assertEquals(LagStatus.STOP, last.get("stopped"), "stopped: " + seen);
      assertTrue(seen.get("rewind").contains(LagStatus.REWIND), "rewind: " + seen);
    }
  }
}
