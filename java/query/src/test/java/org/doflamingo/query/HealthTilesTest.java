package org.doflamingo.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.collect.kafka.LagStatus;
import org.doflamingo.engine.Scheduler;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka cluster's consumer groups are one tile: as bad as the worst group, counting the groups by
 * status and health, naming the worst ten with why in words (the status by name, and that the
 * group has no member).
 */
class HealthTilesTest {
  @TempDir
  Path dir;

  private static final String PROD = "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"127.0.0.1\", \"jmxPort\": 1}]}]";

  private static HealthTile groupsTile(Reads reads) {
    HealthTile found = null;
    for (HealthTile t : reads.area(Area.KAFKA).health("prod")) {
      assertNotEquals("group", t.kind, "no tile per group: " + t.name);
      if (t.kind.equals(GroupsTile.KIND)) {
        assertNull(found, "one groups tile per cluster");
        found = t;
      }
    }
    assertNotNull(found, "a groups tile");
    assertEquals("prod", found.group);
    return found;
  }

  private static long wholeStepAgo(Monitor m) {
    long step = m.engine().baseStepMs();
    return (System.currentTimeMillis() / step - 1) * step; // a whole step, in the past: RRD stamps rows at a step's end
  }

  /** A busy target: one late answer is not news, two rounds in a row without one are amber, three DOWN are red. */
  @Test
  void aTargetIsAmberOnceTwoRoundsInARowHadNoAnswerAndRedWhenDown() {
    try (Scheduler s = Scheduler.create()) {
      int id = s.addTarget("broker 1", 2000, 0, 1500, 60_000, 0);
      s.complete(s.due(0).get(0), true, 100, null);
      s.due(2000);
      s.due(3600); // one round timed out
      assertEquals(Health.GREEN, judged(s.status(id), null).health, "one round without an answer");
      assertEquals(Health.AMBER, judged(s.status(id), "partition batch 3 still asked").health, "behind with its reads");
      assertTrue(s.unanswered(s.due(4000).get(0), 4000, "previous scrape still running"));
      HealthTile slow = judged(s.status(id), null);
      assertEquals(Health.AMBER, slow.health);
      assertTrue(slow.reasons.get(0).startsWith("k1:9999 is slow: previous scrape still running"), slow.reasons.toString());
      assertTrue(s.unanswered(s.due(6000).get(0), 6000, "previous scrape still running"));
      assertEquals(Health.RED, judged(s.status(id), null).health, "three rounds: DOWN");
    }
  }

  private static HealthTile judged(Scheduler.Status status, String behind) {
    HealthTile tile = new HealthTile("prod", "broker", "1");
    HealthTiles.judgeTarget(tile, "k1:9999", status, behind);
    return tile;
  }

  @Test
  void groupsAreCountedAndTheWorstNamedWithTheStatusAndAnEmptyGroup() throws Exception {
    try (Monitor m = TestReads.open(TestReads.config(dir, PROD))) {
      TestReads.write(m, wholeStepAgo(m), SeriesKind.GAUGE,
          SeriesKey.of(MetricNames.GROUP_STATUS, "cluster", "prod", "group", "stopped"), LagStatus.STOP.code,
          SeriesKey.of(MetricNames.GROUP_MEMBERS, "cluster", "prod", "group", "stopped"), 0,
          SeriesKey.of(MetricNames.GROUP_STATUS, "cluster", "prod", "group", "stalled"), LagStatus.STALL.code,
          SeriesKey.of(MetricNames.GROUP_MEMBERS, "cluster", "prod", "group", "stalled"), 2,
          SeriesKey.of(MetricNames.GROUP_STATUS, "cluster", "prod", "group", "idle"), LagStatus.OK.code,
          SeriesKey.of(MetricNames.GROUP_MEMBERS, "cluster", "prod", "group", "idle"), 0);
      HealthTile tile = groupsTile(new Reads(m));
      assertEquals(Health.RED, tile.health);
      assertEquals(Arrays.asList("3 groups, status: OK 1 WARNING 0 REWIND 0 STALL 1 STOP 1", "health: red 2 amber 0 green 1 unknown 0",
          "group stopped: status STOP (red); members 0 (no consumer in the group)",
          "group stalled: status STALL (red)"), tile.reasons, "STOP before STALL; members present not named; a fine idle group not named");
    }
  }

  @Test
  void onlyTheTenWorstGroupsAreNamedWorstFirst() throws Exception {
    try (Monitor m = TestReads.open(TestReads.config(dir, PROD))) {
      List<Object> series = new ArrayList<>();
      for (int g = 0; g < 30; g++) {
        // groups 0-19 lag in seconds (amber over 60, red over 600); 20-29 WARNING (amber)
        series.add(SeriesKey.of(MetricNames.GROUP_MAX_LAG_SECONDS, "cluster", "prod", "group", String.format("g%02d", g)));
        series.add(g < 20 ? (g % 2 == 0 ? 700 : 100) : 0);
        series.add(SeriesKey.of(MetricNames.GROUP_STATUS, "cluster", "prod", "group", String.format("g%02d", g)));
        series.add(g < 20 ? LagStatus.OK.code : LagStatus.WARNING.code);
      }
      TestReads.write(m, wholeStepAgo(m), SeriesKind.GAUGE, series.toArray());
      HealthTile tile = groupsTile(new Reads(m));
      assertEquals(Health.RED, tile.health);
      assertEquals("health: red 10 amber 20 green 0 unknown 0", tile.reasons.get(1));
      List<String> named = tile.reasons.subList(2, tile.reasons.size());
      assertEquals(GroupsTile.NAMED, named.size(), named.toString());
      for (int i = 0; i < named.size(); i++) {
        assertTrue(named.get(i).startsWith(String.format("group g%02d: max lag seconds 700 s (red above 600 s)", 2 * i)), named.get(i));
      }
    }
  }

  /**
   * Why the groups' tile reads no group×partition rule: each such rule has a group-level twin, the
   * worst of the group's partitions, under the same thresholds.
   */
  @Test
  void everyRuleOnAGroupsPartitionHasAGroupLevelTwin() throws Exception {
    try (Monitor m = TestReads.open(TestReads.config(dir, PROD))) {
      MetricCatalogue catalogue = m.catalogue();
      int checked = 0;
      for (MetricSpec spec : catalogue.of("kafka-consumer")) {
        if (!spec.per.equals(Collections.singletonList("group-partition")) || (spec.amber == null && spec.red == null)) continue;
        String twin = spec.name.replace("kafka.consumer.group.", "kafka.consumer.group.max_");
        MetricSpec group = catalogue.get(twin);
        assertNotNull(group, spec.name + " has no group-level twin " + twin);
        assertEquals(Collections.singletonList("group"), group.per, twin);
        assertEquals(String.valueOf(spec.amber), String.valueOf(group.amber), twin + " amber");
        assertEquals(String.valueOf(spec.red), String.valueOf(group.red), twin + " red");
        checked++;
      }
      assertTrue(checked > 0, "lag_seconds is such a rule");
    }
  }
}
