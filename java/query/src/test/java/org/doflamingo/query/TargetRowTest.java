package org.doflamingo.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.doflamingo.collect.Collector;
import org.doflamingo.collect.CollectorFactory;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.Scrape;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The targets list counts each target's series by class, from what collection interned, and warns past a budget. */
class TargetRowTest {
  @TempDir
  Path dir;

  /** A cluster's Admin-like target writing a cluster figure and the leaders of three partitions of "orders" and one of __consumer_offsets. */
  private static final class Partitions implements Collector {
    @Override
    public String target() {
      return "kafka prod admin";
    }

    @Override
    public void scrape(Scrape out) {
      out.add(SeriesKey.of(MetricNames.CLUSTER_BROKERS, "cluster", "prod"), SeriesKind.GAUGE, 3);
      for (int p = 0; p < 3; p++) {
        out.add(SeriesKey.of(MetricNames.PARTITION_LEADER, "cluster", "prod", "topic", "orders", "partition", String.valueOf(p)),
            SeriesKind.GAUGE, 1);
      }
      out.add(SeriesKey.of(MetricNames.PARTITION_LEADER, "cluster", "prod", "topic", "__consumer_offsets", "partition", "0"),
          SeriesKind.GAUGE, 1);
    }

    @Override
    public void close() {}
  }

  private Monitor scrapedOnce(String series) throws Exception {
    MonitorConfig config = TestReads.config(dir, "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"127.0.0.1\", \"jmxPort\": 1}]}]"
        + (series == null ? "" : ", \"series\": " + series));
    CollectorFactory factory = (context, out) -> out.add(new CollectorFactory.Target("kafka-cluster", "prod", "prod", "Admin API", new Partitions()));
    Monitor m = Monitor.open(config, System.currentTimeMillis(), Collections.singletonList(factory));
    CountDownLatch stored = new CountDownLatch(1);
    m.addListener((target, time, ids) -> stored.countDown());
    // the first scrape is due within the target's spread of the open: tick until it ran (bounded)
    for (int i = 0; i < 200 && stored.getCount() > 0; i++) {
      m.tick(System.currentTimeMillis());
      stored.await(50, TimeUnit.MILLISECONDS);
    }
    assertEquals(0, stored.getCount(), () -> "scraped: " + m.status(m.targets().get(0).id).lastError);
    return m;
  }

  @Test
  void rowsCountSeriesByClass() throws Exception {
    try (Monitor m = scrapedOnce(null)) {
      List<TargetRow> rows = new Reads(m).area(Area.KAFKA).targets(null);
      assertEquals(1, rows.size());
      TargetRow row = rows.get(0);
      assertEquals(Long.valueOf(3), row.series.get("partition"), "the internal topic's partition is not collected");
      // kafka.cluster.brokers, the target's up series and its scrape's cost (wall, CPU, allocated, series)
      assertEquals(Long.valueOf(6), row.series.get("cluster"));
      assertEquals(9, row.seriesTotal);
      assertNull(row.pending, "read, not starting");
      assertTrue(row.seriesRefused.isEmpty());
      assertNull(row.seriesWarning);
    }
  }

  @Test
  void aBudgetReachedIsShownOnTheRow() throws Exception {
    try (Monitor m = scrapedOnce("{\"maxSeriesPerTarget\": 2}")) {
      TargetRow row = new Reads(m).area(Area.KAFKA).targets(null).get(0);
      assertEquals(7, row.seriesTotal, "two within the budget, and the target's own (up, cost), which a budget never refuses");
      long refused = 0;
      for (long n : row.seriesRefused.values()) refused += n;
      assertEquals(2, refused, "two of the partitions");
      assertEquals("budget series.maxSeriesPerTarget (2 series) reached: 2 new series refused", row.seriesWarning);
    }
  }
}
