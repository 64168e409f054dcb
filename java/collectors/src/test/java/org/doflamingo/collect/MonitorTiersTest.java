package org.doflamingo.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history's first tier steps at the collection interval; the rest are the engine's default tiers. */
class MonitorTiersTest {
  @Test
  void theFirstTierIsTheIntervalAndTheOthersTheEnginesDefaults(@TempDir Path dir) throws Exception {
    List<Tier> defaults = tiers(dir.resolve("two"), 2, null);
    List<Tier> five = tiers(dir.resolve("five"), 5, null);
    assertEquals(2_000, defaults.get(0).stepMs);
    assertEquals(5_000, five.get(0).stepMs);
    assertEquals(defaults.get(0).retentionMs, five.get(0).retentionMs);
    assertEquals(defaults.size(), five.size());
    for (int i = 1; i < defaults.size(); i++) {
      assertEquals(defaults.get(i).stepMs, five.get(i).stepMs);
      assertEquals(defaults.get(i).retentionMs, five.get(i).retentionMs);
    }
    List<Tier> own = tiers(dir.resolve("own"), 5, "5s:1h");
    assertEquals(1, own.size(), "configured tiers are kept as they are");
    assertEquals(3_600_000, own.get(0).retentionMs);
  }

  private static List<Tier> tiers(Path dir, int interval, String tiers) throws Exception {
    String storage = "{\"path\": \"" + dir + "\"" + (tiers == null ? "" : ", \"tiers\": \"" + tiers + "\"") + "}";
    MonitorConfig config = MonitorConfig.parse("{\"storage\": " + storage + ", \"intervalSeconds\": " + interval
        + ", \"flume\": [{\"name\": \"a\", \"host\": \"127.0.0.1\", \"httpPort\": 1}]}");
    try (Monitor m = Monitor.open(config, System.currentTimeMillis(), Collections.<CollectorFactory>emptyList())) {
      return m.engine().tiers();
    }
  }
}
