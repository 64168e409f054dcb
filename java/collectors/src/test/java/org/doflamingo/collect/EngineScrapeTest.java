package org.doflamingo.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.SampleBatch;
import org.doflamingo.engine.SeriesData;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;

class EngineScrapeTest {
  @Test
  void aScrapeOfManySeriesArrivesInOneCommit() throws Exception {
    long t = System.currentTimeMillis() / 2000 * 2000 - 60_000;
    try (Engine engine = engine("scrape")) {
      EngineScrape.Ids ids = new EngineScrape.Ids(engine);
      EngineScrape scrape = new EngineScrape(engine, ids, t);
      for (int p = 0; p < 1000; p++) { // more than the first batch holds: it grows
        scrape.add(SeriesKey.of("kafka.log.Log.Size", "topic", "orders", "partition", String.valueOf(p)), SeriesKind.GAUGE, p);
      }
      assertEquals(1000, scrape.commit().accepted);
      EngineScrape next = new EngineScrape(engine, ids, t + 2000);
      next.add(SeriesKey.of("kafka.log.Log.Size", "topic", "orders", "partition", "7"), SeriesKind.GAUGE, 8);
      assertEquals(1, next.commit().accepted);
      int id = engine.select("kafka.log.Log.Size", java.util.Collections.singletonMap("partition", "7"))[0];
      SeriesData d = engine.query(id, t, t + 2000, 2000);
      assertEquals(7.0, d.valueAt(t));
      assertEquals(8.0, d.valueAt(t + 2000));
      assertEquals(1000, engine.stats().series);
    }
  }

  @Test
  void aNewSeriesTheEngineRefusesCostsOnlyItself() throws Exception {
    long t = System.currentTimeMillis() / 2000 * 2000 - 60_000;
    try (Engine engine = engine("refused")) {
      // stored as a counter before (another collector, an older version): as a gauge it would mean something else
      engine.intern(SeriesKey.of("m", "p", "bad"), SeriesKind.COUNTER);
      EngineScrape.Ids ids = new EngineScrape.Ids(engine);
      EngineScrape scrape = new EngineScrape(engine, ids, t);
      for (int p = 0; p < 5; p++) scrape.add(SeriesKey.of("m", "p", String.valueOf(p)), SeriesKind.GAUGE, p);
      scrape.add(SeriesKey.of("m", "p", "bad"), SeriesKind.GAUGE, 9);
      assertEquals(5, scrape.commit().accepted, "the five good series stored, the refused one left out");
      assertEquals(-1, (int) ids.cached(SeriesKey.of("m", "p", "bad")), "remembered: not tried again each scrape");
      EngineScrape next = new EngineScrape(engine, ids, t + 2000);
      next.add(SeriesKey.of("m", "p", "bad"), SeriesKind.GAUGE, 9);
      next.add(SeriesKey.of("m", "p", "0"), SeriesKind.GAUGE, 1);
      assertEquals(1, next.commit().accepted);
    }
  }

  @Test
  void aThreadsBatchIsReusedAndKeptWhenAScrapeGrewIt() throws Exception {
    long t = System.currentTimeMillis() / 2000 * 2000 - 60_000;
    try (Engine engine = engine("batch")) {
      EngineScrape.Ids ids = new EngineScrape.Ids(engine);
      SampleBatch mine = new SampleBatch(4);
      EngineScrape scrape = new EngineScrape(engine, ids, t, mine);
      for (int p = 0; p < 10; p++) scrape.add(SeriesKey.of("m", "p", String.valueOf(p)), SeriesKind.GAUGE, p);
      SampleBatch grown = scrape.batch();
      assertTrue(grown.capacity() >= 10, "grown to hold the scrape");
      scrape.commit();
      // the next scrape of the thread takes the grown batch, emptied
      grown.add(ids.cached(SeriesKey.of("m", "p", "0")), t, 99);
      EngineScrape next = new EngineScrape(engine, ids, t + 2000, grown);
      assertSame(grown, next.batch());
      assertEquals(0, next.size(), "left-overs of a failed write are not sent again");
      next.add(SeriesKey.of("m", "p", "1"), SeriesKind.GAUGE, 1);
      next.discard();
      assertEquals(0, next.size());
    }
  }

  @Test
  void aFirstScrapeOfManyNewSeriesCostsOneInternAndOneIngest() throws Exception {
    long t = System.currentTimeMillis() / 2000 * 2000 - 60_000;
    try (Engine engine = engine("first-contact")) {
      EngineScrape.Ids ids = new EngineScrape.Ids(engine);
      for (int n : new int[] {100, 5000}) {
        long before = engine.nativeCalls();
        EngineScrape scrape = new EngineScrape(engine, ids, t);
        for (int p = 0; p < n; p++) {
          scrape.add(SeriesKey.of("kafka.partition.size", "n", String.valueOf(n), "partition", String.valueOf(p)),
              SeriesKind.GAUGE, p);
        }
        assertEquals(n, scrape.commit().accepted);
        assertEquals(2, engine.nativeCalls() - before, n + " new series: one intern, one ingest");
      }
      long before = engine.nativeCalls();
      EngineScrape known = new EngineScrape(engine, ids, t + 2000);
      for (int p = 0; p < 5000; p++) {
        known.add(SeriesKey.of("kafka.partition.size", "n", "5000", "partition", String.valueOf(p)), SeriesKind.GAUGE, p);
      }
      assertEquals(5000, known.commit().accepted);
      assertEquals(1, engine.nativeCalls() - before, "known series: the ingest alone");
      assertEquals(5100, engine.stats().series);
    }
  }

  private static Engine engine(String name) throws Exception {
    Path root = Files.createDirectories(Paths.get("target/test-data"));
    // One short tier: the tests count native calls, and 5,100 default-class files (2.3 MB each) would
    // leave 11 GB behind every run.
    return Engine.open(EngineConfig.at(Files.createTempDirectory(root, name + "-")).tiers("2s:10m").liveWindowSeconds(60));
  }
}
