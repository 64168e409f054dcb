package org.doflamingo.query.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.doflamingo.query.Page;
import org.doflamingo.query.Reads;
import org.doflamingo.query.TestReads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a cluster's Admin target is not answering (here: never read), its partitions, topics and groups
 * are listed as last known and marked stale with their age, instead of an empty list.
 */
class KafkaTablesStaleTest {
  @TempDir
  Path dir;

  private static SeriesKey partition(String metric, String topic, int p) {
    return SeriesKey.of(metric, "cluster", "prod", "topic", topic, "partition", String.valueOf(p));
  }

  @Test
  void lastKnownRowsAreMarkedStaleWithTheirAge() throws Exception {
    try (Monitor m = TestReads.open(TestReads.config(dir, "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"127.0.0.1\", \"jmxPort\": 1}]}]"))) {
      long step = m.engine().baseStepMs();
      long now = (System.currentTimeMillis() / step - 1) * step; // a whole step, in the past: RRD stamps rows at a step's end
      long then = now - 300_000; // older than current (5 steps of the partition class: 150 s), within the last-known window
      TestReads.write(m, then, SeriesKind.GAUGE, partition(MetricNames.PARTITION_LEADER, "orders", 0), 1,
          partition(MetricNames.PARTITION_LEADER, "orders", 1), 2, partition(MetricNames.PARTITION_REPLICAS, "orders", 0), 3,
          partition(MetricNames.PARTITION_ISR, "orders", 0), 3, partition(MetricNames.PARTITION_LOG_END, "orders", 0), 42);
      Reads reads = new Reads(m);
      Page<PartitionRow> page = reads.kafka().partitions("prod", null, null, "partition", false, 0, 100);
      assertEquals(2, page.rows.size());
      PartitionRow p0 = page.rows.get(0);
      assertEquals(1, p0.leader);
      assertEquals(Boolean.TRUE, p0.stale);
      assertTrue(p0.ageMs >= 290_000 && p0.ageMs <= 310_000, "age " + p0.ageMs);
      assertEquals(Integer.valueOf(3), p0.replicas, "the other figures last known too");
      assertEquals(Long.valueOf(42), p0.logEndOffset);
      List<TopicRow> topics = reads.kafka().topics("prod", null);
      assertEquals(1, topics.size());
      assertEquals(Long.valueOf(2), topics.get(0).partitions);
      assertEquals(Boolean.TRUE, topics.get(0).stale);
      assertTrue(topics.get(0).ageMs >= 290_000 && topics.get(0).ageMs <= 310_000, "age " + topics.get(0).ageMs);
    }
  }

  /**
   * A group cycle longer than a figure stays current (minutes, at 50,000 groups on a busy
   * machine) must not empty the lag list: a late cluster's groups show their last known lag, stale.
   */
  @Test
  void aLateClustersGroupsShowTheirLastKnownLagMarkedStale() throws Exception {
    try (Monitor m = TestReads.open(TestReads.config(dir, "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"127.0.0.1\", \"jmxPort\": 1}]}]"))) {
      long step = m.engine().baseStepMs();
      long now = (System.currentTimeMillis() / step - 1) * step;
      long then = now - 120_000; // older than current (5 steps of the group class: 50 s), within the last-known window
      TestReads.write(m, then, SeriesKind.GAUGE, SeriesKey.of(MetricNames.GROUP_MAX_LAG, "cluster", "prod", "group", "billing"), 7,
          SeriesKey.of(MetricNames.GROUP_TOTAL_LAG, "cluster", "prod", "group", "billing"), 12);
      TestReads.write(m, now, SeriesKind.GAUGE, SeriesKey.of(MetricNames.GROUP_MAX_LAG, "cluster", "prod", "group", "orders"), 3);
      Page<LagRow> page = new Reads(m).lag().lag("prod", null, "group", false, 0, 100);
      assertEquals(2, page.rows.size());
      LagRow billing = page.rows.get(0);
      assertEquals("billing", billing.group);
      assertEquals(Long.valueOf(7), billing.maxLag, "last known");
      assertEquals(Long.valueOf(12), billing.totalLag, "last known too");
      assertEquals(Boolean.TRUE, billing.stale);
      assertTrue(billing.ageMs >= 110_000 && billing.ageMs <= 130_000, "age " + billing.ageMs);
      LagRow orders = page.rows.get(1);
      assertEquals(Long.valueOf(3), orders.maxLag);
      assertNull(orders.stale, "current");
    }
  }

  @Test
  void currentRowsAreNotStaleAndTooOldOnesAreGone() throws Exception {
    try (Monitor m = TestReads.open(TestReads.config(dir, "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"127.0.0.1\", \"jmxPort\": 1}]}]"))) {
      long step = m.engine().baseStepMs();
      long now = (System.currentTimeMillis() / step - 1) * step; // a whole step, in the past: RRD stamps rows at a step's end
      TestReads.write(m, now - KafkaTables.LAST_KNOWN_MS - 120_000, SeriesKind.GAUGE, partition(MetricNames.PARTITION_LEADER, "old", 0), 1);
      TestReads.write(m, now, SeriesKind.GAUGE, partition(MetricNames.PARTITION_LEADER, "orders", 0), 1);
      Reads reads = new Reads(m);
      Page<PartitionRow> page = reads.kafka().partitions("prod", null, null, "partition", false, 0, 100);
      assertEquals(1, page.rows.size(), "older than the last-known window: not listed");
      assertEquals("orders", page.rows.get(0).topic);
      assertNull(page.rows.get(0).stale);
      assertNull(page.rows.get(0).ageMs);
      List<TopicRow> topics = reads.kafka().topics("prod", null);
      assertEquals(1, topics.size());
      assertNull(topics.get(0).stale);
    }
  }

  @Test
  void aTopicWhosePartitionsAreNotCollectedIsListedFromItsTopicSeries() throws Exception {
    try (Monitor m = TestReads.open(TestReads.config(dir, "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"127.0.0.1\", \"jmxPort\": 1}]}]"))) {
      long step = m.engine().baseStepMs();
      long now = (System.currentTimeMillis() / step - 1) * step;
      TestReads.write(m, now, SeriesKind.GAUGE, SeriesKey.of(MetricNames.TOPIC_UNDER_REPLICATED, "cluster", "prod", "topic", "__consumer_offsets"), 1,
          partition(MetricNames.PARTITION_LEADER, "orders", 0), 1, SeriesKey.of(MetricNames.TOPIC_UNDER_REPLICATED, "cluster", "prod", "topic", "orders"), 0);
      List<TopicRow> topics = new Reads(m).kafka().topics("prod", null);
      assertEquals(2, topics.size());
      assertEquals("__consumer_offsets", topics.get(0).topic);
      assertNull(topics.get(0).partitions, "not collected: no count");
      assertEquals(Long.valueOf(1), topics.get(0).underReplicated);
      assertEquals(Long.valueOf(1), topics.get(1).partitions);
    }
  }
}
