package org.doflamingo.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import org.doflamingo.collect.EngineScrape;
import org.doflamingo.collect.Monitor;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One copy of each key: the read side answers the collectors' own key objects, without asking the engine. */
class SeriesIndexTest {
  @TempDir
  Path dir;

  @Test
  void keysTheCollectorsInternedAreTheirOwnObjectsAndCostNoNativeCall() throws Exception {
    String flume = "\"flume\": [{\"name\": \"f1\", \"host\": \"127.0.0.1\", \"httpPort\": 1}]";
    try (Monitor m = TestReads.open(TestReads.config(dir, flume))) {
      Engine engine = m.engine();
      EngineScrape.Ids ids = new EngineScrape.Ids(engine);
      SeriesKey collected = SeriesKey.of("flume.channel.ChannelSize", "agent", "f1", "component", "c1");
      EngineScrape s = new EngineScrape(engine, ids, System.currentTimeMillis());
      s.add(collected, SeriesKind.GAUGE, 1);
      int id = s.seriesIds()[0];
      s.commit();
      // a series this process never collected (one stored before a restart, say)
      SeriesKey stored = SeriesKey.of("flume.channel.ChannelSize", "agent", "f1", "component", "c2");
      int other = engine.intern(stored, SeriesKind.GAUGE);

      SeriesIndex index = new SeriesIndex(engine, ids.keys());
      long before = engine.nativeCalls();
      assertSame(collected, index.key(id), "the collectors' key object itself");
      assertEquals(before, engine.nativeCalls(), "no native call for a collected series");
      SeriesKey fetched = index.keys(new int[] {id, other})[1];
      assertEquals(stored, fetched);
      assertEquals(before + 1, engine.nativeCalls(), "one bulk fetch for the one not collected");
      assertSame(fetched, index.key(other), "kept once fetched");
      assertEquals(before + 1, engine.nativeCalls());
    }
  }
}
