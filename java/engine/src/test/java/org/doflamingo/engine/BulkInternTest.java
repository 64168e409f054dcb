package org.doflamingo.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Interning many series in one native call, against the single intern it replaces on a first scrape. */
class BulkInternTest {
  static EngineConfig config(Path dir) {
    return EngineConfig.at(dir).retentionClass("slow", "30s:1d,1h:30d", false, 600);
  }

  static SeriesKey[] partitions(int from, int to) {
    SeriesKey[] out = new SeriesKey[to - from];
    for (int p = from; p < to; p++) out[p - from] = SeriesKey.of("kafka.partition.size", "partition", "p\u0000" + p);
    return out;
  }

  static SeriesKind[] gauges(int n) {
    SeriesKind[] out = new SeriesKind[n];
    Arrays.fill(out, SeriesKind.GAUGE);
    return out;
  }

  static String[] classes(int n, String cls) {
    String[] out = new String[n];
    Arrays.fill(out, cls);
    return out;
  }

  @Test
  void manyNewSeriesAreOneNativeCallAndSurviveARestart() throws Exception {
    Path dir = TestDirs.fresh("bulk-intern");
    SeriesKey[] keys = partitions(0, 500);
    int[] ids;
    try (Engine engine = Engine.open(config(dir))) {
      long before = engine.nativeCalls();
      ids = engine.intern(keys, gauges(keys.length), classes(keys.length, "slow"));
      assertEquals(1, engine.nativeCalls() - before);
      assertEquals(keys.length, ids.length);
      assertEquals(Arrays.asList(keys), engine.keys(ids));
      for (RetentionClass c : engine.retentionClassOf(ids)) assertEquals("slow", c.name());
    }
    try (Engine engine = Engine.open(config(dir))) {
      for (int i = 0; i < keys.length; i++) assertEquals(ids[i], engine.intern(keys[i], SeriesKind.GAUGE));
      assertArrayEquals(ids, engine.intern(keys, gauges(keys.length), classes(keys.length, "slow")));
    }
  }

  @Test
  void knownAndNewKeysMix() throws Exception {
    try (Engine engine = Engine.open(config(TestDirs.fresh("bulk-intern-mixed")))) {
      SeriesKey[] keys = partitions(0, 10);
      int known = engine.intern(keys[4], SeriesKind.GAUGE, "slow");
      SeriesKey[] withRepeat = Arrays.copyOf(keys, 11);
      withRepeat[10] = keys[7];
      int[] ids = engine.intern(withRepeat, gauges(11), classes(11, RetentionClass.DEFAULT));
      assertEquals(known, ids[4]);
      assertEquals(ids[7], ids[10]);
      assertEquals(10, engine.stats().series);
      assertEquals("slow", engine.retentionClassOf(new int[] {known}).get(0).name());
    }
  }

  @Test
  void oneBadKeyFailsTheCallAndInternsNothing() throws Exception {
    try (Engine engine = Engine.open(config(TestDirs.fresh("bulk-intern-bad")))) {
      SeriesKey[] keys = partitions(0, 5);
      engine.intern(keys[3], SeriesKind.COUNTER);
      IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
          () -> engine.intern(keys, gauges(5), classes(5, "slow")));
      assertTrue(kind.getMessage().contains("another kind"), kind.getMessage());
      String[] oneUnknown = classes(5, "slow");
      oneUnknown[2] = "nope";
      IllegalArgumentException cls = assertThrows(IllegalArgumentException.class,
          () -> engine.intern(keys, gauges(5), oneUnknown));
      assertTrue(cls.getMessage().contains("'nope'") && cls.getMessage().contains("default, slow"), cls.getMessage());
      assertEquals(1, engine.stats().series);
      assertEquals(0, engine.intern(new SeriesKey[0], new SeriesKind[0], new String[0]).length);
    }
  }
}
