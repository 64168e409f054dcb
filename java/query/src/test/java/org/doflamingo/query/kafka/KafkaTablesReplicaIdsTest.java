package org.doflamingo.query.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Arrays;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.doflamingo.query.Page;
import org.doflamingo.query.Reads;
import org.doflamingo.query.TestReads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The partitions list carries each row's replica and in-sync broker ids from the monitor's replica table, beside the counts. */
class KafkaTablesReplicaIdsTest {
  @TempDir
  Path dir;

  private static SeriesKey partition(String metric, int p) {
    return SeriesKey.of(metric, "cluster", "prod", "topic", "orders", "partition", String.valueOf(p));
  }

  @Test
  void pageRowsCarryTheirReplicaIdsWhereTheTableKnowsThem() throws Exception {
    try (Monitor m = TestReads.open(TestReads.config(dir, "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"127.0.0.1\", \"jmxPort\": 1}]}]"))) {
      long step = m.engine().baseStepMs();
      long now = (System.currentTimeMillis() / step - 1) * step;
      TestReads.write(m, now, SeriesKind.GAUGE, partition(MetricNames.PARTITION_LEADER, 0), 3, partition(MetricNames.PARTITION_REPLICAS, 0), 3,
          partition(MetricNames.PARTITION_ISR, 0), 2, partition(MetricNames.PARTITION_LEADER, 1), 1,
          SeriesKey.of(MetricNames.PARTITION_LEADER, "cluster", "prod", "topic", "audit", "partition", "0"), 2);
      // partition 1 of orders and topic audit never described: counts only
      m.replicaAssignments().putTopic("prod", "orders", new int[] {3, 0}, new int[][] {{3, 1, 2}, null}, new int[][] {{3, 2}, null});
      Page<PartitionRow> page = new Reads(m).kafka().partitions("prod", null, null, "partition", false, 0, 100);
      assertEquals(3, page.rows.size());
      PartitionRow audit = page.rows.get(0);
      PartitionRow p0 = page.rows.get(1);
      PartitionRow p1 = page.rows.get(2);
      assertEquals("audit", audit.topic);
      assertNull(audit.replicaIds);
      assertEquals(Arrays.asList(3, 1, 2), p0.replicaIds);
      assertEquals(Arrays.asList(3, 2), p0.isrIds);
      assertEquals(Integer.valueOf(2), p0.isr, "the count series still read");
      assertNull(p1.replicaIds);
      assertNull(p1.isrIds);
    }
  }
}
