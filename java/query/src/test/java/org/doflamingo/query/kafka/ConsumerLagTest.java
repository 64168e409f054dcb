package org.doflamingo.query.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.collect.kafka.LagStatus;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.doflamingo.query.Page;
import org.doflamingo.query.Reads;
import org.doflamingo.query.TestReads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lag list is paged by the engine's side: the sort's figure read for every group, the rest
 * for the page's rows; the page is the same as sorting every full row would give.
 */
class ConsumerLagTest {
  @TempDir
  Path dir;

  @Test
  void pagesAreSortedFilteredAndFilledLikeTheWholeList() throws Exception {
    String prod = "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"127.0.0.1\", \"jmxPort\": 1}]}]";
    try (Monitor m = TestReads.open(TestReads.config(dir, prod))) {
      long step = m.engine().baseStepMs();
      long t = (System.currentTimeMillis() / step - 1) * step;
      List<Object> series = new ArrayList<>();
      for (int g = 0; g < 30; g++) {
        String group = String.format("g%02d", g);
        series.add(SeriesKey.of(MetricNames.GROUP_MAX_LAG, "cluster", "prod", "group", group));
        series.add((g * 7) % 30 * 100); // every lag different, not in name order
        series.add(SeriesKey.of(MetricNames.GROUP_TOTAL_LAG, "cluster", "prod", "group", group));
        series.add(g);
        series.add(SeriesKey.of(MetricNames.GROUP_STATUS, "cluster", "prod", "group", group));
        series.add(g % 10 == 0 ? LagStatus.STOP.code : LagStatus.OK.code);
        series.add(SeriesKey.of(MetricNames.GROUP_MEMBERS, "cluster", "prod", "group", group));
        series.add(1);
      }
      // a group with a figure's series but no current value is listed, its figures empty
      TestReads.write(m, t - 60 * step, SeriesKind.GAUGE, SeriesKey.of(MetricNames.GROUP_MAX_LAG, "cluster", "prod", "group", "old"), 5);
      TestReads.write(m, t, SeriesKind.GAUGE, series.toArray());
      ConsumerLag lag = new Reads(m).lag();

      Page<LagRow> byName = lag.lag(null, null, "group", false, 0, 10);
      assertEquals(31, byName.total);
      assertEquals("g00", byName.rows.get(0).group);
      assertEquals("g09", byName.rows.get(9).group);
      LagRow g00 = byName.rows.get(0);
      assertEquals(0L, g00.maxLag);
      assertEquals(0L, g00.totalLag);
      assertEquals("STOP", g00.status);
      assertEquals(1L, g00.members);
      assertEquals(Health.RED, g00.health, "the page's rows are judged on every ruled figure");

      // the group without a current lag is last either way: descending starts with the worst known
      Page<LagRow> worst = lag.lag("prod", null, "maxLag", true, 5, 5);
      assertEquals(31, worst.total);
      for (int i = 0; i < 5; i++) {
        LagRow r = worst.rows.get(i);
        assertEquals(Long.valueOf((24 - i) * 100), r.maxLag, "the 6th to 10th largest lag");
        assertEquals(Long.valueOf(Integer.parseInt(r.group.substring(1))), r.totalLag, "the page's other figures are read");
        assertEquals(Long.valueOf(1), r.members);
      }

      Page<LagRow> red = lag.lag(null, "g1", "health", true, 0, 100);
      assertEquals(10, red.total, "g10 to g19");
      // by how bad, worst first: red, amber (max_lag over 500), green
      assertEquals("g10", red.rows.get(0).group, "the one red group (STOP) first");
      assertEquals(Health.RED, red.rows.get(0).health);
      assertEquals("g11", red.rows.get(1).group, "equal health: by name");
      assertEquals(Health.AMBER, red.rows.get(1).health);
      assertEquals("g13", red.rows.get(9).group, "the one green group (lag 100) last");
      assertEquals(Health.GREEN, red.rows.get(9).health);

      LagRow old = lag.lag(null, "old", "group", false, 0, 1).rows.get(0);
      assertNull(old.maxLag, "not current");
      assertEquals(Health.UNKNOWN, old.health);
    }
  }
}
