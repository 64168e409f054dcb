package org.doflamingo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** "What changed" through the binding: one native call, typed rows, errors naming their field. */
class RankChangesTest {
  static final long STEP = 2000;

  @Test
  void ranksAroundAMomentInOneNativeCall() throws Exception {
    long t0 = EngineTest.alignedNow() - 30 * 60_000L;
    try (Engine engine = Engine.open(EngineConfig.at(TestDirs.fresh("rank-changes")))) {
      int steady = engine.intern(SeriesKey.of("kafka.heap", "broker", "1"), SeriesKind.GAUGE);
      int urp = engine.intern(SeriesKey.of("kafka.UnderReplicatedPartitions", "broker", "2"), SeriesKind.GAUGE);
      int messages = engine.intern(SeriesKey.of("kafka.MessagesIn", "broker", "3"), SeriesKind.COUNTER);
      int gone = engine.intern(SeriesKey.of("kafka.BytesIn", "broker", "3"), SeriesKind.GAUGE);
      SampleBatch batch = new SampleBatch(4 * 900);
      for (int k = 0; k < 900; k++) {
        long t = t0 + k * STEP;
        batch.add(steady, t, 1000 + Math.sin(k * 0.7));
        batch.add(urp, t, k <= 600 ? 0 : 140);
        batch.add(messages, t, k <= 600 ? 1000.0 * k : 600_000.0 + 200.0 * (k - 600));  // 500/s, then 100/s
        if (k <= 600) batch.add(gone, t, 100);
      }
      engine.ingest(batch);
      long at = t0 + 600 * STEP;
      long calls = engine.nativeCalls();
      ChangeRanking r = engine.rankChanges(new int[] {steady, urp, messages, gone}, at, Engine.CHANGES_BEFORE_MS,
          Engine.CHANGES_AFTER_MS, 20, Engine.CHANGES_MIN_KNOWN);
      assertEquals(1, engine.nativeCalls() - calls);
      assertEquals(3, r.ranked);
      assertEquals(1, r.skipped);  // gone: nothing after the moment
      assertEquals(3, r.top.size());
      SeriesChange first = r.top.get(0);
      assertEquals(urp, first.seriesId);
      assertEquals(100.0, first.score);
      assertEquals(0.0, first.medianBefore);
      assertEquals(140.0, first.medianAfter);
      assertEquals(1, first.direction);
      assertEquals(ChangeShape.STEP, first.shape);
      assertEquals(300, first.knownBefore);
      assertEquals(150, first.knownAfter);
      SeriesChange rate = r.top.get(1);
      assertEquals(messages, rate.seriesId);
      assertEquals(500.0, rate.medianBefore, 1e-9);
      assertEquals(100.0, rate.medianAfter, 1e-9);
      assertEquals(-1, rate.direction);
      assertEquals(steady, r.top.get(2).seriesId);
      assertTrue(r.top.get(2).score < 1.5, "steady scored " + r.top.get(2).score);

      assertEquals(1, engine.rankChanges(new int[] {steady, urp}, at, 600_000, 300_000, 1, 5).top.size());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> engine.rankChanges(new int[] {steady}, at, 0, 300_000, 20, 5));
      assertTrue(e.getMessage().contains("beforeMs"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> engine.rankChanges(new int[] {steady}, at, 600_000, 300_000, 5000, 5));
      assertTrue(e.getMessage().contains("limit"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> engine.rankChanges(new int[] {steady, 12345}, at, 600_000, 300_000, 20, 5));
      assertTrue(e.getMessage().contains("12345"), e.getMessage());
    }
  }
}
