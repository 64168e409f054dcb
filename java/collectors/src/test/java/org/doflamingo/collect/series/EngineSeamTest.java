package org.doflamingo.collect.series;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.doflamingo.config.RetentionClassSpec;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.SampleBatch;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSeamTest {
  @TempDir
  Path dir;

  /** The size sizing prints for a class is the size of the file the engine writes for it. */
  @Test
  void fileBytesAreThoseOfARealFile() throws Exception {
    for (RetentionClassSpec c : new RetentionClassSpec[] {new RetentionClassSpec("full", EngineConfig.DEFAULT_TIERS, true, 3600),
        new RetentionClassSpec("small", "30s:1d,1h:30d", true, 900)}) {
      Path data = dir.resolve(c.name);
      try (Engine engine = Engine.open(EngineConfig.at(data).tiers(c.tiers.text))) {
        int id = engine.intern(SeriesKey.of("m", "k", "v"), SeriesKind.GAUGE);
        SampleBatch b = new SampleBatch(4);
        b.add(id, System.currentTimeMillis(), 1);
        engine.ingest(b);
        engine.flush();
      }
      List<Path> files;
      try (Stream<Path> s = Files.walk(data)) {
        files = s.filter(p -> p.toString().endsWith(".rrd")).collect(Collectors.toList());
      }
      assertEquals(1, files.size(), c.toString());
      assertEquals(Files.size(files.get(0)), EngineSeam.fileBytes(c), c.toString());
    }
  }

  @Test
  void ringBytesAreADoublePerBaseStep() {
    assertEquals(14_400, EngineSeam.ringBytes(new RetentionClassSpec("c", "2s:1d", true, 3600)), "the 14.4 KB of today's rings");
    assertEquals(240, EngineSeam.ringBytes(new RetentionClassSpec("p", "30s:1d,1h:30d", false, 900)));
    assertEquals(0, EngineSeam.ringBytes(new RetentionClassSpec("none", "30s:1d", false, 0)));
  }
}
