package org.doflamingo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler through the Java facade; its rules in detail are covered by the GoogleTests. */
class SchedulerTest {
  @Test
  void deadTargetBacksOffWhileTheOtherKeepsItsInterval() {
    try (Scheduler scheduler = Scheduler.create()) {
      long now = 1_000_000;
      int healthy = scheduler.addTarget("broker-1:9999", 2000, 0, 1500, 60_000, now);
      int dead = scheduler.addTarget("broker-2:9999", 2000, 0, 1500, 60_000, now);
      int healthyRuns = 0;
      int deadRuns = 0;
      for (long t = now; t < now + 60_000; t += 100) {
        for (Scheduler.Due due : scheduler.due(t)) {
          if (due.targetId == healthy) {
            healthyRuns++;
            assertTrue(scheduler.complete(due, true, t + 10, null));
          } else {
            deadRuns++;
            assertTrue(scheduler.complete(due, false, t + 10, "connection refused"));
          }
        }
      }
      assertEquals(30, healthyRuns, "one run every 2 s for a minute");
      assertTrue(deadRuns <= 6, "backoff 2, 4, 8, 16, 32 s: " + deadRuns);
      Scheduler.Status d = scheduler.status(dead);
      assertEquals(Scheduler.State.DOWN, d.state);
      assertEquals("connection refused", d.lastError);
      assertEquals(Scheduler.State.UP, scheduler.status(healthy).state);
    }
  }

  @Test
  void aHungAttemptTimesOutAndItsLateReportIsIgnored() {
    try (Scheduler scheduler = Scheduler.create()) {
      int id = scheduler.addTarget("zk-1:2181", 2000, 0, 1500, 60_000, 0);
      List<Scheduler.Due> first = scheduler.due(0);
      assertEquals(1, first.size());
      scheduler.due(1600); // past the timeout: the attempt is failed
      Scheduler.Status s = scheduler.status(id);
      assertEquals(1, s.timeouts);
      assertEquals(Scheduler.State.DOWN, s.state);
      assertFalse(scheduler.complete(first.get(0), true, 1700, null), "a timed-out attempt's report is stale");
    }
  }

  @Test
  void badOptionsAndClosedHandlesAreClearErrors() {
    Scheduler scheduler = Scheduler.create();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> scheduler.addTarget("x", 0, 0, 1000, 60_000, 0));
    assertTrue(e.getMessage().contains("interval"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> scheduler.status(42));
    scheduler.close();
    assertThrows(IllegalStateException.class, () -> scheduler.due(0));
    scheduler.close();  // a second close does nothing
    assertTrue(scheduler.isClosed());
    assertThrows(IllegalStateException.class, () -> scheduler.status(0));
  }
}
