package org.doflamingo.collect.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doflamingo.cluster.FlumeAgent;
import org.doflamingo.cluster.KafkaBroker;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.doflamingo.cluster.ZooKeeperServer;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.MonitorTicks;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.Event;
import org.doflamingo.engine.Scheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The faults of issue 16 on one real pipeline, watched every 2 s as an operator runs it: a
 * ZooKeeper ensemble of 3, two Kafka brokers (topic {@code orders}, 6 partitions, 2 replicas) with
 * a producer and a consumer group {@code billing}, and two Flume agents (edge → collector → Kafka).
 * Each fault produces its events in order, the first of them stamped within one interval (plus
 * the scheduler's jitter and a scrape's own time) of the fault; what Kafka or ZooKeeper take
 * their own time to notice (a broker's session expiring, an election) is bounded by that time.
 * The first sight of the whole pipeline is the baseline: nothing "created", no leader "changed".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventsIT {
  private static final String CLUSTER = "it";
  private static final long INTERVAL_MS = 2000;
  /** One interval, the scheduler's jitter (a tenth of it) and a scrape's own time under this machine's load. */
  private static final long ONE_INTERVAL = INTERVAL_MS + 1500;
  private static final String TOPIC = "orders";
  private static final String GROUP = "billing";
  /** The lag window the IT configures: STOP needs no commit across it. */
  private static final long LAG_WINDOW_MS = 20_000;

  private final Path base = Paths.get("target", "it", "events");
  private ZooKeeperEnsemble zk;
  private KafkaCluster kafka;
  private FlumeAgent collector;
  private FlumeAgent edge;
  private Monitor monitor;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final AtomicBoolean producing = new AtomicBoolean(true);
  private final AtomicBoolean consuming = new AtomicBoolean(true);
  private Thread producer;
  private Thread consumer;

  @BeforeAll
  void start() throws Exception {
    zk = ZooKeeperEnsemble.start(base, 3);
    zk.awaitQuorum(Duration.ofSeconds(60));
    kafka = KafkaCluster.start(base, zk, 2);
    try (Admin admin = kafka.admin()) {
      admin.createTopics(Collections.singletonList(new NewTopic(TOPIC, 6, (short) 2))).all().get(60, TimeUnit.SECONDS);
    }
    collector = FlumeAgent.startCollector(base.resolve("flume-collector"), "collector", kafka.bootstrapServers(), "flume-events");
    edge = FlumeAgent.startEdge(base.resolve("flume-edge"), "edge", collector);
    producer = thread("orders-producer", this::produce);
    consumer = thread("billing-consumer", this::consume);
    // The group exists (it has committed) before the monitor first lists groups: else its first
    // commit lands after that listing and is, rightly, a group.created the baseline test refuses.
    try (Admin admin = kafka.admin()) {
      long until = System.currentTimeMillis() + 60_000;
      while (admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).isEmpty()) {
        assertTrue(System.currentTimeMillis() < until, "group " + GROUP + " committed nothing within 60 s");
        Thread.sleep(200);
      }
    }
    Path storage = Files.createTempDirectory(Files.createDirectories(base), "storage-");
    String json = MonitorJson.of(storage, (int) (INTERVAL_MS / 1000), CLUSTER, zk, kafka, Arrays.asList(edge, collector))
        // every partition and group read every scrape, and a lag window short enough for a STOP in a test
        .replace("\"name\": \"" + CLUSTER + "\", \"brokers\"", "\"name\": \"" + CLUSTER + "\", \"partitionIntervalSeconds\": 2,"
            + " \"groupIntervalSeconds\": 2, \"lagWindowSeconds\": " + LAG_WINDOW_MS / 1000 + ", \"brokers\"");
    assertTrue(json.contains("lagWindowSeconds"), json);
    monitor = Monitor.open(MonitorConfig.parse(json), System.currentTimeMillis());
    monitor.events().addListener(events::add);
  }

  @AfterAll
  void stop() throws Exception {
    producing.set(false);
    consuming.set(false);
    if (producer != null) producer.join(10_000);
    if (consumer != null) consumer.join(10_000);
    if (monitor != null) monitor.close();
    if (edge != null) edge.close();
    if (collector != null) collector.close();
    if (kafka != null) kafka.close();
    if (zk != null) zk.close();
  }

  /** What each scenario saw, for the build log (the asserts say what was expected). */
  @org.junit.jupiter.api.AfterEach
  void show(org.junit.jupiter.api.TestInfo test) {
    System.out.println("events of " + test.getDisplayName() + ":"
        + events.stream().map(e -> e.timeMs + " " + e).collect(Collectors.joining("\n  ", "\n  ", "")));
  }

  @Test
  @Order(1)
  void theFirstSightOfThePipelineIsTheBaseline() {
    tickUntil("every target up and the group's status judged", Duration.ofSeconds(120), () -> {
      for (Monitor.Target t : monitor.targets()) {
        if (monitor.status(t.id).state != Scheduler.State.UP || monitor.pending(t.id) != null) return false;
      }
      return groupStatusJudged();
    });
    tick(Duration.ofMillis(3 * INTERVAL_MS));
    // Nothing was created, moved or elected: the first read of everything is its baseline. A target
    // may have failed a scrape while the cluster settled (the Admin API's first read timing out): that
    // is said, as it happened, and nothing else.
    List<Event> seen = new ArrayList<>(events);
    for (Event e : seen) assertTrue(e.kind.startsWith("target."), "first sight is no change: " + seen);
  }

  @Test
  @Order(2)
  void aConsumerStoppingIsARebalanceToNoMemberThenAStop() throws Exception {
    events.clear();
    long stopped = System.currentTimeMillis();
    consuming.set(false);
    consumer.join(30_000);
    // lag grows while nobody commits: Burrow's WARNING may come first, then STOP once a window has no commit
    Event status = await("group " + GROUP + " STOP or STALL", Duration.ofMillis(LAG_WINDOW_MS + 30_000),
        e -> e.kind.equals(EventKinds.GROUP_STATUS) && GROUP.equals(e.label("group")) && ("STOP".equals(e.after) || "STALL".equals(e.after)));
    Event members = first(e -> e.kind.equals(EventKinds.GROUP_MEMBERS) && GROUP.equals(e.label("group")) && "0".equals(e.after));
    assertEquals("1", members.before, members.toString());
    assertEquals(CLUSTER, members.label("cluster"));
    assertTrue(members.timeMs - stopped <= ONE_INTERVAL, "members 1 -> 0 within one interval of the stop: " + (members.timeMs - stopped));
    List<Event> statuses = events.stream().filter(e -> e.kind.equals(EventKinds.GROUP_STATUS) && GROUP.equals(e.label("group")))
        .collect(Collectors.toList());
    assertEquals("OK", statuses.get(0).before, statuses.toString());
    for (int i = 1; i < statuses.size(); i++) assertEquals(statuses.get(i - 1).after, statuses.get(i).before, "a chain: " + statuses);
    assertEquals(Event.Severity.CRITICAL, status.severity);
    assertTrue(statuses.get(0).timeMs >= members.timeMs, "the rebalance first, then the verdicts: " + events);
    assertTrue(status.timeMs - stopped <= LAG_WINDOW_MS + 2 * ONE_INTERVAL, "within a window of the stop: " + (status.timeMs - stopped));
  }

  @Test
  @Order(3)
  void aKilledBrokerLeavesAndItsPartitionsMoveThenItComesBack() {
    events.clear();
    KafkaBroker victim = kafka.broker(2);
    String broker = String.valueOf(victim.id());
    long killed = System.currentTimeMillis();
    victim.kill();
    Event down = await("broker 2's JMX target down", Duration.ofSeconds(30), e -> e.kind.equals(EventKinds.TARGET_DOWN)
        && broker.equals(e.label("broker")));
    assertTrue(down.timeMs - killed <= ONE_INTERVAL, "DOWN within one interval of the kill: " + (down.timeMs - killed));
    assertEquals(CLUSTER, down.label("cluster"));
    assertTrue(down.message != null && !down.message.isEmpty(), "with the error");
    // Kafka drops the broker when its ZooKeeper session expires (6 s in the harness), then moves its leaders
    Event left = await("broker 2 left", Duration.ofSeconds(40), e -> e.kind.equals(EventKinds.BROKER_LEFT));
    assertEquals(broker, left.label("broker"));
    Event shrink = await("ISRs shrunk", Duration.ofSeconds(40), e -> e.kind.equals(EventKinds.ISR_SHRINK));
    Event under = await("under-replicated above 0", Duration.ofSeconds(40),
        e -> e.kind.equals(EventKinds.UNDER_REPLICATED) && "0".equals(e.before));
    Event moved = await("the dead broker's leaderships moved", Duration.ofSeconds(40), e -> e.kind.equals(EventKinds.PARTITION_LEADER));
    // the leader drops a silent follower from the ISR after replica.lag.time.max.ms (5 s), Kafka drops the
    // broker when its ZooKeeper session expires (6 s): either may be read first, both after the target's DOWN
    assertTrue(down.timeMs <= left.timeMs && down.timeMs <= shrink.timeMs && shrink.timeMs <= under.timeMs
        && left.timeMs <= moved.timeMs, "in order: " + events);
    long sessionTimeout = 6000;
    assertTrue(left.timeMs - killed <= sessionTimeout + 2 * ONE_INTERVAL, "left within the session timeout and a read: " + (left.timeMs - killed));
    assertEquals("2", moved.before == null ? "2" : moved.before, "leaderships moved off broker 2: " + moved);
    // every partition (orders' 6, the offsets topic's) has a replica on broker 2
    int shrunk = events.stream().filter(e -> e.kind.equals(EventKinds.ISR_SHRINK)).mapToInt(e -> e.count).sum();
    assertTrue(shrunk >= 6, "each partition's ISR shrank: " + events);
    for (Event e : events) {
      if (e.count > Bursts.ONE_BY_ONE) assertEquals(Math.min(e.count, Bursts.MAX_MEMBERS), e.members.size(), "a burst names its first members: " + e);
    }
    assertTrue(events.stream().noneMatch(e -> e.kind.equals(EventKinds.PARTITION_OFFLINE)), "none went offline (2 replicas): " + events);

    events.clear();
    long restarted = System.currentTimeMillis();
    victim.restart(); // returns once it is registered again
    Event up = await("broker 2's JMX target up", Duration.ofSeconds(60), e -> e.kind.equals(EventKinds.TARGET_UP)
        && broker.equals(e.label("broker")));
    Event joined = await("broker 2 joined", Duration.ofSeconds(60), e -> e.kind.equals(EventKinds.BROKER_JOINED));
    Event whole = await("under-replicated back to 0", Duration.ofSeconds(90),
        e -> e.kind.equals(EventKinds.UNDER_REPLICATED) && "0".equals(e.after));
    Event expand = first(e -> e.kind.equals(EventKinds.ISR_EXPAND));
    assertEquals(broker, joined.label("broker"));
    assertTrue(up.timeMs >= restarted && joined.timeMs >= restarted, "after the restart");
    assertTrue(joined.timeMs <= expand.timeMs && expand.timeMs <= whole.timeMs, "in order: " + events);
  }

  @Test
  @Order(4)
  void aKilledZooKeeperLeaderIsDownAndAnotherServerIsElected() {
    events.clear();
    ZooKeeperServer leader = zk.leader();
    String old = leader.host() + ":" + leader.clientPort();
    long killed = System.currentTimeMillis();
    leader.kill();
    Event down = await("the old leader's mntr target down", Duration.ofSeconds(30), e -> e.kind.equals(EventKinds.TARGET_DOWN)
        && old.equals(e.label("server")) && e.label("target").contains("zookeeper"));
    assertTrue(down.timeMs - killed <= ONE_INTERVAL, "DOWN within one interval of the kill: " + (down.timeMs - killed));
    assertEquals("zookeeper", down.area);
    Event elected = await("a new leader", Duration.ofSeconds(60), e -> e.kind.equals(EventKinds.SERVER_ROLE) && "leader".equals(e.after));
    long electedSeen = System.currentTimeMillis();
    ZooKeeperServer next = zk.leader();
    assertTrue(next != null && next != leader, "a new leader answers: " + next);
    assertEquals(next.host() + ":" + next.clientPort(), elected.label("server"));
    assertEquals("follower", elected.before);
    assertTrue(elected.timeMs - killed <= 30_000 && electedSeen - elected.timeMs <= ONE_INTERVAL + INTERVAL_MS,
        "the election stamped when first read: " + (elected.timeMs - killed) + " ms after the kill");
    leader.restart();
    Event back = await("the old leader up again", Duration.ofSeconds(60), e -> e.kind.equals(EventKinds.TARGET_UP)
        && old.equals(e.label("server")) && e.label("target").contains("zookeeper"));
    assertTrue(back.timeMs > elected.timeMs);
  }

  @Test
  @Order(5)
  void aCutFlumeSinkFailsItsChannelFillsAndBothRecoverWhenTheNextAgentIsBack() throws Exception {
    events.clear();
    long cut = System.currentTimeMillis();
    collector.kill();
    Event down = await("the collector agent's HTTP target down", Duration.ofSeconds(30), e -> e.kind.equals(EventKinds.TARGET_DOWN)
        && "collector".equals(e.label("agent")));
    assertTrue(down.timeMs - cut <= ONE_INTERVAL, "DOWN within one interval of the cut: " + (down.timeMs - cut));
    // the edge keeps taking events and cannot deliver them (60 posts of 100: 60 % of its channel's 10,000)
    int[] posted = {0};
    long posting = System.currentTimeMillis();
    Event failing = await("the edge's avro sink failing", Duration.ofSeconds(60), e -> e.kind.equals(EventKinds.SINK_FAILING), () -> {
      if (posted[0] < 60) post(posted[0]++);
    });
    assertEquals("edge", failing.label("agent"));
    assertEquals("avro", failing.label("component"));
    // An idle sink tries no connection: it fails once it has events to send. Flume's sink runner
    // sleeps up to 5 s while its channel is empty; the first append on the dead connection fails
    // (not a connection failure: no count), the runner sleeps 5 s, and the reconnection fails and is
    // counted; the next scrape reads it. So: two of Flume's sleeps and one interval.
    long flumeSleep = 5000;
    assertTrue(failing.timeMs - posting <= 2 * flumeSleep + ONE_INTERVAL,
        "failing within two retries and an interval: " + (failing.timeMs - posting));
    Event filling = await("the edge's channel past its amber rule", Duration.ofSeconds(90), e -> e.kind.equals(EventKinds.CHANNEL_FILL),
        () -> {
          if (posted[0] < 60) post(posted[0]++);
        });
    assertEquals("mem", filling.label("component"));
    assertEquals("GREEN", filling.before);
    assertTrue(filling.timeMs >= cut, filling.toString());

    collector.restart();
    long back = System.currentTimeMillis();
    Event drained = await("the edge's channel green again", Duration.ofSeconds(90),
        e -> e.kind.equals(EventKinds.CHANNEL_FILL) && "GREEN".equals(e.after));
    Event recovered = await("the edge's sink recovered", Duration.ofSeconds(60), e -> e.kind.equals(EventKinds.SINK_RECOVERED));
    assertTrue(drained.timeMs >= back - INTERVAL_MS && recovered.timeMs >= back, "after the collector is back: " + events);
    assertTrue(failing.timeMs < recovered.timeMs, "in order");
  }

  private void post(int batch) {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 100; i++) bodies.add("while-the-collector-is-down-" + batch + "-" + i);
    try {
      edge.postEvents(bodies);
    } catch (java.io.IOException e) {
      throw new AssertionError("the edge's HTTP source refused events", e);
    }
  }

  private boolean groupStatusJudged() {
    java.util.Map<String, String> labels = new java.util.HashMap<>();
    labels.put("cluster", CLUSTER);
    labels.put("group", GROUP);
    int[] ids = monitor.engine().select(MetricNames.GROUP_STATUS, labels);
    if (ids.length == 0) return false;
    long now = System.currentTimeMillis();
    double[] v = monitor.engine().query(ids[0], now - 3 * INTERVAL_MS, now, INTERVAL_MS).values;
    for (double d : v) if (d == 0) return true; // OK
    return false;
  }

  private Event first(Predicate<Event> which) {
    for (Event e : events) if (which.test(e)) return e;
    throw new AssertionError("no such event among " + events);
  }

  private Event await(String what, Duration timeout, Predicate<Event> which) {
    return await(what, timeout, which, () -> {});
  }

  /** Ticks the monitor as its host would (doing {@code meanwhile} each round) until an event matches. */
  private Event await(String what, Duration timeout, Predicate<Event> which, Runnable meanwhile) {
    Event[] found = {null};
    tickUntil(what, timeout, () -> {
      meanwhile.run();
      for (Event e : events) {
        if (which.test(e)) {
          found[0] = e;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  private void tick(Duration d) {
    long end = System.currentTimeMillis() + d.toMillis();
    tickUntil("time", d.plusSeconds(5), () -> System.currentTimeMillis() >= end);
  }

  private void tickUntil(String what, Duration timeout, java.util.function.BooleanSupplier done) {
    MonitorTicks.until(monitor, what, timeout, done,
        () -> "; events: " + events.stream().map(Event::toString).collect(Collectors.joining("\n  ", "\n  ", "")));
  }

  private static Thread thread(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** A record every 20 ms (bounded: an hour's worth at most) while the test runs. */
  private void produce() {
    Properties p = kafka.clientProperties();
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    try (KafkaProducer<String, String> out = new KafkaProducer<>(p)) {
      for (int i = 0; i < 180_000 && producing.get(); i++) {
        out.send(new ProducerRecord<>(TOPIC, String.valueOf(i), "order-" + i));
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // the test's asserts say what is missing; a producer failing on a dead broker is not the test's subject
    }
  }

  /** Group {@link #GROUP}'s one member, committing as it reads, until told to stop (then it leaves the group). */
  private void consume() {
    Properties p = kafka.clientProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
    p.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, "500");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> in = new KafkaConsumer<>(p)) {
      in.subscribe(Collections.singletonList(TOPIC));
      while (consuming.get()) in.poll(Duration.ofMillis(200));
    } catch (RuntimeException e) {
      // as above
    }
  }
}
