package org.doflamingo.collect.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import org.doflamingo.collect.EngineScrape;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.SampleBatch;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesBudgetTest {
  @TempDir
  Path dir;

  /** An engine with the policy's classes defined, as the monitor opens it. */
  private Engine open(SeriesPolicy policy) {
    EngineConfig config = EngineConfig.at(dir);
    EngineSeam.defineClasses(config, policy.engineClasses(2));
    return Engine.open(config);
  }

  private static SeriesKey partition(String topic, int p) {
    return SeriesKey.of(MetricNames.PARTITION_LEADER, "cluster", "prod", "topic", topic, "partition", String.valueOf(p));
  }

  @Test
  void excludedSeriesAreNeverInternedAndCountsAreByTargetAndClass() throws Exception {
    SeriesPolicy policy = SeriesPolicyTest.policy(null);
    try (Engine engine = open(policy)) {
      SeriesCounts counts = new SeriesCounts(0, 0);
      EngineScrape.Ids ids = new EngineScrape.Ids(engine, policy, counts);
      long t = System.currentTimeMillis();
      EngineScrape s = new EngineScrape(engine, ids, t, new SampleBatch(16), 7);
      s.add(partition("orders", 0), SeriesKind.GAUGE, 1);
      s.add(partition("orders", 1), SeriesKind.GAUGE, 1);
      s.add(partition("__consumer_offsets", 0), SeriesKind.GAUGE, 1);
      s.add(SeriesKey.of(MetricNames.CLUSTER_BROKERS, "cluster", "prod"), SeriesKind.GAUGE, 3);
      assertEquals(3, s.size(), "the internal topic's partition is not collected");
      s.commit();
      EngineScrape again = new EngineScrape(engine, ids, t + 2000, new SampleBatch(16), 7);
      again.add(partition("orders", 0), SeriesKind.GAUGE, 1);
      again.add(partition("__consumer_offsets", 0), SeriesKind.GAUGE, 1);
      again.commit();
      assertEquals(0, engine.select(MetricNames.PARTITION_LEADER, Collections.singletonMap("topic", "__consumer_offsets")).length,
          "no id, no file");
      SeriesCounts.Target mine = counts.of(7);
      assertEquals(Long.valueOf(2), mine.series.get("partition"));
      assertEquals(Long.valueOf(1), mine.series.get("cluster"));
      assertTrue(mine.refused.isEmpty());
      assertNull(mine.warning);
      assertTrue(counts.of(8).series.isEmpty());
    }
  }

  @Test
  void newSeriesBeyondABudgetAreRefusedCountedAndWarnedOnce() throws Exception {
    SeriesPolicy policy = SeriesPolicyTest.policy(null);
    try (Engine engine = open(policy)) {
      SeriesCounts counts = new SeriesCounts(5, 3);
      EngineScrape.Ids ids = new EngineScrape.Ids(engine, policy, counts);
      long t = System.currentTimeMillis();
      for (int round = 0; round < 3; round++) {
        EngineScrape s = new EngineScrape(engine, ids, t + round * 2000L, new SampleBatch(16), 1);
        for (int p = 0; p < 4; p++) s.add(partition("a", p), SeriesKind.GAUGE, p);
        assertEquals(3, s.size(), "the fourth series of target 1 is over its budget of 3");
        s.commit();
      }
      SeriesCounts.Target one = counts.of(1);
      assertEquals(Long.valueOf(3), one.series.get("partition"));
      assertEquals(Long.valueOf(3), one.refused.get("partition"), "refused again each round: not created, counted");
      assertEquals("budget series.maxSeriesPerTarget (3 series) reached: 3 new series refused", one.warning);
      EngineScrape other = new EngineScrape(engine, ids, t, new SampleBatch(16), 2);
      for (int p = 0; p < 3; p++) other.add(partition("b", p), SeriesKind.GAUGE, p);
      assertEquals(2, other.size(), "5 in all: the total budget refuses the third");
      assertEquals("budget series.maxSeries (5 series in all) reached: 1 new series refused", counts.of(2).warning);
      assertEquals(5, counts.total());
      assertEquals(5, engine.select(MetricNames.PARTITION_LEADER, Collections.emptyMap()).length);
    }
  }
}
