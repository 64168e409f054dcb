package org.doflamingo.collect;

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
import java.util.function.BooleanSupplier;
import org.doflamingo.cluster.FlumeAgent;
import org.doflamingo.cluster.KafkaBroker;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.doflamingo.cluster.ZooKeeperServer;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.Scheduler;
import org.doflamingo.engine.SeriesData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A whole pipeline (ZooKeeper ensemble of 3, one Kafka broker, a Flume agent feeding it) watched
 * through a configuration file, as an operator runs it; then the faults of the issue, in order,
 * each read back from the stored history: the ZooKeeper leader killed, Kafka made unreachable
 * for the Flume sink, and Kafka back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorIT {
  private static final String CLUSTER = "it";
  private static final long INTERVAL_MS = 2000;

  private final Path base = Paths.get("target", "it", "monitor");
  private ZooKeeperEnsemble zk;
  private KafkaCluster kafka;
  private FlumeAgent flume;
  private Monitor monitor;
  private final Map<String, Monitor.Target> byAddress = new HashMap<>();

  @BeforeAll
  void start() throws Exception {
    zk = ZooKeeperEnsemble.start(base, 3);
    zk.awaitQuorum(Duration.ofSeconds(60));
    kafka = KafkaCluster.start(base, zk, 1);
    flume = FlumeAgent.startKafkaFlow(base.resolve("flume"), kafka.bootstrapServers(), "flume-events");
    Path storage = Files.createTempDirectory(Files.createDirectories(base), "storage-");
    String json = MonitorJson.of(storage, (int) (INTERVAL_MS / 1000), CLUSTER, zk, kafka, Collections.singletonList(flume));
    monitor = Monitor.open(MonitorConfig.parse(json), System.currentTimeMillis());
    for (Monitor.Target t : monitor.targets()) byAddress.put(t.address, t);
  }

  @AfterAll
  void stop() {
    if (monitor != null) monitor.close();
    if (flume != null) flume.close();
    if (kafka != null) kafka.close();
    if (zk != null) zk.close();
  }

  @Test
  @Order(1)
  void everyConfiguredTargetIsScrapedIntoTheEngine() {
    // 3 ZooKeeper servers (mntr + JMX each), the cluster's Admin API, the broker's JMX, Flume HTTP + JMX
    assertEquals(3 * 2 + 1 + 1 + 2, monitor.targets().size(), monitor.targets().toString());
    tickUntil("every target up", Duration.ofSeconds(60), () -> {
      for (Monitor.Target t : monitor.targets()) {
        // a target still starting (discovering its MBeans) is UP to the scheduler but read nothing yet
        if (monitor.status(t.id).state != Scheduler.State.UP || monitor.pending(t.id) != null) return false;
      }
      // a scrape is reported to the scheduler before its values (its up series among them) are committed
      return monitor.engine().select(CollectionService.UP_SERIES, new HashMap<>()).length == monitor.targets().size();
    });
    Engine engine = monitor.engine();
    assertEquals(1, engine.select("kafka.server.ReplicaManager.UnderReplicatedPartitions", labels("cluster", CLUSTER, "broker", "1")).length);
    assertEquals(1, engine.select("kafka.cluster.brokers", labels("cluster", CLUSTER)).length);
    assertEquals(3, engine.select("zookeeper.server_state", labels("ensemble", CLUSTER + "-zk")).length);
    assertEquals(1, engine.select("flume.channel.ChannelSize", labels("agent", flume.agentName(), "component", "mem")).length);
    assertTrue(engine.select("host.fd.max", labels("cluster", CLUSTER)).length == 1, "host figures from the broker's JVM");
    assertEquals(monitor.targets().size(), engine.select(CollectionService.UP_SERIES, new HashMap<>()).length);
  }

  @Test
  @Order(2)
  void aKilledZooKeeperLeaderLeavesItsSuccessorInTheHistory() {
    ZooKeeperServer leader = zk.leader();
    long killed = System.currentTimeMillis();
    leader.kill();
    ZooKeeperServer next = zk.awaitNewLeader(leader, Duration.ofSeconds(60));
    int series = monitor.engine().select("zookeeper.server_state", labels("server", next.host() + ":" + next.clientPort()))[0];
    tickUntil("the new leader " + next + " stored as leader (2)", Duration.ofSeconds(60),
        () -> max(monitor.engine().query(series, killed, System.currentTimeMillis(), INTERVAL_MS)) == 2.0);
    Monitor.Target old = byAddress.get("mntr " + leader.host() + ":" + leader.clientPort());
    tickUntil("the killed leader marked DOWN", Duration.ofSeconds(10), () -> monitor.status(old.id).state == Scheduler.State.DOWN);
    assertTrue(monitor.status(old.id).lastError.contains(leader.host() + ":" + leader.clientPort()), monitor.status(old.id).lastError);
    leader.restart();
  }

  @Test
  @Order(3)
  void flumeChannelFillRisesWhileKafkaIsUnreachableAndCollectionResumesWhenItIsBack() throws Exception {
    KafkaBroker broker = kafka.broker(1);
    Monitor.Target brokerTarget = byAddress.get("JMX " + broker.host() + ":" + broker.jmxPort());
    int fill = monitor.engine().select("flume.channel.ChannelFillPercentage", labels("agent", flume.agentName(), "component", "mem"))[0];
    long killed = System.currentTimeMillis();
    broker.kill();
    tickUntil("the broker's JMX target DOWN within 2 intervals", Duration.ofMillis(2 * INTERVAL_MS + 1500),
        () -> monitor.status(brokerTarget.id).state == Scheduler.State.DOWN);

    // Events keep arriving; the sink cannot deliver them: the channel fills (bounded: 40 posts of 50).
    int[] posted = {0};
    tickUntil("channel fill stored above 1%", Duration.ofSeconds(60), () -> {
      if (posted[0] < 40) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) events.add("while-kafka-is-down-" + posted[0] + "-" + i);
        try {
          flume.postEvents(events);
        } catch (java.io.IOException e) {
          throw new AssertionError("Flume's HTTP source refused events", e);
        }
        posted[0]++;
      }
      return max(monitor.engine().query(fill, killed, System.currentTimeMillis(), INTERVAL_MS)) > 1.0;
    });

    broker.restart();
    long back = System.currentTimeMillis();
    tickUntil("the broker's JMX target UP again by itself", Duration.ofSeconds(90),
        () -> monitor.status(brokerTarget.id).state == Scheduler.State.UP && monitor.status(brokerTarget.id).lastSuccessMs > back);
    int up = monitor.engine().select(CollectionService.UP_SERIES, labels("target", broker.host() + ":" + broker.jmxPort()))[0];
    SeriesData history = monitor.engine().query(up, killed - INTERVAL_MS, System.currentTimeMillis(), INTERVAL_MS);
    // A step holds the mean of its readings, and a DOWN target is retried with a backoff: the
    // outage's first failed scrape may share its step with the last good one (0.5) and be the
    // only reading before the broker is back, so "in the history" is a step below 1.
    assertTrue(min(history) < 1.0, "the outage is in the history: " + java.util.Arrays.toString(history.values));
    assertEquals(1.0, max(history), "and so is the recovery");
  }

  /** Ticks the monitor as a host would until {@code done}, or fails naming {@code what}. */
  private void tickUntil(String what, Duration timeout, BooleanSupplier done) {
    MonitorTicks.until(monitor, what, timeout, done, () -> {
      StringBuilder states = new StringBuilder();
      for (Monitor.Target t : monitor.targets()) {
        Scheduler.Status s = monitor.status(t.id);
        states.append("\n  ").append(t).append(": ").append(s.state).append(s.lastError.isEmpty() ? "" : " (" + s.lastError + ")");
      }
      return states.toString();
    });
  }

  private static Map<String, String> labels(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }

  private static double max(SeriesData d) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : d.values) if (!Double.isNaN(v)) m = Math.max(m, v);
    return m;
  }

  private static double min(SeriesData d) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : d.values) if (!Double.isNaN(v)) m = Math.min(m, v);
    return m;
  }
}
