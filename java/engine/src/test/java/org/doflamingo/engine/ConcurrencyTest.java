package org.doflamingo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Many threads ingest, query and close at once: no crash, no lost acknowledged sample. */
class ConcurrencyTest {
  @Test
  void parallelIngestAndQueriesAgreeOnEverySample() throws Exception {
    int threads = 4;
    int seriesPerThread = 50;
    int points = 200;
    long t0 = System.currentTimeMillis() / 2000 * 2000 - points * 2000L - 60_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    // The writers start ingesting once the reader has made its first query, so the two overlap
    // even when the reader's thread is late to start (seen on a loaded machine).
    CountDownLatch readerStarted = new CountDownLatch(1);
    try (Engine engine = Engine.open(EngineConfig.at(TestDirs.fresh("concurrent")).flushBatch(8))) {
      List<Future<Long>> writers = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          int[] ids = new int[seriesPerThread];
          for (int s = 0; s < seriesPerThread; s++) {
            ids[s] = engine.intern(SeriesKey.of("concurrency", "writer", String.valueOf(writer), "s", String.valueOf(s)),
                SeriesKind.GAUGE);
          }
          assertTrue(readerStarted.await(60, TimeUnit.SECONDS), "the reader never queried");
          SampleBatch batch = new SampleBatch(seriesPerThread);
          long accepted = 0;
          for (int p = 0; p < points; p++) {
            batch.clear();
            for (int s = 0; s < seriesPerThread; s++) batch.add(ids[s], t0 + p * 2000L, p);
            accepted += engine.ingest(batch).accepted;
          }
          return accepted;
        }));
      }
      AtomicLong queries = new AtomicLong();
      Future<?> reader = pool.submit(() -> {
        while (writers.stream().anyMatch(f -> !f.isDone())) {
          for (int id : engine.select("concurrency", java.util.Collections.emptyMap())) {
            engine.query(id, t0, t0 + points * 2000L, 2000);
            queries.incrementAndGet();
            readerStarted.countDown();
          }
        }
        return null;
      });
      long total = 0;
      for (Future<Long> f : writers) total += f.get(120, TimeUnit.SECONDS);
      reader.get(120, TimeUnit.SECONDS);
      assertEquals((long) threads * seriesPerThread * points, total);
      assertTrue(queries.get() > 0);
      engine.flush();
      for (int id : engine.select("concurrency", java.util.Collections.emptyMap())) {
        SeriesData d = engine.query(id, t0 - 7_200_000, t0 + points * 2000L, 2000);
        assertEquals(points, d.known(), "series " + engine.key(id));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closeWhileOthersCallEndsWithClearExceptionsOnly() throws Exception {
    Engine engine = Engine.open(EngineConfig.at(TestDirs.fresh("close-race")));
    int id = engine.intern(SeriesKey.of("race"), SeriesKind.GAUGE);
    long t0 = System.currentTimeMillis() / 2000 * 2000 - 3_600_000;
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<String>> callers = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        int caller = c;
        callers.add(pool.submit(() -> {
          SampleBatch b = new SampleBatch(1);
          for (int i = 0; ; i++) {
            try {
              b.clear();
              engine.ingest(b.add(id, t0 + (i * 3L + caller) * 2000, i));
              engine.query(id, t0, t0 + 60_000, 2000);
            } catch (IllegalStateException closed) {
              return closed.getMessage();
            }
          }
        }));
      }
      Thread.sleep(200);
      engine.close();
      for (Future<String> f : callers) assertTrue(f.get(30, TimeUnit.SECONDS).contains("closed"));
    } finally {
      pool.shutdownNow();
    }
  }
}
