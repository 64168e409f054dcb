package org.doflamingo.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The traffic of the 2016 Doflamingo demo, after the MapR Kafka sample programs it was built on:
 * a steady producer to {@value #FAST_MESSAGES} (6 partitions), one marker a second to
 * {@value #SUMMARY_MARKERS}, the consumer group {@value #GROUP} reading fast-messages at a capped
 * rate, and on a cycle extra producers that push the produce rate above that cap, so the group's
 * lag (the "max lag" of the slides) grows while they are on and drains once they leave. A Flume
 * feeder posts events to the agent's HTTP source. Every loop runs on its own daemon thread
 * ({@code demo-traffic-*}), paced, and outlives broker failures: errors are retried and logged at
 * WARN at most once per 30 s per thread. Nothing is printed; phase changes are logged at INFO.
 */
public final class DemoTraffic implements AutoCloseable {
  public static final String FAST_MESSAGES = "fast-messages";
  public static final String SUMMARY_MARKERS = "summary-markers";
  public static final String GROUP = "demo-consumers";
  public static final int FAST_MESSAGES_PARTITIONS = 6;

  private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);
  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);
  /** How far a pace may fall behind and catch up: makes up for oversleeping, not for an outage. */
  private static final long PACE_CREDIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final Duration COMMIT_EVERY = Duration.ofSeconds(1);
  /** Bounds every client call on the way out, so close() is done within a few seconds even with a broker down. */
  private static final Duration CLIENT_CLOSE = Duration.ofSeconds(2);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(8);
  /** Enough distinct keys that the default partitioner gives each of the 6 partitions some. */
  private static final int KEYS = 64;

  /** What the produce side is doing right now. */
  public enum Phase {
    /** Only the steady producer: below the consumers' cap, the lag stays small or drains. */
    STEADY,
    /** The extra producers are on too: above the cap, the lag grows. */
    EXTRA_PRODUCERS
  }

  /**
   * Rates (per second) and cycle lengths; the defaults suit a 2-core laptop running the whole
   * pipeline. With them 400 msgs/s against a cap of 300/s build about 6,000 messages of lag in the
   * 60 s of extra producers, and the 100/s of headroom drain it in the first half of the 120 s that
   * follow: the lag goes up and back to zero on every cycle.
   */
  public static final class Options {
    private int steadyRate = 200;
    private int extraProducers = 2;
    private int extraRate = 100;
    private int consumers = 2;
    private int consumerCap = 300;
    private int markerRate = 1;
    private int flumeRate = 20;
    private Duration steadyPeriod = Duration.ofSeconds(120);
    private Duration extraPeriod = Duration.ofSeconds(60);

    public Options() {
    }

    private Options(Options o) {
      steadyRate = o.steadyRate;
      extraProducers = o.extraProducers;
      extraRate = o.extraRate;
      consumers = o.consumers;
      consumerCap = o.consumerCap;
      markerRate = o.markerRate;
      flumeRate = o.flumeRate;
      steadyPeriod = o.steadyPeriod;
      extraPeriod = o.extraPeriod;
    }

    /** Messages a second of the steady producer to fast-messages (default 200). */
    public Options steadyRate(int perSecond) {
      Options o = new Options(this);
      o.steadyRate = positive("steadyRate", perSecond);
      return o;
    }

    /** How many producers join on the cycle (default 2). */
    public Options extraProducers(int count) {
      Options o = new Options(this);
      o.extraProducers = positive("extraProducers", count);
      return o;
    }

    /** Messages a second of each extra producer (default 100). */
    public Options extraRate(int perSecond) {
      Options o = new Options(this);
      o.extraRate = positive("extraRate", perSecond);
      return o;
    }

    /** Members of the consumer group (default 2); they share the cap evenly. */
    public Options consumers(int count) {
      Options o = new Options(this);
      o.consumers = positive("consumers", count);
      return o;
    }

    /** Messages a second the whole consumer group processes at most (default 300). */
    public Options consumerCap(int perSecond) {
      Options o = new Options(this);
      o.consumerCap = positive("consumerCap", perSecond);
      return o;
    }

    /** Messages a second to summary-markers (default 1). */
    public Options markerRate(int perSecond) {
      Options o = new Options(this);
      o.markerRate = positive("markerRate", perSecond);
      return o;
    }

    /** Events a second posted to the Flume agent's HTTP source (default 20). */
    public Options flumeRate(int perSecond) {
      Options o = new Options(this);
      o.flumeRate = positive("flumeRate", perSecond);
      return o;
    }

    /** How long only the steady producer runs before the extra producers join (default 120 s). */
    public Options steadyPeriod(Duration d) {
      Options o = new Options(this);
      o.steadyPeriod = positive("steadyPeriod", d);
      return o;
    }

    /** How long the extra producers stay (default 60 s). */
    public Options extraPeriod(Duration d) {
      Options o = new Options(this);
      o.extraPeriod = positive("extraPeriod", d);
      return o;
    }

    int peakRate() {
      return steadyRate + extraProducers * extraRate;
    }

    private static int positive(String name, int v) {
      if (v < 1) {
        throw new IllegalArgumentException(name + " must be at least 1: " + v);
      }
      return v;
    }

    private static Duration positive(String name, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }

  private final KafkaCluster kafka;
  private final FlumeAgent flume;
  private final Options options;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  /** Kept for close(): wakeup() is the one consumer call that may come from another thread. */
  private final List<KafkaConsumer<String, String>> consumers = new CopyOnWriteArrayList<>();
  private final AtomicLong produced = new AtomicLong();
  private final AtomicLong consumed = new AtomicLong();
  private final AtomicLong markers = new AtomicLong();
  private final AtomicLong flumePosted = new AtomicLong();
  private volatile Phase phase = Phase.STEADY;

  private DemoTraffic(KafkaCluster kafka, FlumeAgent flume, Options options) {
    this.kafka = kafka;
    this.flume = flume;
    this.options = options;
  }

  /** {@link #start(KafkaCluster, FlumeAgent, Options)} with the default options. */
  public static DemoTraffic start(KafkaCluster kafka, FlumeAgent flume) {
    return start(kafka, flume, new Options());
  }

  /**
   * Creates the topics if missing and starts every loop; {@code flume} may be null (no feeder).
   * Throws {@link ClusterException} when the topics cannot be created.
   */
  public static DemoTraffic start(KafkaCluster kafka, FlumeAgent flume, Options options) {
    DemoTraffic traffic = new DemoTraffic(kafka, flume, options);
    try {
      traffic.createTopics();
      traffic.startThreads();
    } catch (RuntimeException e) {
      traffic.close();
      throw e;
    }
    LOG.info("demo traffic on {}: {} at {} msgs/s, {} consumers in {} capped at {}/s, {} extra producers of {} msgs/s"
            + " every {} s for {} s, {} marker(s)/s to {}{}",
        kafka.bootstrapServers(), FAST_MESSAGES, options.steadyRate, options.consumers, GROUP,
        options.consumerCap, options.extraProducers, options.extraRate,
        options.steadyPeriod.getSeconds() + options.extraPeriod.getSeconds(), options.extraPeriod.getSeconds(),
        options.markerRate, SUMMARY_MARKERS,
        flume == null ? "" : ", " + options.flumeRate + " events/s to " + flume);
    traffic.warnIfUnbalanced();
    return traffic;
  }

  /** Records of fast-messages the brokers acknowledged, from every producer. */
  public long produced() {
    return produced.get();
  }

  /** Records of fast-messages the consumer group processed. */
  public long consumed() {
    return consumed.get();
  }

  /** Records of summary-markers the brokers acknowledged. */
  public long markers() {
    return markers.get();
  }

  /** Events the Flume agent's HTTP source accepted (0 without an agent). */
  public long flumePosted() {
    return flumePosted.get();
  }

  public Phase phase() {
    return phase;
  }

  private void createTopics() {
    short replication = (short) Math.min(3, kafka.brokers().size());
    List<NewTopic> topics = Arrays.asList(
        new NewTopic(FAST_MESSAGES, FAST_MESSAGES_PARTITIONS, replication),
        new NewTopic(SUMMARY_MARKERS, 1, replication));
    try (Admin admin = kafka.admin()) {
      admin.createTopics(topics).values().forEach((name, created) -> {
        try {
          created.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new ClusterException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ClusterException("interrupted creating topic " + name, e);
        } catch (TimeoutException e) {
          throw new ClusterException("cannot create topic " + name + " within 60 s", e);
        }
      });
    }
  }

  private void startThreads() {
    spawn("demo-traffic-producer-1", () -> produce("demo-traffic-producer-1", FAST_MESSAGES, options.steadyRate,
        false, produced));
    for (int i = 1; i <= options.extraProducers; i++) {
      String name = "demo-traffic-extra-producer-" + i;
      spawn(name, () -> produce(name, FAST_MESSAGES, options.extraRate, true, produced));
    }
    spawn("demo-traffic-markers", () -> produce("demo-traffic-markers", SUMMARY_MARKERS, options.markerRate,
        false, markers));
    double perConsumer = (double) options.consumerCap / options.consumers;
    for (int i = 1; i <= options.consumers; i++) {
      String name = "demo-traffic-consumer-" + i;
      KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(name, perConsumer),
          new StringDeserializer(), new StringDeserializer());
      consumers.add(consumer);
      spawn(name, () -> consume(name, consumer, perConsumer));
    }
    if (flume != null) {
      spawn("demo-traffic-flume", this::feedFlume);
    }
    spawn("demo-traffic-phases", this::cycle);
  }

  private void spawn(String name, Runnable loop) {
    Thread t = new Thread(loop, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  /** Steady for steadyPeriod, extra producers on for extraPeriod, over and over. */
  private void cycle() {
    while (!pause(options.steadyPeriod)) {
      phase = Phase.EXTRA_PRODUCERS;
      LOG.info("{} extra producers joined {}: {} msgs/s against a consumer group capped at {}/s",
          options.extraProducers, FAST_MESSAGES, options.peakRate(), options.consumerCap);
      if (pause(options.extraPeriod)) {
        return;
      }
      phase = Phase.STEADY;
      LOG.info("extra producers left {}: {} msgs/s against a consumer group capped at {}/s, the lag drains",
          FAST_MESSAGES, options.steadyRate, options.consumerCap);
    }
  }

  /**
   * Sends to {@code topic} at {@code perSecond} until close(); an extra producer connects when its
   * phase begins and disconnects when it ends, as a real one joining and leaving would.
   */
  private void produce(String name, String topic, int perSecond, boolean extra, AtomicLong acked) {
    Warnings warnings = new Warnings(name);
    Pace pace = new Pace(perSecond);
    long k = 0;
    while (!stopping()) {
      if (extra && !awaitExtraPhase()) {
        return;
      }
      KafkaProducer<String, String> producer;
      try {
        producer = new KafkaProducer<>(producerProperties(name), new StringSerializer(), new StringSerializer());
      } catch (KafkaException e) {
        warnings.warn("cannot create a producer", e);
        pause(Duration.ofSeconds(1));
        continue;
      }
      try {
        while ((!extra || phase == Phase.EXTRA_PRODUCERS) && pace.take(1)) {
          // the JSON of the MapR sample producer the 2016 demo ran
          String value = String.format(Locale.ROOT, "{\"type\":\"%s\",\"t\":%.3f,\"k\":%d}",
              topic.equals(SUMMARY_MARKERS) ? "marker" : "test", System.currentTimeMillis() / 1000.0, k);
          try {
            producer.send(new ProducerRecord<>(topic, "k" + k % KEYS, value), (metadata, e) -> {
              if (e == null) {
                acked.incrementAndGet();
              } else {
                warnings.warn("send to " + topic + " failed", e);
              }
            });
          } catch (KafkaException e) {
            // no metadata or a full buffer within max.block.ms: the brokers are away
            warnings.warn("send to " + topic + " failed", e);
          }
          k++;
        }
      } finally {
        producer.close(CLIENT_CLOSE);
      }
    }
  }

  /** Waits for the extra-producer phase; false once closing. */
  private boolean awaitExtraPhase() {
    while (phase != Phase.EXTRA_PRODUCERS) {
      if (pause(Duration.ofMillis(100))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Polls fast-messages and "processes" each batch at {@code perSecond}: the cap the extra producers
   * outrun. Commits (synchronously, at most once a second) what it processed, so the group's lag is
   * what an admin client sees.
   */
  private void consume(String name, KafkaConsumer<String, String> consumer, double perSecond) {
    Warnings warnings = new Warnings(name);
    Pace pace = new Pace(perSecond);
    long lastCommit = System.nanoTime();
    boolean uncommitted = false;
    try {
      consumer.subscribe(Collections.singletonList(FAST_MESSAGES));
      while (!stopping()) {
        try {
          int n = consumer.poll(Duration.ofMillis(500)).count();
          if (n > 0) {
            if (!pace.take(n)) {
              return;
            }
            consumed.addAndGet(n);
            uncommitted = true;
          }
          if (uncommitted && System.nanoTime() - lastCommit >= COMMIT_EVERY.toNanos()) {
            consumer.commitSync(Duration.ofSeconds(5));
            lastCommit = System.nanoTime();
            uncommitted = false;
          }
        } catch (KafkaException e) {
          if (stopping()) {
            return; // the WakeupException of close()
          }
          warnings.warn("poll or commit failed", e);
          pause(Duration.ofSeconds(1));
        }
      }
    } finally {
      try {
        consumer.close(CLIENT_CLOSE);
      } catch (KafkaException e) {
        LOG.debug("{}: close: {}", name, e.toString());
      }
    }
  }

  /** Posts a batch to Flume's HTTP source four times a second (the batch size makes up the rate). */
  private void feedFlume() {
    Warnings warnings = new Warnings("demo-traffic-flume");
    int batch = Math.max(1, options.flumeRate / 4);
    Pace pace = new Pace(options.flumeRate);
    long n = 0;
    while (pace.take(batch)) {
      List<String> events = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        events.add("event-" + n++);
      }
      try {
        int status = flume.postEvents(events);
        if (status == 200) {
          flumePosted.addAndGet(batch);
        } else {
          // 503: the memory channel is full, typically because Kafka is away
          warnings.warn("Flume HTTP source answered " + status, null);
        }
      } catch (IOException e) {
        warnings.warn("posting to Flume failed", e);
      }
    }
  }

  private Properties clientProperties(String clientId) {
    Properties p = kafka.clientProperties();
    p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    // a killed broker costs every client a WARN line from kafka-clients per reconnect attempt:
    // one every 5 s rather than every second
    p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000");
    return p;
  }

  private Properties producerProperties(String clientId) {
    Properties p = clientProperties(clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    // a small buffer and a short block: memory stays bounded and a loop stalls at most
    // 2 s per send while the brokers are away
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(4 * 1024 * 1024));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    return p;
  }

  private Properties consumerProperties(String clientId, double perSecond) {
    Properties p = clientProperties(clientId);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // whatever was produced before the group first joined counts as lag too
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // batches of a quarter second of processing keep the pace smooth and poll() frequent
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.max(1, (int) (perSecond / 4))));
    // a caught-up consumer would otherwise fetch a record or two at a time, hundreds of times a second
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "8192");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "200");
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(1024 * 1024));
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(256 * 1024));
    return p;
  }

  /** Lag that grows from one cycle to the next (or never grows) makes a poor demo: say so once. */
  private void warnIfUnbalanced() {
    long growth = (long) (options.peakRate() - options.consumerCap) * options.extraPeriod.getSeconds();
    long drain = (long) (options.consumerCap - options.steadyRate) * options.steadyPeriod.getSeconds();
    if (growth <= 0) {
      LOG.warn("{} msgs/s with the extra producers stay within the consumer cap of {}/s: no lag builds up",
          options.peakRate(), options.consumerCap);
    } else if (growth > drain) {
      LOG.warn("the lag grows by about {} messages per cycle but only {} drain between cycles: it keeps growing",
          growth, Math.max(0, drain));
    }
  }

  private boolean stopping() {
    return stop.getCount() == 0;
  }

  /** Sleeps, cut short by close(); true when closing. */
  private boolean pause(Duration d) {
    try {
      return stop.await(d.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** Stops every loop and closes every client; returns within about 8 s. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stop.countDown();
    for (KafkaConsumer<String, String> c : consumers) {
      c.wakeup();
    }
    long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
    for (Thread t : threads) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (t.isAlive()) {
        LOG.warn("{} still running {} s after close()", t.getName(), CLOSE_TIMEOUT.getSeconds());
      }
    }
    LOG.info("demo traffic stopped: {}", this);
  }

  @Override
  public String toString() {
    return (phase == Phase.STEADY ? "steady" : "extra producers on") + ": " + produced() + " produced, "
        + consumed() + " consumed, " + markers() + " markers, " + flumePosted() + " Flume events posted";
  }

  /** Sleeps as needed to hold a rate; tokens saved up are capped so a stall does not turn into a burst. */
  private final class Pace {
    private final double nanosPerPermit;
    private long next = System.nanoTime();

    Pace(double perSecond) {
      this.nanosPerPermit = TimeUnit.SECONDS.toNanos(1) / perSecond;
    }

    /** Waits until {@code permits} more fit the rate; false when closing. */
    boolean take(int permits) {
      long now = System.nanoTime();
      next = Math.max(next, now - PACE_CREDIT_NANOS) + (long) (permits * nanosPerPermit);
      long wait = next - now;
      return wait > 0 ? !pause(Duration.ofNanos(wait)) : !stopping();
    }
  }

  /**
   * One thread's warnings: a killed broker fails every send, so WARN at most once per 30 s with a
   * count of what was held back, the rest at DEBUG. Producer callbacks call it from the client's
   * I/O thread, hence synchronized.
   */
  private static final class Warnings {
    private final String thread;
    private long lastWarn;
    private boolean warned;
    private int heldBack;

    Warnings(String thread) {
      this.thread = thread;
    }

    synchronized void warn(String what, Exception e) {
      String cause = e == null ? "" : ": " + e;
      long now = System.nanoTime();
      if (warned && now - lastWarn < WARN_EVERY_NANOS) {
        heldBack++;
        LOG.debug("{}: {}{}", thread, what, cause);
        return;
      }
      LOG.warn("{}: {}{}{} (retrying)", thread, what, cause,
          heldBack == 0 ? "" : " (" + heldBack + " more since the last warning)");
      warned = true;
      lastWarn = now;
      heldBack = 0;
    }
  }
}
