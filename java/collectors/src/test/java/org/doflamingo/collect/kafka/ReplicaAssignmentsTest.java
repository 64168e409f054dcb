package org.doflamingo.collect.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.apache.kafka.common.TopicPartition;
import org.doflamingo.collect.Exclusions;
import org.doflamingo.config.MonitorConfig;
import org.junit.jupiter.api.Test;

/**
 * The partitions' replica broker ids the Admin collector keeps beside the count series: as the
 * cluster describes them (Kafka's order, the in-sync subset, the leader), replaced when described
 * again, gone with their topic.
 */
class ReplicaAssignmentsTest {
  @Test
  void eachDescribedPartitionKeepsItsReplicaAndInSyncIdsUntilItsTopicIsDeleted() throws Exception {
    FakeAdminReads reads = new FakeAdminReads();
    reads.topic("orders", 3);
    reads.topic("audit", 1);
    reads.assigned.put(new TopicPartition("orders", 1), new int[][] {{3, 1, 2}, {3, 2}});
    ReplicaAssignments table = new ReplicaAssignments();
    // partitions every 6 s at a 2 s interval: a cycle of 3 scrapes
    String json = "{\"storage\": {\"path\": \"d\"}, \"kafka\": [{\"name\": \"c\", \"brokers\": [{\"host\": \"h\", \"jmxPort\": 1}],"
        + " \"partitionIntervalSeconds\": 6}]}";
    try (AdminCollector c = new AdminCollector(MonitorConfig.parse(json).kafka.get(0), reads, 2000, 1500,
        new LagEvaluator(300_000, 0.8), Exclusions.NONE, table)) {
      long t = 0;
      for (int i = 0; i < 3; i++, t += 2000) c.scrape(new AdminCollectorTest.Values(t));
      assertEquals(4, table.size());
      ReplicaAssignments.Assignment a = table.get("c", "orders", 1);
      assertEquals(3, a.leader);
      assertEquals(Arrays.asList(3, 1, 2), a.replicas, "replicas in Kafka's order, the preferred leader first");
      assertEquals(Arrays.asList(3, 2), a.isr, "broker 1 is out of sync");
      assertEquals(Arrays.asList(1), table.get("c", "orders", 0).replicas);
      assertNull(table.get("c", "orders", 3), "no such partition");
      assertNull(table.get("other", "orders", 1), "no such cluster");

      // broker 1 back in sync, and topic audit deleted: the next cycle tells both
      reads.assigned.put(new TopicPartition("orders", 1), new int[][] {{3, 1, 2}, {3, 2, 1}});
      reads.topics.remove("audit");
      for (int i = 0; i < 3; i++, t += 2000) c.scrape(new AdminCollectorTest.Values(t));
      assertEquals(Arrays.asList(3, 2, 1), table.get("c", "orders", 1).isr);
      assertNull(table.get("c", "audit", 0), "a deleted topic's partitions leave the table");
      assertEquals(3, table.size());
    }
  }
}
