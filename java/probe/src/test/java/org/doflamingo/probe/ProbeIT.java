package org.doflamingo.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.doflamingo.collect.EngineScrape;
import org.doflamingo.collect.Scrape;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.events.EventKinds;
import org.doflamingo.config.KafkaClusterConfig;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.Event;
import org.doflamingo.engine.SeriesData;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;

/**
 * The probe against 1 ZooKeeper and 3 real brokers, scraped into a real engine: the topic is
 * made so that every broker leads a partition; healthy, every availability is ~1; broker 2
 * killed, its partitions' produce availability drops and the attribution names broker 2; back
 * up, leadership is restored and everything recovers; a topic made too small is grown so that
 * every broker leads a partition. A 10 s window keeps it short.
 */
class ProbeIT {
  private static final long WINDOW_MS = 10_000;

  @Test
  void aKilledBrokerIsNamedAndRecovers() throws Exception {
    Path base = Paths.get("target", "it", "probe");
    Files.createDirectories(base);
    try (ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(base, 1);
        KafkaCluster kafka = KafkaCluster.start(base, zk, 3);
        Engine engine = Engine.open(EngineConfig.at(Files.createTempDirectory(base, "engine-")))) {
      // configured the way an operator would: the cluster's JSON with a "probe" section
      String json = MonitorJson.of(base, 2, "it", null, kafka, null)
          .replace("]}]", "], \"probe\": {\"windowSeconds\": " + WINDOW_MS / 1000 + "}}]");
      KafkaClusterConfig cluster = MonitorConfig.parse(json).kafka.get(0);
      ProbeConfig config = ProbeConfig.of(cluster).withTopicCheckMs(2000);
      long start = System.currentTimeMillis();
      List<Event> events = new CopyOnWriteArrayList<>();
      try (ProbeCollector probe = new ProbeCollector(config, MetricCatalogue.load(), events::add); Admin admin = kafka.admin()) {
        Scraper scraper = new Scraper(probe, engine);

        // Healthy: the topic spreads leadership, and every figure is ~1.
        RecordingScrape healthy = scraper.until("every availability >= 0.99 with 3 partitions, each broker leading one", 120_000, s ->
            s.values.size() > 0 && partitions(s) == 3 && minOf(s, "kafka.probe.produce_availability") >= 0.99
                && minOf(s, "kafka.probe.consume_availability") >= 0.99 && minOf(s, "kafka.probe.broker_produce_availability") >= 0.99
                && minOf(s, "kafka.probe.broker_partitions_led") >= 1 && s.get("kafka.probe.latency_p99_ms") != null
                && !Double.isNaN(s.get("kafka.probe.latency_p99_ms")));
        assertEquals(Collections.singletonMap(1, 1), leadersPerBroker(admin, config.topic, 1));
        assertEquals(Collections.singletonMap(2, 1), leadersPerBroker(admin, config.topic, 2));
        assertEquals(Collections.singletonMap(3, 1), leadersPerBroker(admin, config.topic, 3));
        assertEquals(0.0, healthy.get("kafka.probe.records_lost", "partition", "0"));
        assertTrue(healthy.get("kafka.probe.cluster_produce_availability") >= 0.99);
        assertTrue(healthy.get("kafka.probe.latency_p50_ms") < config.slaMs, "p50 " + healthy.get("kafka.probe.latency_p50_ms"));

        // Broker 2 killed. With acks=all every partition stalls until the cluster drops broker 2
        // from the ISRs (all three brokers dip for a few seconds: true, and what clients saw), but
        // broker 2's partition stays down until its leadership fails over, and broker 2 then leads
        // nothing: the attribution names it, clearly once the window has moved past the stall.
        // availability events judge full windows only: the baseline is a healthy window before the kill
        scraper.until("a whole window since the probe started", 30_000, s -> System.currentTimeMillis() - start >= WINDOW_MS + 2000);
        assertTrue(events.stream().noneMatch(e -> !"GREEN".equals(e.after)), "healthy: " + events);
        events.clear();
        kafka.broker(2).kill();
        long killed = System.currentTimeMillis();
        double[] lowestOfBroker2Partitions = {1};
        long[] namedLowest = {0};
        RecordingScrape down = scraper.until("broker 2 named, clearly the lowest", 90_000, s -> {
          double p = minOf(s, "kafka.probe.produce_availability", "broker", "2");
          if (p >= 0) lowestOfBroker2Partitions[0] = Math.min(lowestOfBroker2Partitions[0], p);
          Double b2 = s.get("kafka.probe.broker_produce_availability", "broker", "2");
          Double b1 = s.get("kafka.probe.broker_produce_availability", "broker", "1");
          Double b3 = s.get("kafka.probe.broker_produce_availability", "broker", "3");
          if (b1 == null || b2 == null || b3 == null) return false;
          if (namedLowest[0] == 0 && b2 < 0.9 && b2 < b1 && b2 < b3) namedLowest[0] = System.currentTimeMillis();
          return b2 < 0.5 && b1 > b2 + 0.3 && b3 > b2 + 0.3 && lowestOfBroker2Partitions[0] < 0.9;
        });
        System.out.printf("broker 2 the lowest %.1f s after the kill, clearly %.1f s after: brokers 1/2/3 at %.3f/%.3f/%.3f,"
            + " its partition down to %.3f%n", (namedLowest[0] - killed) / 1000.0, (System.currentTimeMillis() - killed) / 1000.0,
            down.get("kafka.probe.broker_produce_availability", "broker", "1"),
            down.get("kafka.probe.broker_produce_availability", "broker", "2"),
            down.get("kafka.probe.broker_produce_availability", "broker", "3"), lowestOfBroker2Partitions[0]);
        assertTrue(namedLowest[0] > 0);
        Event fell = null;
        for (Event e : events) if (fell == null && e.kind.equals(EventKinds.PROBE_AVAILABILITY) && !"GREEN".equals(e.after)) fell = e;
        assertTrue(fell != null && "GREEN".equals(fell.before) && fell.timeMs >= killed, "availability fell below its rule: " + events);
        assertEquals("it", fell.label("cluster"));
        // delayed past the SLA (500 ms) counts as an error at once: read within one interval (and its jitter) of the kill
        assertTrue(fell.timeMs - killed <= 2000 + 1500, "fell within one interval: " + (fell.timeMs - killed) + " ms");
        System.out.printf("probe.availability %s %s -> %s %.1f s after the kill%n", fell.label("direction"), fell.before, fell.after,
            (fell.timeMs - killed) / 1000.0);

        // Back up: the topic manager gives broker 2 its leadership back, and everything recovers.
        kafka.broker(2).restart();
        long restarted = System.currentTimeMillis();
        scraper.until("recovery after broker 2 is back", 120_000, s ->
            minOf(s, "kafka.probe.produce_availability") >= 0.99 && minOf(s, "kafka.probe.broker_produce_availability") >= 0.99
                && s.get("kafka.probe.broker_partitions_led", "broker", "2") >= 1
                && minOf(s, "kafka.probe.consume_availability") >= 0.99);
        System.out.printf("recovered %.1f s after the restart%n", (System.currentTimeMillis() - restarted) / 1000.0);
        // each direction that fell is green again: its rule left past the margin, as an event
        for (String direction : new String[] {"produce", "consume"}) {
          String lastAfter = null;
          for (Event e : events) if (e.kind.equals(EventKinds.PROBE_AVAILABILITY) && direction.equals(e.label("direction"))) lastAfter = e.after;
          long deadline = System.currentTimeMillis() + 60_000;
          while (lastAfter != null && !lastAfter.equals("GREEN") && System.currentTimeMillis() < deadline) {
            scraper.scrape();
            Thread.sleep(2000);
            for (Event e : events) if (e.kind.equals(EventKinds.PROBE_AVAILABILITY) && direction.equals(e.label("direction"))) lastAfter = e.after;
          }
          assertTrue(lastAfter == null || lastAfter.equals("GREEN"), direction + " recovered: " + events);
        }
        assertEquals(Collections.singletonMap(2, 1), leadersPerBroker(admin, config.topic, 2), "broker 2 leads its partition again");

        // A topic made too small before (one partition, led by broker 1) is grown so that brokers 2
        // and 3 lead a partition each; a second look finds nothing to do.
        admin.createTopics(Collections.singleton(new NewTopic("probe-grow", Collections.singletonMap(0, Arrays.asList(1, 2, 3)))))
            .all().get(30, TimeUnit.SECONDS);
        ProbeTopic grow = new ProbeTopic(config.withTopic("probe-grow"), admin, 10_000);
        assertTrue(grow.check().changed, "grown");
        ProbeTopic.Round again = settled(grow);
        Set<Integer> preferred = new TreeSet<>();
        for (ProbeTopic.Placement p : again.layout.partitions.values()) preferred.add(p.preferred());
        assertEquals(new TreeSet<>(Arrays.asList(1, 2, 3)), preferred);
        assertEquals(3, again.layout.partitions.size());

        // Bounded: never more sends than the beat allows (3 partitions x 10/s), whatever happened.
        RecordingScrape last = scraper.scrape();
        double elapsed = (System.currentTimeMillis() - start) / 1000.0;
        double attempts = last.get("kafka.probe.records_produced") + last.get("kafka.probe.produce_errors");
        assertTrue(attempts <= 3 * 10 * elapsed + 3, attempts + " produce attempts in " + elapsed + " s");
        assertTrue(last.get("kafka.probe.records_produced") > 3 * 10 * elapsed * 0.3, "and the probe kept its beat: "
            + last.get("kafka.probe.records_produced") + " in " + elapsed + " s");

        // Stored in the engine, with the outage in its history.
        engine.flush();
        int[] b2 = engine.select("kafka.probe.broker_produce_availability", Collections.singletonMap("broker", "2"));
        assertEquals(1, b2.length);
        SeriesData history = engine.query(b2[0], killed - 2000, System.currentTimeMillis(), 2000);
        double min = 1;
        for (double v : history.values) if (!Double.isNaN(v)) min = Math.min(min, v);
        assertTrue(min < 0.9, "the outage is in broker 2's history: min " + min);
        assertEquals(3, engine.select("kafka.probe.produce_availability", Collections.singletonMap("cluster", "it")).length,
            "one series per partition, however leadership moved");
      }
    }
  }

