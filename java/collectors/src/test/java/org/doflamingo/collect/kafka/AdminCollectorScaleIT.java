package org.doflamingo.collect.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.collect.Exclusions;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.engine.SeriesKey;
import org.junit.jupiter.api.Test;

/**
 * The Admin collector's cycles on a real broker with many consumer groups (300 by default; more
 * with {@code -Ddoflamingo.it.groups=5000}, a measurement run, not a default test): every group's
 * lag in one group cycle, spread over its scrapes, the empty groups' commits not read again in the
 * next cycle. Prints each cycle's wall time and calls.
 */
class AdminCollectorScaleIT {
  static final int GROUPS = Integer.getInteger("doflamingo.it.groups", 300);
  static final int PARTITIONS = Integer.getInteger("doflamingo.it.partitions", 200);
  /** Groups per call: a quarter of them by default, so that a cycle has batches to spread. */
  static final int GROUP_BATCH = Integer.getInteger("doflamingo.it.groupBatch", Math.max(10, GROUPS / 4));
  static final int LIVE = 3;
  static final long INTERVAL = 2000;

  @Test
  void everyGroupsLagInOneCycleSpreadOverItsScrapes() throws Exception {
    Path base = Paths.get("target", "it", "admin-scale");
    Files.createDirectories(base);
    long t0 = System.currentTimeMillis();
    try (KafkaCluster kafka = KafkaCluster.startKraft(base)) {
      long started = System.currentTimeMillis();
      try (Admin admin = kafka.admin()) {
        admin.createTopics(Collections.singletonList(new NewTopic("events", PARTITIONS, (short) 1))).all().get(60, TimeUnit.SECONDS);
        awaitLeaders(admin);
        produce(kafka);
        long produced = System.currentTimeMillis();
        commitOffsets(admin);
        System.out.printf("admin scale setup: topic and records %d ms, %d groups' commits %d ms%n", produced - started, GROUPS,
            System.currentTimeMillis() - produced);
      }
      long committed = System.currentTimeMillis();
      List<KafkaConsumer<String, String>> live = new ArrayList<>();
      try {
        for (int i = 0; i < LIVE; i++) live.add(liveConsumer(kafka, "live-" + i));
        System.out.printf("admin scale setup: broker %d ms, topic, records and %d groups' commits %d ms, %d live consumers %d ms%n",
            started - t0, GROUPS, committed - started, LIVE, System.currentTimeMillis() - committed);
        String settings = ", \"groupBatchSize\": " + GROUP_BATCH + ", \"scrapeTimeoutMs\": 10000";
        try (AdminCollector c = new AdminCollector(AdminCollectorIT.config(kafka.bootstrapServers(), settings), INTERVAL, 10_000,
            new LagEvaluator(300_000, 0.8), Exclusions.NONE, new ReplicaAssignments())) {
          AdminCollectorIT.Recorder first = new AdminCollectorIT.Recorder();
          int firstCalls = cycle(c, 0, first, "first");
          for (int g = 0; g < GROUPS; g++) {
            String group = group(g);
            Double end = first.values.get(SeriesKey.of(MetricNames.PARTITION_LOG_END, "cluster", "it", "topic", "events", "partition",
                String.valueOf(g % PARTITIONS)));
            assertTrue(end != null && end >= 5, "log end of " + g % PARTITIONS + ": " + end);
            assertEquals(end - 5, first.values.get(lag(group, g % PARTITIONS)), group);
            assertEquals(0.0, first.values.get(SeriesKey.of(MetricNames.GROUP_MEMBERS, "cluster", "it", "group", group)), group);
          }
          for (int i = 0; i < LIVE; i++) {
            Double members = first.values.get(SeriesKey.of(MetricNames.GROUP_MEMBERS, "cluster", "it", "group", "live-" + i));
            assertTrue(members != null && members >= 1, "live-" + i + " described: " + members);
          }
          AdminCollectorIT.Recorder second = new AdminCollectorIT.Recorder();
          int secondCalls = cycle(c, 5, second, "second");
          assertEquals(first.values.get(lag(group(GROUPS - 1), (GROUPS - 1) % PARTITIONS)),
              second.values.get(lag(group(GROUPS - 1), (GROUPS - 1) % PARTITIONS)), "empty groups' lag every cycle");
          assertTrue(secondCalls < firstCalls, "empty groups' commits not read again: " + secondCalls + " calls, then " + firstCalls);
        }
      } finally {
        for (KafkaConsumer<String, String> consumer : live) consumer.close(Duration.ofSeconds(5));
      }
    }
  }

