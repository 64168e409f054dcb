package org.doflamingo.collect.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Scripted commit sequences through every status, one reading every 2 s over a 60 s window. */
class LagEvaluatorTest {
  private static final long WINDOW = 60_000;
  private static final long STEP = 2_000;

  /** Feeds {@code readings} of {committed, logEnd} and returns the last verdict. */
  private static LagEvaluator.Verdict run(LagEvaluator e, boolean members, long[]... readings) {
    LagEvaluator.Verdict v = null;
    long t = 1_000_000;
    for (long[] r : readings) {
      v = e.observe("g", "t", 0, t, r[0], r[1], members);
      t += STEP;
    }
    return v;
  }

  private static long[][] readings(int n, java.util.function.IntFunction<long[]> f) {
    long[][] out = new long[n][];
    for (int i = 0; i < n; i++) out[i] = f.apply(i);
    return out;
  }

  @Test
  void noVerdictBeforeTheWindowIsComplete() {
    LagEvaluator.Verdict v = run(new LagEvaluator(WINDOW, 0.8), true, readings(20, i -> new long[] {i * 10, i * 10 + 5}));
    assertNull(v.status, "38 s of a 60 s window");
  }

  @Test
  void aConsumerKeepingUpIsOk() {
    // lag wobbles between 0 and 40
    LagEvaluator.Verdict v = run(new LagEvaluator(WINDOW, 0.8), true,
        readings(40, i -> new long[] {i * 100, i * 100 + (i % 3) * 20}));
    assertEquals(LagStatus.OK, v.status);
  }

  @Test
  void aSlowedConsumerWhoseLagKeepsGrowingIsWarning() {
    LagEvaluator.Verdict v = run(new LagEvaluator(WINDOW, 0.8), true,
        readings(40, i -> new long[] {i * 100, 500 + i * 150}));
    assertEquals(LagStatus.WARNING, v.status);
    // 50 records/2 s more produced than consumed; lag 2450 at 75 records/s of production
    assertEquals(2450 / 75.0, v.lagSeconds, 1.0);
  }

  @Test
  void membersThatDoNotCommitWhileLagStandsAreStall() {
    LagEvaluator.Verdict v = run(new LagEvaluator(WINDOW, 0.8), true, readings(40, i -> new long[] {1000, 1000 + i * 10}));
    assertEquals(LagStatus.STALL, v.status);
  }

  @Test
  void aStoppedConsumerWithNoMembersIsStop() {
    LagEvaluator.Verdict v = run(new LagEvaluator(WINDOW, 0.8), false, readings(40, i -> new long[] {1000, 1000 + i * 10}));
    assertEquals(LagStatus.STOP, v.status);
  }

  @Test
  void aStoppedConsumerWithNothingProducedAgesItsLagInSeconds() {
    LagEvaluator.Verdict v = run(new LagEvaluator(WINDOW, 0.8), false, readings(40, i -> new long[] {1000, 1500}));
    assertEquals(LagStatus.STOP, v.status);
    assertEquals(78.0, v.lagSeconds, 0.001, "the log end has not moved since the first reading, 78 s ago");
  }

  @Test
  void anOffsetMovingBackIsRewindEvenWithinOneSlice() {
    LagEvaluator e = new LagEvaluator(WINDOW, 0.8);
    run(e, true, readings(35, i -> new long[] {i * 100, i * 100 + 10}));
    LagEvaluator.Verdict v = e.observe("g", "t", 0, 1_000_000 + 35 * STEP + 100, 0, 3510, true);
    assertEquals(LagStatus.REWIND, v.status);
  }

  @Test
  void caughtUpOnceInTheWindowIsOk() {
    LagEvaluator.Verdict v = run(new LagEvaluator(WINDOW, 0.8), true,
        readings(40, i -> i == 20 ? new long[] {2000, 2000} : new long[] {1000 + i * 50, 1000 + i * 60}));
    assertEquals(LagStatus.OK, v.status);
  }

  /**
   * A gap in the readings longer than a fifth of the window (the monitor restarted, its Admin
   * target was down) used to leave the window short once the readings from before it aged out:
   * the status went unknown for a while, minutes after the restart, though the readings before
   * and after the gap span more than the window. The newest reading older than the window is kept
   * as its start, so the window stays complete.
   */
  @Test
  void aGapInTheReadingsNeverLeavesTheWindowShort() {
    LagEvaluator e = new LagEvaluator(300_000, 0.8);
    long t = 1_000_000;
    for (; t < 1_000_000 + 180_000; t += 10_000) e.observe("g", "t", 0, t, 1000, 1500, false); // 3 minutes, then a restart
    for (t += 150_000; t < 1_000_000 + 900_000; t += 10_000) {
      LagEvaluator.Verdict v = e.observe("g", "t", 0, t, 1000, 1500, false);
      assertEquals(LagStatus.STOP, v.status, "at " + (t - 1_000_000) / 1000 + " s");
    }
  }

  @Test
  void memoryIsBoundedAndForgottenPartitionsGo() {
    LagEvaluator e = new LagEvaluator(WINDOW, 0.8);
    for (int p = 0; p < 100; p++) {
      for (int i = 0; i < 500; i++) e.observe("g", "t", p, 1_000_000 + i * STEP, i, i + 1, true);
    }
    assertEquals(100, e.partitions());
    e.forgetOlderThan(1_000_000 + 500 * STEP + 3 * WINDOW);
    assertEquals(0, e.partitions());
    assertTrue(LagEvaluator.SAMPLES <= 20);
  }

  @Test
  void groupStatusIsTheWorstPartition() {
    assertEquals(LagStatus.STOP, LagStatus.OK.worse(LagStatus.STOP));
    assertEquals(LagStatus.STALL, LagStatus.STALL.worse(LagStatus.REWIND));
    assertEquals(LagStatus.WARNING, LagStatus.WARNING.worse(null));
  }
}
