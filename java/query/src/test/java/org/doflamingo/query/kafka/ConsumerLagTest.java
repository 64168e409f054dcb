package org.doflamingo.query.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.doflamingo.collect.EngineScrape;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.collect.kafka.GroupProtocol;
import org.doflamingo.collect.kafka.GroupState;
import org.doflamingo.collect.kafka.LagStatus;
import org.doflamingo.collect.series.SeriesCounts;
import org.doflamingo.engine.RetentionClass;
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
      // a group with a figure's series but no current value is listed
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

      // its cluster's Admin target has not answered here (never read): last known, marked stale
      LagRow old = lag.lag(null, "old", "group", false, 0, 1).rows.get(0);
      assertEquals(Long.valueOf(5), old.maxLag, "last known");
      assertEquals(Boolean.TRUE, old.stale);
      assertNull(byName.rows.get(0).stale, "current");
    }
  }

  /**
   * A group's protocol and state are codes read only as current values: written as the Admin
   * collector writes them (through the series policy), they are series of the group-code class,
   * whose ring holds 2 minutes (96 B) rather than 15 (720 B), and the lag list still shows them
   * and sorts by them.
   */
  @Test
  void protocolAndStateAreGroupCodeSeriesTheListShowsAndSortsBy() throws Exception {
    String prod = "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"127.0.0.1\", \"jmxPort\": 1}]}]";
    try (Monitor m = TestReads.open(TestReads.config(dir, prod))) {
      long step = m.engine().baseStepMs("group-code");
      assertEquals(10_000, step, "the group cadence's step");
      long t = (System.currentTimeMillis() / step - 1) * step;
      String[] groups = {"a", "b", "c"};
      GroupProtocol[] protocols = {GroupProtocol.CONSUMER, GroupProtocol.CLASSIC, GroupProtocol.OTHER};
      GroupState[] states = {GroupState.STABLE, GroupState.EMPTY, GroupState.RECONCILING};
      EngineScrape s = new EngineScrape(m.engine(), new EngineScrape.Ids(m.engine(), m.seriesPolicy(), new SeriesCounts(0, 0)), t);
      for (int g = 0; g < groups.length; g++) {
        s.add(SeriesKey.of(MetricNames.GROUP_MAX_LAG, "cluster", "prod", "group", groups[g]), SeriesKind.GAUGE, 10 * g);
        s.add(SeriesKey.of(MetricNames.GROUP_PROTOCOL, "cluster", "prod", "group", groups[g]), SeriesKind.GAUGE, protocols[g].code);
        s.add(SeriesKey.of(MetricNames.GROUP_STATE, "cluster", "prod", "group", groups[g]), SeriesKind.GAUGE, states[g].code);
        s.add(SeriesKey.of(MetricNames.GROUP_PARTITION_STATUS, "cluster", "prod", "group", groups[g], "topic", "t", "partition", "0"),
            SeriesKind.GAUGE, LagStatus.OK.code);
      }
      s.commit();
      for (String metric : new String[] {MetricNames.GROUP_PROTOCOL, MetricNames.GROUP_STATE, MetricNames.GROUP_PARTITION_STATUS}) {
        int[] ids = m.engine().select(metric, Collections.emptyMap());
        assertEquals(3, ids.length, metric);
        for (RetentionClass c : m.engine().retentionClassOf(ids)) {
          assertEquals("group-code", c.name(), metric);
          assertEquals(120, c.liveWindowSeconds(), metric);
          assertEquals(12 * 8, c.ringBytes(), metric + ": 12 points of 10 s");
        }
      }
      assertEquals("group", m.engine().retentionClassOf(m.engine().select(MetricNames.GROUP_MAX_LAG, Collections.emptyMap())).get(0).name());

      ConsumerLag lag = new Reads(m).lag();
      Page<LagRow> byState = lag.lag("prod", null, "state", false, 0, 10);
      assertEquals(3, byState.total);
      assertEquals("b", byState.rows.get(0).group, "Empty first");
      assertEquals("Empty", byState.rows.get(0).state);
      assertEquals("classic", byState.rows.get(0).protocol);
      assertEquals("c", byState.rows.get(1).group);
      assertEquals("Reconciling", byState.rows.get(1).state);
      assertEquals("other", byState.rows.get(1).protocol);
      assertEquals("a", byState.rows.get(2).group);
      assertEquals("Stable", byState.rows.get(2).state);
      assertEquals("consumer", byState.rows.get(2).protocol);
      Page<LagRow> byProtocol = lag.lag("prod", null, "protocol", true, 0, 10);
      assertEquals("c", byProtocol.rows.get(0).group, "other, consumer, classic");
      assertEquals("a", byProtocol.rows.get(1).group);
      assertEquals("b", byProtocol.rows.get(2).group);
    }
  }

  /** The groups tile's named groups get their member counts without a select or key decoding of every group's series. */
  @Test
  void membersOfNamedGroupsCostTheNamedGroupsNotTheCluster() throws Exception {
    String prod = "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"127.0.0.1\", \"jmxPort\": 1}]}]";
    try (Monitor m = TestReads.open(TestReads.config(dir, prod))) {
      long step = m.engine().baseStepMs();
      long t = (System.currentTimeMillis() / step - 1) * step;
      List<Object> series = new ArrayList<>();
      for (int g = 0; g < 1000; g++) {
        series.add(SeriesKey.of(MetricNames.GROUP_MEMBERS, "cluster", "prod", "group", String.format("g%04d", g)));
        series.add(g % 2);
        series.add(SeriesKey.of(MetricNames.GROUP_MEMBERS, "cluster", "test", "group", String.format("g%04d", g)));
        series.add(7); // the same names in another cluster
      }
      TestReads.write(m, t, SeriesKind.GAUGE, series.toArray());
      ConsumerLag lag = new Reads(m).lag();
      Map<String, Long> expected = new HashMap<>();
      expected.put("g0001", 1L);
      expected.put("g0002", 0L);
      assertEquals(expected, lag.members("prod", Arrays.asList("g0001", "g0002", "no-such-group")), "the cluster's own groups only");
      assertEquals(Collections.singletonMap("g0002", 7L), lag.members("test", Collections.singletonList("g0002")));
      long before = m.engine().nativeCalls();
      assertEquals(Collections.singletonMap("g0999", 1L), lag.members("prod", Collections.singletonList("g0999")));
      assertEquals(2, m.engine().nativeCalls() - before, "the engine's series count and one bulk read of the named groups' series");
    }
  }
}
