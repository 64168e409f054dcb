package org.doflamingo.collect.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.doflamingo.collect.events.Bursts;
import org.junit.jupiter.api.Test;

/**
 * What the partition detector keeps at 20,000 partitions of 3 replicas, as retained heap after a
 * GC (the partitions' keys are the partition cycle's own, kept alive here as there): a sizing
 * figure with a loose bound, not a benchmark. The group detector's share is two fields on the
 * group cycle's per-group record (8 bytes a group with compressed references).
 */
class DetectorMemoryTest {
  private static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  @Test
  void partitionStateCostsAboutAHundredBytesAPartition() throws Exception {
    int n = 20_000;
    List<Node> nodes = Arrays.asList(new Node(1, "h", 1), new Node(2, "h", 2), new Node(3, "h", 3));
    List<TopicPartition> keys = new ArrayList<>(n);
    List<TopicPartitionInfo> infos = new ArrayList<>(n);
    for (int p = 0; p < n; p++) {
      keys.add(new TopicPartition("topic-" + p / 200, p % 200));
      infos.add(new TopicPartitionInfo(p % 200, nodes.get(p % 3), nodes, nodes));
    }
    long before = usedAfterGc();
    PartitionEvents detector = new PartitionEvents("c");
    Bursts out = new Bursts();
    for (int p = 0; p < n; p++) detector.described(keys.get(p), infos.get(p), 1, out);
    long after = usedAfterGc();
    assertEquals(20_000, detector.partitions());
    assertEquals(0, out.size(), "first sight");
    double perPartition = (after - before) / (double) n;
    System.out.printf("partition detector: %.0f bytes a partition retained at %d partitions (%.1f MB)%n", perPartition, n,
        (after - before) / 1e6);
    assertTrue(perPartition < 300, "bounded: " + perPartition + " bytes a partition");
    // the inputs stay reachable until here, so only the detector's own state was counted
    assertEquals(n, keys.size());
    assertEquals(n, infos.size());
  }
}
