package org.doflamingo.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.collect.kafka.LagStatus;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A consumer group's tile says why in words: the status by name, and that the group has no member. */
class HealthTilesTest {
  @TempDir
  Path dir;

  private static HealthTile groupTile(Reads reads, String group) {
    for (HealthTile t : reads.area(Area.KAFKA).health("prod")) if (t.kind.equals("group") && t.name.equals(group)) return t;
    throw new AssertionError("no tile of group " + group);
  }

  @Test
  void groupReasonsNameTheStatusAndAnEmptyGroup() throws Exception {
    try (Monitor m = TestReads.open(TestReads.config(dir, "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"127.0.0.1\", \"jmxPort\": 1}]}]"))) {
      long step = m.engine().baseStepMs();
      long now = (System.currentTimeMillis() / step - 1) * step; // a whole step, in the past: RRD stamps rows at a step's end
      TestReads.write(m, now, SeriesKind.GAUGE,
          SeriesKey.of(MetricNames.GROUP_STATUS, "cluster", "prod", "group", "stopped"), LagStatus.STOP.code,
          SeriesKey.of(MetricNames.GROUP_MEMBERS, "cluster", "prod", "group", "stopped"), 0,
          SeriesKey.of(MetricNames.GROUP_STATUS, "cluster", "prod", "group", "stalled"), LagStatus.STALL.code,
          SeriesKey.of(MetricNames.GROUP_MEMBERS, "cluster", "prod", "group", "stalled"), 2,
          SeriesKey.of(MetricNames.GROUP_STATUS, "cluster", "prod", "group", "idle"), LagStatus.OK.code,
          SeriesKey.of(MetricNames.GROUP_MEMBERS, "cluster", "prod", "group", "idle"), 0);
      Reads reads = new Reads(m);
      HealthTile stopped = groupTile(reads, "stopped");
      assertEquals(Health.RED, stopped.health);
      assertTrue(stopped.reasons.contains("status STOP (red)"), stopped.reasons.toString());
      assertTrue(stopped.reasons.contains("members 0 (no consumer in the group)"), stopped.reasons.toString());
      HealthTile stalled = groupTile(reads, "stalled");
      assertEquals("[status STALL (red)]", stalled.reasons.toString(), "members present: not named");
      HealthTile idle = groupTile(reads, "idle");
      assertEquals(Health.GREEN, idle.health);
      assertTrue(idle.reasons.isEmpty(), "an empty group that is fine is not a reason: " + idle.reasons);
    }
  }
}
