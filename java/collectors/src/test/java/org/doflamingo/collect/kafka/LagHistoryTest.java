package org.doflamingo.collect.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.doflamingo.collect.EngineScrape;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;

/** After a restart the lag window is refilled from the stored readings: statuses come at the first scrape. */
class LagHistoryTest {
  private static final long WINDOW = 60_000;
  private static final long STEP = 2_000;

  @Test
  void statusesAreJudgedAtOnceFromTheStoredReadings() throws Exception {
    Path root = Files.createDirectories(Paths.get("target/test-data"));
    long now = System.currentTimeMillis() / STEP * STEP;
    String odd = "grp<script>\"x\"</script> 한";
    try (Engine engine = Engine.open(EngineConfig.at(Files.createTempDirectory(root, "lag-history-")))) {
      EngineScrape.Ids ids = new EngineScrape.Ids(engine);
      // 90 s as the Admin collector wrote them: the log grows; "stalled" commits nothing with a member,
      // "stopped" nothing with none, the odd name keeps up; another cluster's group is not ours
      for (long t = now - 90_000; t < now; t += STEP) {
        long end = 1000 + (t - now + 90_000) / 100;
        EngineScrape s = new EngineScrape(engine, ids, t);
        s.add(key("prod", "kafka.partition.log_end_offset", "topic", "orders", "partition", "0"), SeriesKind.GAUGE, end);
        s.add(key("prod", "kafka.consumer.group.committed_offset", "group", "stalled", "topic", "orders", "partition", "0"),
            SeriesKind.GAUGE, 500);
        s.add(key("prod", "kafka.consumer.group.members", "group", "stalled"), SeriesKind.GAUGE, 1);
        s.add(key("prod", "kafka.consumer.group.committed_offset", "group", "stopped", "topic", "orders", "partition", "0"),
            SeriesKind.GAUGE, 500);
        s.add(key("prod", "kafka.consumer.group.members", "group", "stopped"), SeriesKind.GAUGE, 0);
        s.add(key("prod", "kafka.consumer.group.committed_offset", "group", odd, "topic", "orders", "partition", "0"),
            SeriesKind.GAUGE, end);
        s.add(key("other", "kafka.consumer.group.committed_offset", "group", "elsewhere", "topic", "orders", "partition", "0"),
            SeriesKind.GAUGE, 1);
        s.commit();
      }
      long end = 1000 + 900;

      LagEvaluator fresh = new LagEvaluator(WINDOW, 0.8);
      assertNull(fresh.observe("stalled", "orders", 0, now, 500, end, true).status, "an empty window judges nothing");

      LagEvaluator seeded = new LagEvaluator(WINDOW, 0.8);
      long calls = engine.nativeCalls();
      assertEquals(3 * 30, LagHistory.seed(engine, "prod", seeded, now), "the last window of readings: 30 steps of 3 groups");
      // three metrics, each one select, one read of every series' window and one of their keys (plus the base step)
      assertEquals(3 * 3 + 1, engine.nativeCalls() - calls, "native calls of the seeding");
      assertEquals(LagStatus.STALL, seeded.observe("stalled", "orders", 0, now, 500, end, true).status);
      assertEquals(LagStatus.STOP, seeded.observe("stopped", "orders", 0, now, 500, end, false).status);
      assertEquals(LagStatus.OK, seeded.observe(odd, "orders", 0, now, end, end, true).status);
      assertNull(seeded.observe("elsewhere", "orders", 0, now, 1, end, true).status, "another cluster's readings stay out");
    }
  }

  private static SeriesKey key(String cluster, String name, String... labels) {
    String[] kv = new String[labels.length + 2];
    kv[0] = "cluster";
    kv[1] = cluster;
    System.arraycopy(labels, 0, kv, 2, labels.length);
    return SeriesKey.of(name, kv);
  }
}