  /** One group cycle (5 scrapes of 2 s in the collector's time, run back to back); returns its calls. */
  private static int cycle(AdminCollector c, int firstScrape, AdminCollectorIT.Recorder all, String name) throws Exception {
    int calls = 0;
    long wall = 0;
    long maxWall = 0;
    StringBuilder perScrape = new StringBuilder();
    for (int s = firstScrape; s < firstScrape + 5; s++) {
      long time = s * INTERVAL;
      AdminCollectorIT.Recorder r = new AdminCollectorIT.Recorder(time);
      long t0 = System.nanoTime();
      c.scrape(r);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      wall += ms;
      maxWall = Math.max(maxWall, ms);
      calls += c.lastScrapeCalls();
      perScrape.append(perScrape.length() == 0 ? "" : ", ").append(ms).append(" ms/").append(c.lastScrapeCalls()).append(" calls/")
          .append(r.values.size()).append(" series");
      all.values.putAll(r.values);
    }
    System.out.printf("admin scale %s cycle: %d groups (batches of %d), %d partitions: %d ms wall in all, %d ms the longest scrape, %d calls, %d series;"
        + " per scrape: %s%n", name, GROUPS + LIVE, GROUP_BATCH, PARTITIONS, wall, maxWall, calls, all.values.size(), perScrape);
    return calls;
  }

  private static String group(int g) {
    return String.format("batch-%05d", g);
  }

  private static SeriesKey lag(String group, int partition) {
    return SeriesKey.of(MetricNames.GROUP_LAG, "cluster", "it", "group", group, "topic", "events", "partition", String.valueOf(partition));
  }

  /**
   * Until every partition's leader serves it (a broker busy creating 200 logs answers
   * NOT_LEADER_OR_FOLLOWER meanwhile, and records sent then may expire).
   */
  private static void awaitLeaders(Admin admin) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) latest.put(new TopicPartition("events", p), OffsetSpec.latest());
    long giveUp = System.currentTimeMillis() + 180_000;
    while (true) {
      try {
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (System.currentTimeMillis() > giveUp) throw e;
        Thread.sleep(500);
      }
    }
  }

  /** 20 records on every partition. */
  private static void produce(KafkaCluster kafka) throws Exception {
    Properties pp = new Properties();
    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    pp.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 20; i++) {
        for (int p = 0; p < PARTITIONS; p++) producer.send(new ProducerRecord<>("events", p, null, "e" + i));
      }
      producer.flush();
    }
  }

  /** Each group commits offset 5 on two partitions, through the Admin API (the groups stay Empty). */
  private static void commitOffsets(Admin admin) throws Exception {
    List<KafkaFuture<Void>> commits = new ArrayList<>();
    for (int g = 0; g < GROUPS; g++) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      offsets.put(new TopicPartition("events", g % PARTITIONS), new OffsetAndMetadata(5));
      offsets.put(new TopicPartition("events", (g + 1) % PARTITIONS), new OffsetAndMetadata(5));
      commits.add(admin.alterConsumerGroupOffsets(group(g), offsets).all());
      if (commits.size() == 500) {
        KafkaFuture.allOf(commits.toArray(new KafkaFuture<?>[0])).get(120, TimeUnit.SECONDS);
        commits.clear();
      }
    }
    KafkaFuture.allOf(commits.toArray(new KafkaFuture<?>[0])).get(120, TimeUnit.SECONDS);
  }

  /** A consumer that has joined its group (polled until assigned) and stays in it. */
  private static KafkaConsumer<String, String> liveConsumer(KafkaCluster kafka, String group) {
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(Collections.singletonList("events"));
    long giveUp = System.currentTimeMillis() + 60_000;
    while (consumer.assignment().isEmpty() && System.currentTimeMillis() < giveUp) consumer.poll(Duration.ofMillis(200));
    consumer.commitSync(Duration.ofSeconds(30));
    return consumer;
  }
}
