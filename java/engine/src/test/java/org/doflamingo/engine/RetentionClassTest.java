package org.doflamingo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RetentionClassTest {
  private static final long SLOW_STEP = 30_000;

  private static EngineConfig withSlowClass(Path dir) {
    return EngineConfig.at(dir).retentionClass("slow", "30s:1d,1h:30d", false, 600);
  }

  @Test
  void classesAreDefinedChosenAtInternAndKeptAcrossARestart() throws Exception {
    Path dir = TestDirs.fresh("classes");
    SeriesKey fastKey = SeriesKey.of("m", "cls", "fast");
    SeriesKey slowKey = SeriesKey.of("m", "cls", "slow");
    int fast;
    int slow;
    try (Engine engine = Engine.open(withSlowClass(dir))) {
      List<RetentionClass> classes = engine.retentionClasses();
      assertEquals(Arrays.asList(RetentionClass.DEFAULT, "slow"),
          classes.stream().map(RetentionClass::name).collect(Collectors.toList()));
      RetentionClass def = classes.get(0);
      assertEquals(EngineConfig.DEFAULT_TIERS, def.tiersSpec());
      assertTrue(def.minMax());
      assertEquals(engine.tiers().size(), def.tiers().size());
      assertEquals(engine.baseStepMs(), def.baseStepMs());
      assertEquals(1800 * 8, def.ringBytes());
      RetentionClass s = engine.retentionClass("slow");
      assertEquals(SLOW_STEP, s.baseStepMs());
      assertEquals(SLOW_STEP, engine.baseStepMs("slow"));
      assertFalse(s.minMax());
      assertEquals(150, s.heartbeatSeconds());
      assertEquals(20 * 8, s.ringBytes());
      assertEquals(2, s.tiers().size());
      assertEquals(3_600_000L, s.tiers().get(1).stepMs);

      fast = engine.intern(fastKey, SeriesKind.GAUGE);
      slow = engine.intern(slowKey, SeriesKind.GAUGE, "slow");
      long before = engine.nativeCalls();
      List<RetentionClass> of = engine.retentionClassOf(new int[] {slow, fast});
      assertEquals(1, engine.nativeCalls() - before, "one native call for many ids");
      assertEquals(Arrays.asList("slow", RetentionClass.DEFAULT),
          of.stream().map(RetentionClass::name).collect(Collectors.toList()));

      long t0 = System.currentTimeMillis() / SLOW_STEP * SLOW_STEP - 600_000;
      SampleBatch batch = new SampleBatch(100);
      for (int i = 1; i <= 10; i++) batch.add(fast, t0 + i * SLOW_STEP, i).add(slow, t0 + i * SLOW_STEP, 100 + i);
      assertEquals(20, engine.ingest(batch).accepted);
      long last = t0 + 10 * SLOW_STEP;
      SeriesData slowData = engine.query(slow, t0 + SLOW_STEP, last, 0);
      assertEquals(SLOW_STEP, slowData.stepMs);
      assertEquals(110.0, slowData.valueAt(last));

      // 20 s later the 2 s series is no longer current (5 steps = 10 s); the 30 s one still is.
      LatestValues current = engine.latestWithinSteps(new int[] {fast, slow}, last + 20_000, 5);
      assertFalse(current.has(0));
      assertTrue(current.has(1));
      assertEquals(110.0, current.value(1));
      assertEquals(last, current.timeMs(1));
      engine.flush();
    }
    try (Engine engine = Engine.open(withSlowClass(dir))) {
      assertEquals("slow", engine.retentionClassOf(new int[] {slow}).get(0).name());
      // Another class for a known series keeps the one it was created with.
      assertEquals(slow, engine.intern(slowKey, SeriesKind.GAUGE, RetentionClass.DEFAULT));
      assertEquals("slow", engine.retentionClassOf(new int[] {slow}).get(0).name());
      // Each file as its class says, of exactly the size it says.
      RetentionClass def = engine.retentionClass(RetentionClass.DEFAULT);
      RetentionClass s = engine.retentionClass("slow");
      List<Long> sizes = rrdFileSizes(dir);
      assertEquals(Arrays.asList(s.fileBytes(), def.fileBytes()), sizes);
    }
  }

  @Test
  void aClassIsSizedWithoutAnEngine() {
    RetentionClass c = RetentionClass.size("partition", "30s:1d,1h:30d", false, 0);
    assertEquals("partition", c.name());
    assertEquals(0, c.ringBytes());
    assertEquals(SLOW_STEP, c.baseStepMs());
    // 2,880 + 720 rows of 8 bytes, and the header.
    assertTrue(c.fileBytes() > 3600 * 8 && c.fileBytes() < 3600 * 8 + 4096, c.toString());
    RetentionClass full = RetentionClass.size("full", EngineConfig.DEFAULT_TIERS, true, 3600);
    assertEquals(2.3e6, full.fileBytes(), 0.05e6);
    assertEquals(14_400, full.ringBytes());
    assertEquals(300, RetentionClass.size("p", "30s:1d", false, 0, 300).heartbeatSeconds());
  }

  @Test
  void badDefinitionsNameTheClassAndThePart() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RetentionClass.size("p", "30s:1d,1m:1h", false, 0));
    assertTrue(e.getMessage().startsWith("retention class 'p': tiers: "), e.getMessage());
    Path dir = TestDirs.fresh("bad-classes");
    e = assertThrows(IllegalArgumentException.class,
        () -> Engine.open(withSlowClass(dir).retentionClass("slow", "1m:1d", true, 0)));
    assertEquals("retention class 'slow' is defined twice", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Engine.open(EngineConfig.at(dir).retentionClass("slow", "30s:1d", true, -5)));
    assertEquals("retention class 'slow': liveWindowSeconds must not be negative", e.getMessage());
    try (Engine engine = Engine.open(withSlowClass(dir))) {
      e = assertThrows(IllegalArgumentException.class,
          () -> engine.intern(SeriesKey.of("m"), SeriesKind.GAUGE, "partition"));
      assertEquals("unknown retention class 'partition'; defined: default, slow", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> engine.baseStepMs("partition"));
      engine.close();
      assertThrows(IllegalStateException.class, engine::retentionClasses);
    }
  }

  /** Sizes of the RRD files under dir, largest last. */
  private static List<Long> rrdFileSizes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("rrd"))) {
      return files.filter(p -> p.toString().endsWith(".rrd")).map(p -> p.toFile().length()).sorted()
          .collect(Collectors.toList());
    }
  }
}
