package org.doflamingo.scale;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.doflamingo.cluster.KafkaCluster;

/**
 * The cluster's contents, made once and kept for {@code --reuse}: the topics, {@code --records}
 * records in every partition, and the consumer groups' committed offsets through the Admin API
 * ({@code alterConsumerGroupOffsets}, one call per group, a bounded number in flight). Which group
 * commits where is a pure function of the shape ({@link GroupPlan}), so a later run knows every
 * group's expected lag without asking anybody. A marker file records the finished shape.
 */
final class Setup {
  private static final String MARKER = "setup-done.txt";
  /** Admin calls in flight at once while committing offsets. */
  private static final int IN_FLIGHT = 64;
  private static final int TOPICS_PER_REQUEST = 10;

  private Setup() {
  }

  /** Whether {@code dir} holds a cluster set up with this shape already. */
  static boolean done(Path dir, ScaleOptions o) throws Exception {
    Path marker = dir.resolve(MARKER);
    return Files.isRegularFile(marker) && new String(Files.readAllBytes(marker), StandardCharsets.UTF_8).trim().equals(o.setupShape());
  }

  static void run(KafkaCluster kafka, ScaleOptions o, GroupPlan plan, Path dir, Phases phases) throws Exception {
    Properties ap = kafka.clientProperties();
    // A broker creating thousands of logs answers slowly: generous timeouts, bounded all the same.
    ap.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "300000");
    ap.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "600000");
    try (Admin admin = Admin.create(ap)) {
      phases.run("create " + o.topics + " topics x " + o.partitionsPerTopic + " partitions (RF " + o.replication() + ")",
          () -> createTopics(admin, o, plan));
      phases.run("write " + o.records + " records to each of " + o.partitions() + " partitions", () -> writeRecords(kafka, o, plan));
      phases.run("commit offsets of " + o.groups + " groups (" + o.partitionsPerGroup + " partitions each, "
          + IN_FLIGHT + " Admin calls in flight)", () -> commitOffsets(admin, o, plan));
    }
    Files.write(dir.resolve(MARKER), (o.setupShape() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Waits (bounded) until every partition of the plan's topics has a leader: after a reused cluster's start, too. */
  static void awaitLeaders(KafkaCluster kafka, ScaleOptions o, GroupPlan plan) throws Exception {
    try (Admin admin = kafka.admin()) {
      awaitLeaders(admin, o, plan);
    }
  }

  private static void createTopics(Admin admin, ScaleOptions o, GroupPlan plan) throws Exception {
    List<String> names = plan.topics();
    for (int i = 0; i < names.size(); i += TOPICS_PER_REQUEST) {
      List<NewTopic> batch = new ArrayList<>();
      for (String n : names.subList(i, Math.min(names.size(), i + TOPICS_PER_REQUEST))) {
        batch.add(new NewTopic(n, o.partitionsPerTopic, (short) o.replication()));
      }
      admin.createTopics(batch).all().get(10, TimeUnit.MINUTES);
      Phases.progress("topics", Math.min(names.size(), i + TOPICS_PER_REQUEST), names.size());
    }
    awaitLeaders(admin, o, plan);
  }

  private static void awaitLeaders(Admin admin, ScaleOptions o, GroupPlan plan) throws Exception {
    long deadline = System.currentTimeMillis() + 900_000;
    List<String> names = plan.topics();
    while (true) {
      int led = 0;
      for (int i = 0; i < names.size(); i += 50) {
        try {
          for (TopicDescription d : admin.describeTopics(names.subList(i, Math.min(names.size(), i + 50))).allTopicNames()
              .get(120, TimeUnit.SECONDS).values()) {
            for (TopicPartitionInfo p : d.partitions()) if (p.leader() != null) led++;
          }
        } catch (ExecutionException e) {
          // a broker just started (a reused cluster) knows its topics only once it has loaded the metadata
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) throw e;
        }
      }
      Phases.progress("partitions with a leader", led, o.partitions());
      if (led == o.partitions()) return;
      if (System.currentTimeMillis() > deadline) throw new IllegalStateException("only " + led + " of " + o.partitions()
          + " partitions have a leader after 15 minutes");
      Thread.sleep(2000);
    }
  }

  private static void writeRecords(KafkaCluster kafka, ScaleOptions o, GroupPlan plan) throws Exception {
    Properties p = kafka.clientProperties();
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "50");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "16384");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000");
    byte[] value = "doflamingo scale harness".getBytes(StandardCharsets.UTF_8);
    AtomicReference<Exception> failed = new AtomicReference<>();
    List<String> names = plan.topics();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (int t = 0; t < names.size(); t++) {
        for (int r = 0; r < o.records; r++) {
          for (int part = 0; part < o.partitionsPerTopic; part++) {
            producer.send(new ProducerRecord<>(names.get(t), part, null, value), (m, e) -> {
              if (e != null) failed.compareAndSet(null, e);
            });
          }
        }
        // one topic's records acknowledged before the next: the buffer stays bounded, progress is true
        producer.flush();
        if (failed.get() != null) throw new IllegalStateException("writing records to " + names.get(t) + ": " + failed.get(), failed.get());
        Phases.progress("topics written", t + 1, names.size());
      }
    }
  }

  private static void commitOffsets(Admin admin, ScaleOptions o, GroupPlan plan) throws Exception {
    Semaphore slots = new Semaphore(IN_FLIGHT);
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    for (int g = 0; g < o.groups && failed.get() == null; g++) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (Map.Entry<TopicPartition, Long> e : plan.committed(g).entrySet()) offsets.put(e.getKey(), new OffsetAndMetadata(e.getValue()));
      if (!slots.tryAcquire(10, TimeUnit.MINUTES)) throw new IllegalStateException("no Admin call finished within 10 minutes");
      admin.alterConsumerGroupOffsets(plan.group(g), offsets).all().whenComplete((v, e) -> {
        if (e != null) failed.compareAndSet(null, e);
        slots.release();
        int n = done.incrementAndGet();
        if (n % Math.max(1, o.groups / 20) == 0) Phases.progress("groups committed", n, o.groups);
      });
    }
    if (!slots.tryAcquire(IN_FLIGHT, 10, TimeUnit.MINUTES)) throw new IllegalStateException("Admin calls still in flight after 10 minutes");
    if (failed.get() != null) throw new IllegalStateException("committing offsets: " + failed.get(), failed.get());
  }
}
