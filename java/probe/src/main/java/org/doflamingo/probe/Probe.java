package org.doflamingo.probe;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cluster's probe at work: the topic manager on a timer, the produce beat, the consumer
 * thread, and the {@link ProbeStats} they all report to. Threads (all daemons, named
 * {@code doflamingo-probe-<cluster>-...}): topic checks, produce slots, the consumer, plus the
 * Kafka clients' own. {@link #close()} stops them all.
 */
final class Probe implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Probe.class);
  /** How long one topic check may wait for the cluster. */
  private static final long ADMIN_TIMEOUT_MS = 10_000;

  private final ProbeConfig config;
  private final ProbeStats stats;
  private final long session = new SecureRandom().nextLong();
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ProbeTopic topic;
  private final ProduceService produce;
  private final ConsumeService consume;
  private final ScheduledExecutorService topicTimer;
  private final ScheduledExecutorService produceTimer;
  private final Thread consumeThread;
  private volatile ProbeTopic.Layout layout;
  private volatile String topicError;
  /** Why the brokers refused the probe's clients, or null. */
  private volatile String refused;
  private long nextSlotMs;

  /** Creates the clients (nothing is contacted yet); throws when the configuration is unusable (unresolvable hosts). */
  Probe(ProbeConfig config, long nowMs) {
    this.config = config;
    this.stats = new ProbeStats(config, nowMs);
    java.util.Properties ap = ClientProperties.of(config, "admin");
    ap.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    ap.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ADMIN_TIMEOUT_MS));
    Admin a = null;
    KafkaProducer<byte[], byte[]> p = null;
    try {
      a = Admin.create(ap);
      p = new KafkaProducer<>(ProduceService.properties(config));
      this.consumer = new KafkaConsumer<>(ConsumeService.properties(config));
    } catch (RuntimeException e) {
      if (p != null) p.close(Duration.ZERO);
      if (a != null) a.close(Duration.ZERO);
      throw e;
    }
    this.admin = a;
    this.producer = p;
    this.topic = new ProbeTopic(config, admin, ADMIN_TIMEOUT_MS);
    this.produce = new ProduceService(config, producer, stats, session);
    this.consume = new ConsumeService(config, consumer, stats, session);
    this.topicTimer = timer("topic");
    this.produceTimer = timer("produce");
    this.consumeThread = new Thread(consume, "doflamingo-probe-" + config.cluster + "-consume");
    consumeThread.setDaemon(true);
  }

  private ScheduledExecutorService timer(String role) {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread th = new Thread(r, "doflamingo-probe-" + config.cluster + "-" + role);
      th.setDaemon(true);
      return th;
    });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  void start() {
    consumeThread.start();
    topicTimer.execute(this::checkTopic);
    nextSlotMs = System.currentTimeMillis();
    produceTimer.execute(this::beat);
  }

  private void checkTopic() {
    long next = config.topicCheckMs;
    try {
      ProbeTopic.Round r = topic.check();
      if (r.layout != null) apply(r.layout);
      if (topicError != null) log.info("Kafka cluster {}: probe topic {} checked again", config.cluster, config.topic);
      topicError = null;
      if (r.changed) next = Math.min(next, 1000); // just created, grown or re-elected: see the result soon
    } catch (ProbeException | RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      if (!message.equals(topicError)) log.warn("Kafka cluster {}: probe topic {}: {}", config.cluster, config.topic, message);
      topicError = message;
      if (e.getCause() instanceof AuthenticationException) {
        // refused (password, certificate, mechanism): retrying every 2 s would change nothing; the collector restarts the probe
        refused = message;
        return;
      }
      if (layout == null) next = Math.min(next, 2000);
    }
    try {
      topicTimer.schedule(this::checkTopic, next, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // closing
    }
  }

  private void apply(ProbeTopic.Layout l) {
    layout = l;
    stats.track(l.partitions.keySet(), System.currentTimeMillis());
    produce.partitions(l.partitions.keySet());
    consume.partitions(l.partitions.keySet());
  }

  /** One produce slot per partition, on a steady beat; a beat missed because this JVM stalled is skipped, not counted. */
  private void beat() {
    long now = System.currentTimeMillis();
    try {
      produce.slot(now);
    } catch (RuntimeException e) {
      log.warn("Kafka cluster {}: probe produce slot failed: {}", config.cluster, e.toString());
    }
    long period = produce.periodMs();
    nextSlotMs += period;
    long after = System.currentTimeMillis();
    if (nextSlotMs < after) nextSlotMs = after + period - (after - nextSlotMs) % period;
    try {
      produceTimer.schedule(this::beat, nextSlotMs - after, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // closing
    }
  }

  ProbeStats stats() {
    return stats;
  }

  /** The topic as the last successful check found it; null until one has. */
  ProbeTopic.Layout layout() {
    return layout;
  }

  String topicError() {
    return topicError;
  }

  /** Why the brokers refused the probe's clients (authentication), or null: then it stopped checking. */
  String refused() {
    return refused;
  }

  /** Partition to current leader, from the producer's metadata. */
  Map<Integer, Integer> leaders() {
    return produce.leaders();
  }


  String lastProduceError() {
    return produce.lastError();
  }

  String lastConsumeError() {
    return consume.lastError();
  }

  @Override
  public void close() {
    topicTimer.shutdownNow();
    produceTimer.shutdownNow();
    consume.stop();
    try {
      consumeThread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      producer.close(Duration.ofSeconds(2));
    } finally {
      try {
        if (!consumeThread.isAlive()) consumer.close(Duration.ofSeconds(2));
      } finally {
        admin.close(Duration.ofSeconds(2));
      }
    }
  }
}
