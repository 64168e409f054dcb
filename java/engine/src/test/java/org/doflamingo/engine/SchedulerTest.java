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
  void aTimedOutAttemptIsSlowItsLateAnswerCountsAndRoundsWithoutAnswerMakeItDown() {
    try (Scheduler scheduler = Scheduler.create()) {
      int id = scheduler.addTarget("zk-1:2181", 2000, 0, 1500, 60_000, 0);
      List<Scheduler.Due> first = scheduler.due(0);
      assertEquals(1, first.size());
      scheduler.due(1600); // past the timeout: a round without an answer
      Scheduler.Status s = scheduler.status(id);
      assertEquals(1, s.timeouts);
      assertEquals(1, s.consecutiveTimeouts);
      assertTrue(s.slow);
      assertEquals(Scheduler.State.UNKNOWN, s.state, "a first contact that is slow is not an outage");
      assertTrue(scheduler.complete(first.get(0), true, 1700, null), "a late answer before the next attempt counts");
      assertEquals(Scheduler.State.UP, scheduler.status(id).state);
      assertTrue(scheduler.status(id).slow);
      // the collector's own deadline passing, then the host finding a scrape still stuck, twice: DOWN
      assertTrue(scheduler.unanswered(scheduler.due(2000).get(0), 3400, "no answer by the scrape's deadline"));
      assertEquals(Scheduler.State.UP, scheduler.status(id).state);
      assertTrue(scheduler.unanswered(scheduler.due(4000).get(0), 4000, "previous scrape still running"));
      Scheduler.Due third = scheduler.due(6000).get(0);
      assertTrue(scheduler.unanswered(third, 6000, "previous scrape still running"));
      s = scheduler.status(id);
      assertEquals(Scheduler.State.DOWN, s.state);
      assertTrue(s.lastError.contains("still running"), s.lastError);
      assertFalse(scheduler.complete(third, true, 6100, null), "an attempt reported unanswered is over");
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
