package org.doflamingo.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The harness's pure parts: the group plan, the options, and the peers' output as the harness reads it. */
class ScaleParsingTest {
  @Test
  void stableGroupsCommitOnUnwrittenTopicsWithinTheRecordsAndStoppedOnesOnWrittenTopics() {
    ScaleOptions o = ScaleOptions.parse(new String[] {"--small", "--groups", "300", "--stopped-groups", "10"});
    GroupPlan plan = new GroupPlan(o);
    Set<String> written = new HashSet<>(plan.writtenTopics());
    Set<String> names = new HashSet<>();
    for (int g = 0; g < o.groups; g++) {
      assertTrue(names.add(plan.group(g)), "group names are unique: " + plan.group(g));
      Map<TopicPartition, Long> committed = plan.committed(g);
      assertEquals(o.partitionsPerGroup, committed.size(), plan.group(g));
      for (Map.Entry<TopicPartition, Long> e : committed.entrySet()) {
        assertEquals(!plan.stable(g), written.contains(e.getKey().topic()), plan.group(g) + " " + e.getKey());
        assertTrue(e.getValue() >= 0 && e.getValue() < o.records, plan.group(g) + " commits within the records written");
        if (plan.stable(g)) assertEquals(o.records - e.getValue(), plan.stableLag(g));
      }
    }
    assertEquals(290, plan.stableGroups());
    assertEquals("scale-stopped-0000", plan.group(290));
  }

  @Test
  void optionsAfterSmallOverrideItAndBadOnesNameTheOption() {
    ScaleOptions o = ScaleOptions.parse(new String[] {"--small", "--minutes", "7"});
    assertEquals(2000, o.partitions());
    assertEquals(7, o.minutes);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScaleOptions.parse(new String[] {"--brokers", "1", "--replication", "3"}));
    assertTrue(e.getMessage().contains("--replication"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ScaleOptions.parse(new String[] {"--groups", "many"}));
    assertTrue(e.getMessage().startsWith("--groups"), e.getMessage());
  }

  @Test
  void kafkaConsumerGroupsDescribeRowsAddUpPerGroup() {
    String out = "\n"
        + "Consumer group 'scale-g-00001' has no active members.\n\n"
        + "GROUP           TOPIC        PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID\n"
        + "scale-g-00001   scale-t-0005 4          1               10              9               -               -               -\n"
        + "scale-g-00001   scale-t-0005 5          1               10              9               -               -               -\n"
        + "scale-live-0001 scale-t-0001 0          -               10              -               consumer-1      /127.0.0.1      c1\n";
    LagPicture p = Peers.parseDescribe(out);
    assertEquals(18L, p.totalLag.get("scale-g-00001"));
    assertEquals(9L, p.maxLag.get("scale-g-00001"));
    assertEquals(1, p.groups(), "a row without a lag is no lag");
  }

  @Test
  void exporterLagLinesAndKafkatopJsonAreRead() throws Exception {
    LagPicture e = Peers.parseExporter("# HELP kafka_consumer_group_lag How far\n"
        + "kafka_consumer_group_lag{group=\"scale-g-00002\",partition=\"3\",topic=\"scale-t-0006\"} 8.0\n"
        + "kafka_consumer_group_lag{group=\"scale-g-00002\",partition=\"4\",topic=\"scale-t-0006\"} 8.0\n"
        + "kafka_consumer_group_offset{group=\"scale-g-00002\",partition=\"4\",topic=\"scale-t-0006\"} 2.0\n");
    assertEquals(16L, e.totalLag.get("scale-g-00002"));
    LagPicture k = Peers.parseKafkatop("warning line\n{\"scale-g-00002\": {\"state\": \"EMPTY\", \"topics\": {\"scale-t-0006\": "
        + "{\"partitions\": 2, \"lag_max\": 8, \"lag_min\": 8}}}}");
    assertEquals(8L, k.maxLag.get("scale-g-00002"));
    assertTrue(!k.totalLag.containsKey("scale-g-00002"), "kafkatop gives no total");
  }
}
