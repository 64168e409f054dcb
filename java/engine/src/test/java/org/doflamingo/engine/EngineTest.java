package org.doflamingo.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineTest {
  static final long STEP = 2000;

  static long alignedNow() {
    return System.currentTimeMillis() / STEP * STEP;
  }

  @Test
  void ingestsGaugesAndCountersAndReadsThemBackFromMemoryAndFromRrd() throws Exception {
    Path dir = TestDirs.fresh("roundtrip");
    long t0 = alignedNow() - 600_000;
    try (Engine engine = Engine.open(EngineConfig.at(dir))) {
      int heap = engine.intern(SeriesKey.of("jvm.heap.used", "broker", "1"), SeriesKind.GAUGE);
      int msgs = engine.intern(SeriesKey.of("kafka.server.MessagesInPerSec.Count", "broker", "1"), SeriesKind.COUNTER);
      assertEquals(heap, engine.intern(SeriesKey.of("jvm.heap.used", "broker", "1"), SeriesKind.GAUGE));
      SampleBatch batch = new SampleBatch(1000);
      for (int i = 0; i < 300; i++) {
        long t = t0 + i * STEP;
        batch.add(heap, t, 1000 + i).add(msgs, t, 100.0 * i);
      }
      IngestResult r = engine.ingest(batch);
      assertEquals(599, r.accepted, r.toString());
      assertEquals(1, r.firstCounterReadings);

      SeriesData live = engine.query(heap, t0, t0 + 299 * STEP, STEP);
      assertEquals(STEP, live.stepMs);
      assertEquals(1000.0, live.valueAt(t0));  // stamped like an RRD row: the step ending at t0
      assertEquals(1299.0, live.valueAt(t0 + 299 * STEP));
      SeriesData rate = engine.query(msgs, t0, t0 + 299 * STEP, STEP);
      assertEquals(50.0, rate.valueAt(t0 + 2 * STEP), 1e-9);  // 100 per 2 s

      // Past the live window the answer comes from the RRD file, at a coarser tier if asked.
      SeriesData minute = engine.query(heap, t0 - 3_600_000, t0 + 299 * STEP, 60_000);
      assertEquals(60_000, minute.stepMs);
      assertTrue(minute.known() >= 9, "1-minute averages over 10 minutes: " + minute.known());
      SeriesData fromDisk = engine.query(heap, t0 - 7_200_000, t0 + 299 * STEP, STEP);
      assertEquals(STEP, fromDisk.stepMs);
      assertTrue(fromDisk.known() >= 290, "known " + fromDisk.known());
    }
  }

  @Test
  void historySurvivesARestart() throws Exception {
    Path dir = TestDirs.fresh("restart");
    long t0 = alignedNow() - 300_000;
    int id;
    try (Engine engine = Engine.open(EngineConfig.at(dir))) {
      id = engine.intern(SeriesKey.of("zookeeper.avg_latency", "server", "zk1"), SeriesKind.GAUGE);
      SampleBatch b = new SampleBatch(100);
      for (int i = 0; i < 100; i++) b.add(id, t0 + i * STEP, i);
      engine.ingest(b);
    }
    try (Engine engine = Engine.open(EngineConfig.at(dir))) {
      assertEquals(id, engine.intern(SeriesKey.of("zookeeper.avg_latency", "server", "zk1"), SeriesKind.GAUGE));
      SeriesData d = engine.query(id, t0, t0 + 99 * STEP, STEP);
      assertEquals(100, d.known());
      assertEquals(42.0, d.valueAt(t0 + 42 * STEP));
      assertEquals(SeriesKey.of("zookeeper.avg_latency", "server", "zk1"), engine.key(id));
    }
  }

  @Test
  void groupBySumsPerCluster() throws Exception {
    Path dir = TestDirs.fresh("groupby");
    long t0 = alignedNow() - 120_000;
    try (Engine engine = Engine.open(EngineConfig.at(dir))) {
      SampleBatch b = new SampleBatch(1000);
      for (String cluster : new String[] {"prod", "stage"}) {
        for (int broker = 1; broker <= 3; broker++) {
          int id = engine.intern(SeriesKey.of("kafka.server.BrokerTopicMetrics.MessagesInPerSec",
              "cluster", cluster, "broker", String.valueOf(broker)), SeriesKind.GAUGE);
          for (int i = 0; i < 10; i++) b.add(id, t0 + i * STEP, broker * (cluster.equals("prod") ? 10 : 1));
        }
      }
      engine.ingest(b);
      List<Group> groups = engine.groupBy("kafka.server.BrokerTopicMetrics.MessagesInPerSec", Collections.emptyMap(),
          Collections.singletonList("cluster"), Aggregation.SUM, t0, t0 + 9 * STEP, STEP);
      assertEquals(2, groups.size());
      Map<String, Group> byCluster = new HashMap<>();
      for (Group g : groups) byCluster.put(g.labels.get("cluster"), g);
      assertEquals(60.0, byCluster.get("prod").data.valueAt(t0 + STEP));
      assertEquals(6.0, byCluster.get("stage").data.valueAt(t0 + STEP));
      assertEquals(3, byCluster.get("prod").seriesCount);

      Map<String, String> prodOnly = Collections.singletonMap("cluster", "prod");
      List<Group> max = engine.groupBy("kafka.server.BrokerTopicMetrics.MessagesInPerSec", prodOnly,
          Collections.emptyList(), Aggregation.MAX, t0, t0 + 9 * STEP, STEP);
      assertEquals(1, max.size());
      assertEquals(30.0, max.get(0).data.valueAt(t0 + 5 * STEP));
      assertEquals(3, engine.select("kafka.server.BrokerTopicMetrics.MessagesInPerSec", prodOnly).length);
      assertEquals(Arrays.asList("kafka.server.BrokerTopicMetrics.MessagesInPerSec"), engine.metricNames());
    }
  }

  @Test
  void aClosedEngineSaysSoAndASecondCloseDoesNothing() throws Exception {
    Engine engine = Engine.open(EngineConfig.at(TestDirs.fresh("closed")));
    int id = engine.intern(SeriesKey.of("m"), SeriesKind.GAUGE);
    engine.close();
    assertTrue(engine.isClosed());
    long calls = engine.nativeCalls();
    engine.close();
    assertEquals(calls, engine.nativeCalls(), "a second close reaches no native code");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> engine.query(id, 0, 1000, 2000));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> engine.latest(new int[] {id}, 1000, 1000));
    assertThrows(IllegalStateException.class, () -> engine.keys(new int[] {id}));
    assertThrows(IllegalStateException.class, engine::stats);
  }

  @Test
  void defaultTiersAreTheNativeEnginesOwn() throws Exception {
    assertEquals("2s:1d,1m:14d,15m:180d,1h:5y", EngineConfig.DEFAULT_TIERS);
    try (Engine engine = Engine.open(EngineConfig.at(TestDirs.fresh("default-tiers")))) {
      assertEquals(4, engine.tiers().size());
      assertEquals(2_000, engine.tiers().get(0).stepMs);
    }
  }

  @Test
  void enumsCrossByTheirCodes() {
    for (SeriesKind k : SeriesKind.values()) assertEquals(k, SeriesKind.fromCode(k.code));
    for (Consolidation c : Consolidation.values()) assertEquals(c, Consolidation.fromCode(c.code));
    for (Aggregation a : Aggregation.values()) assertEquals(a, Aggregation.fromCode(a.code));
    for (Scheduler.State s : Scheduler.State.values()) assertEquals(s, Scheduler.State.fromCode(s.code));
    assertEquals(1, SeriesKind.COUNTER.code);
    assertEquals(4, Aggregation.COUNT.code);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeriesKind.fromCode(7));
    assertTrue(e.getMessage().contains("7"), e.getMessage());
  }

  @Test
  void nativeErrorsBecomeJavaExceptions() throws Exception {
    try (Engine engine = Engine.open(EngineConfig.at(TestDirs.fresh("errors")))) {
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
          () -> engine.ingest(new SampleBatch(1).add(12345, alignedNow(), 1)));
      assertTrue(unknown.getMessage().contains("unknown series id 12345"), unknown.getMessage());
      assertThrows(IllegalArgumentException.class, () -> engine.intern(SeriesKey.of(""), SeriesKind.GAUGE));
      assertThrows(IllegalArgumentException.class, () -> engine.key(999));
      assertThrows(IllegalArgumentException.class, () -> engine.query(0, 10, 5, 2000));
      int id = engine.intern(SeriesKey.of("m"), SeriesKind.GAUGE);
      IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
          () -> engine.intern(SeriesKey.of("m"), SeriesKind.COUNTER));
      assertTrue(kind.getMessage().contains("another kind"), kind.getMessage());
      assertNotEquals(-1, id);
    }
    IllegalArgumentException tiers = assertThrows(IllegalArgumentException.class,
        () -> Engine.open(EngineConfig.at(TestDirs.fresh("tiers")).tiers("2s:1d,1x:5d")));
    assertTrue(tiers.getMessage().contains("unit 'x'"), tiers.getMessage());
  }

  @Test
  void tiersAreTheConfiguredOnesFinestFirst() throws Exception {
    try (Engine engine = Engine.open(EngineConfig.at(TestDirs.fresh("tier-list")).tiers("10s:2h,1m:1d,1h:1w"))) {
      List<Tier> tiers = engine.tiers();
      assertEquals(3, tiers.size());
      assertEquals(10_000, tiers.get(0).stepMs);
      assertEquals(2 * 3_600_000, tiers.get(0).retentionMs);
      assertEquals(60_000, tiers.get(1).stepMs);
      assertEquals(86_400_000, tiers.get(1).retentionMs);
      assertEquals(3_600_000, tiers.get(2).stepMs);
      assertEquals(7 * 86_400_000L, tiers.get(2).retentionMs);
      assertEquals(engine.baseStepMs(), tiers.get(0).stepMs);
    }
  }

  @Test
  void hostileNamesRoundTripExactly() throws Exception {
    String group = "grp\"/../<img src=x onerror=alert(1)>\\\u0000한글 \uD83D\uDE00";
    try (Engine engine = Engine.open(EngineConfig.at(TestDirs.fresh("names")))) {
      SeriesKey key = SeriesKey.of("kafka.consumer.lag", "group", group, "topic", "../../etc/passwd");
      int id = engine.intern(key, SeriesKind.GAUGE);
      assertEquals(key, engine.key(id));
      assertArrayEquals(new int[] {id}, engine.select("kafka.consumer.lag", Collections.singletonMap("group", group)));
    }
  }
}