  /** Checks until a round changes nothing (new partitions take a moment to get their leaders). */
  private static ProbeTopic.Round settled(ProbeTopic topic) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      ProbeTopic.Round r = topic.check();
      if (!r.changed && r.layout != null) return r;
      if (System.currentTimeMillis() > deadline) throw new AssertionError("the topic keeps changing");
      Thread.sleep(500);
    }
  }

  /** Scrapes the probe into the engine and a recording, once a second, until a condition holds. */
  private static final class Scraper {
    interface Check {
      boolean holds(RecordingScrape s);
    }

    private final ProbeCollector probe;
    private final Engine engine;
    private final EngineScrape.Ids ids;

    Scraper(ProbeCollector probe, Engine engine) {
      this.probe = probe;
      this.engine = engine;
      this.ids = new EngineScrape.Ids(engine);
    }

    RecordingScrape scrape() throws Exception {
      long now = System.currentTimeMillis();
      RecordingScrape recording = new RecordingScrape(now);
      EngineScrape stored = new EngineScrape(engine, ids, now);
      probe.scrape(new Scrape() {
        @Override
        public void add(SeriesKey key, SeriesKind kind, double value) {
          recording.add(key, kind, value);
          stored.add(key, kind, value);
        }

        @Override
        public long timeMillis() {
          return now;
        }
      });
      stored.commit();
      return recording;
    }

    RecordingScrape until(String what, long timeoutMs, Check check) throws Exception {
      long deadline = System.currentTimeMillis() + timeoutMs;
      RecordingScrape last = null;
      while (System.currentTimeMillis() < deadline) {
        last = scrape();
        if (check.holds(last)) return last;
        Thread.sleep(1000);
      }
      throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what + "; last scrape: "
          + (last == null ? null : new TreeMap<>(stringKeys(last.values))));
    }
  }

  private static Map<String, Double> stringKeys(Map<SeriesKey, Double> values) {
    Map<String, Double> out = new HashMap<>();
    for (Map.Entry<SeriesKey, Double> e : values.entrySet()) out.put(e.getKey().toString(), e.getValue());
    return out;
  }

  private static int partitions(RecordingScrape s) {
    int n = 0;
    for (SeriesKey k : s.values.keySet()) if (k.name().equals("kafka.probe.produce_availability")) n++;
    return n;
  }

  /** The lowest value of a metric over its series with the given labels; NaN counts as 0 (unknown is not healthy); -1 when none. */
  private static double minOf(RecordingScrape s, String name, String... keysAndValues) {
    Double min = null;
    for (Map.Entry<SeriesKey, Double> e : s.values.entrySet()) {
      if (!e.getKey().name().equals(name)) continue;
      boolean match = true;
      for (int i = 0; i < keysAndValues.length; i += 2) {
        if (!keysAndValues[i + 1].equals(e.getKey().label(keysAndValues[i]))) match = false;
      }
      if (!match) continue;
      double v = Double.isNaN(e.getValue()) ? 0 : e.getValue();
      min = min == null ? v : Math.min(min, v);
    }
    return min == null ? -1 : min;
  }

  /** How many partitions of the topic {@code broker} leads now, as {broker: count}. */
  private static Map<Integer, Integer> leadersPerBroker(Admin admin, String topic, int broker) throws Exception {
    TopicDescription d = admin.describeTopics(Collections.singleton(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    int n = 0;
    for (TopicPartitionInfo p : d.partitions()) if (p.leader() != null && p.leader().id() == broker) n++;
    return Collections.singletonMap(broker, n);
  }
}
