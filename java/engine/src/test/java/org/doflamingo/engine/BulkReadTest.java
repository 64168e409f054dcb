package org.doflamingo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reads of many series in one native call each, against the single-series reads they replace. */
class BulkReadTest {
  static final long STEP = 2000;

  /** Series h0..h(n-1): the i-th holds 10*i + k at t0 + k steps (k < 30); every third stops 10 steps early. */
  static int[] fill(Engine engine, int n, long t0) {
    int[] ids = new int[n];
    SampleBatch batch = new SampleBatch(n * 30);
    for (int i = 0; i < n; i++) {
      ids[i] = engine.intern(SeriesKey.of("heap.used", "host", "h" + i), SeriesKind.GAUGE);
      int last = i % 3 == 2 ? 20 : 30;
      for (int k = 0; k < last; k++) batch.add(ids[i], t0 + k * STEP, 10 * i + k);
    }
    engine.ingest(batch);
    return ids;
  }

  @Test
  void latestOfManySeriesIsOneNativeCallAndAgreesWithSingleQueries() throws Exception {
    long t0 = EngineTest.alignedNow() - 600_000;
    try (Engine engine = Engine.open(EngineConfig.at(TestDirs.fresh("bulk-latest")))) {
      int[] ids = fill(engine, 9, t0);
      long at = t0 + 29 * STEP + 500;
      long before = engine.nativeCalls();
      LatestValues latest = engine.latest(ids, at, 5 * STEP);
      assertEquals(1, engine.nativeCalls() - before);
      assertEquals(ids.length, latest.size());
      for (int i = 0; i < ids.length; i++) {
        double single = engine.query(ids[i], at - 5 * STEP, at, STEP).latest();
        if (i % 3 == 2) {
          assertFalse(latest.has(i), "series " + i);
          assertTrue(Double.isNaN(latest.value(i)));
          assertTrue(Double.isNaN(single));
        } else {
          assertTrue(latest.has(i), "series " + i);
          assertEquals(10.0 * i + 29, latest.value(i));
          assertEquals(t0 + 29 * STEP, latest.timeMs(i));
          assertEquals(single, latest.value(i));
        }
      }
      assertEquals(0, engine.latest(new int[0], at, STEP).size());
    }
  }

  @Test
  void manySeriesQueryIsOneNativeCallWithTheSingleAnswers() throws Exception {
    long t0 = EngineTest.alignedNow() - 600_000;
    try (Engine engine = Engine.open(EngineConfig.at(TestDirs.fresh("bulk-query")))) {
      int[] ids = fill(engine, 5, t0);
      int[] asked = {ids[4], ids[0], ids[4], ids[2]};
      for (Consolidation cf : Consolidation.values()) {
        long before = engine.nativeCalls();
        List<SeriesData> many = engine.query(asked, t0 - STEP, t0 + 40 * STEP, STEP, cf);
        assertEquals(1, engine.nativeCalls() - before, cf.name());
        assertEquals(asked.length, many.size());
        for (int i = 0; i < asked.length; i++) {
          SeriesData one = engine.query(asked[i], t0 - STEP, t0 + 40 * STEP, STEP, cf);
          assertEquals(one.startMs, many.get(i).startMs);
          assertEquals(one.stepMs, many.get(i).stepMs);
          assertEquals(Arrays.toString(one.values), Arrays.toString(many.get(i).values), cf + " " + i);
        }
      }
      List<SeriesData> avg = engine.query(asked, t0, t0 + 29 * STEP, STEP);
      assertEquals(10.0 * 4 + 29, avg.get(0).latest());
      assertEquals(10.0 * 2 + 19, avg.get(3).latest());  // h2 stopped 10 steps early
    }
  }

  @Test
  void keysAndKindsOfManySeriesCrossInOneCallEach() throws Exception {
    try (Engine engine = Engine.open(EngineConfig.at(TestDirs.fresh("bulk-keys")))) {
      SeriesKey hostile = SeriesKey.of("kafka.lag", "group", "g\u0000\uD83D\uDE00", "topic", "주문");
      SeriesKey plain = SeriesKey.of("bytes.in", "broker", "1");
      int a = engine.intern(hostile, SeriesKind.GAUGE);
      int b = engine.intern(plain, SeriesKind.COUNTER);
      long before = engine.nativeCalls();
      assertEquals(Arrays.asList(plain, hostile, plain), engine.keys(new int[] {b, a, b}));
      assertEquals(Arrays.asList(SeriesKind.GAUGE, SeriesKind.COUNTER), engine.kinds(new int[] {a, b}));
      assertEquals(2, engine.nativeCalls() - before);
      assertTrue(engine.keys(new int[0]).isEmpty());
    }
  }

  @Test
  void anUnknownIdIsNamedAndNothingIsReturned() throws Exception {
    try (Engine engine = Engine.open(EngineConfig.at(TestDirs.fresh("bulk-unknown")))) {
      int id = engine.intern(SeriesKey.of("x"), SeriesKind.GAUGE);
      int[] bad = {id, 4711};
      long now = EngineTest.alignedNow();
      for (Runnable call : Arrays.<Runnable>asList(
          () -> engine.latest(bad, now, STEP),
          () -> engine.keys(bad),
          () -> engine.kinds(bad),
          () -> engine.query(bad, now - STEP, now, STEP),
          () -> engine.query(new int[] {-3}, now - STEP, now, STEP))) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains("4711") || e.getMessage().contains("-3"), e.getMessage());
      }
    }
  }
}
