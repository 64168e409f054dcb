package org.doflamingo.collect.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.Exclusions;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.engine.SeriesKey;
import org.junit.jupiter.api.Test;

/**
 * The Admin collector's KRaft quorum series and the groups' protocol and state, against a cluster
 * in memory ({@link FakeAdminReads}); every series it writes is in the catalogue.
 */
class QuorumAndProtocolTest {
  private static SeriesKey key(String name, String... labels) {
    return AdminCollector.key("c", name, labels);
  }

  @Test
  void theQuorumIsWrittenWithEachVotersAndObserversLag() throws Exception {
    FakeAdminReads reads = new FakeAdminReads();
    long now = System.currentTimeMillis();
    reads.quorum = new QuorumView(2, 7, 1000,
        Arrays.asList(new QuorumView.Replica(1, 1000, now), new QuorumView.Replica(2, 1001, now), new QuorumView.Replica(3, 400, now - 30_000)),
        Arrays.asList(new QuorumView.Replica(101, 990, now), new QuorumView.Replica(102, 0, -1)));
    reads.controller = 101; // what DescribeCluster names in KRaft: a broker picked at random
    try (AdminCollector c = AdminCollectorTest.collector(reads, Exclusions.NONE)) {
      AdminCollectorTest.Values v = new AdminCollectorTest.Values(0);
      c.scrape(v);
      assertEquals(2.0, v.values.get(key(MetricNames.QUORUM_LEADER)));
      assertEquals(2.0, v.values.get(key(MetricNames.CLUSTER_CONTROLLER)), "in KRaft the active controller is the quorum's leader");
      assertEquals(7.0, v.values.get(key(MetricNames.QUORUM_EPOCH)));
      assertEquals(1000.0, v.values.get(key(MetricNames.QUORUM_HIGH_WATERMARK)));
      assertEquals(3.0, v.values.get(key(MetricNames.QUORUM_VOTERS)));
      assertEquals(0.0, v.values.get(key(MetricNames.QUORUM_VOTER_LAG, "controller", "2")), "ahead of the high watermark read: not behind");
      assertEquals(600.0, v.values.get(key(MetricNames.QUORUM_VOTER_LAG, "controller", "3")));
      assertTrue(v.values.get(key(MetricNames.QUORUM_VOTER_CAUGHT_UP_AGE, "controller", "3")) >= 30_000);
      assertEquals(10.0, v.values.get(key(MetricNames.QUORUM_OBSERVER_LAG, "broker", "101")));
      assertEquals(990.0, v.values.get(key(MetricNames.QUORUM_OBSERVER_LOG_END, "broker", "101")));
      assertTrue(Double.isNaN(v.values.get(key(MetricNames.QUORUM_OBSERVER_CAUGHT_UP_AGE, "broker", "102"))), "never caught up: no age");
      MetricCatalogue catalogue = MetricCatalogue.load();
      for (SeriesKey k : v.values.keySet()) assertTrue(catalogue.get(k.name()) != null, k.name() + " is in the catalogue");
    }
  }

  @Test
  void aClusterWithoutQuorumWritesNoneAndAFailedDescriptionCostsNothingElse() throws Exception {
    FakeAdminReads reads = new FakeAdminReads();
    reads.topic("t", 1);
    try (AdminCollector c = AdminCollectorTest.collector(reads, Exclusions.NONE)) {
      AdminCollectorTest.Values zkMode = new AdminCollectorTest.Values(0);
      c.scrape(zkMode);
      assertEquals(0, zkMode.count(MetricNames.QUORUM_LEADER), "ZooKeeper mode: no quorum series");
      assertEquals(1.0, zkMode.values.get(key(MetricNames.CLUSTER_CONTROLLER)), "ZooKeeper mode: the controller DescribeCluster names");
      reads.quorumFailure = new CollectException("Kafka cluster c: NotControllerException while describing the metadata quorum");
      AdminCollectorTest.Values failed = new AdminCollectorTest.Values(AdminCollectorTest.INTERVAL);
      c.scrape(failed); // does not throw: the quorum is one read of many
      assertEquals(0, failed.count(MetricNames.QUORUM_LEADER));
      assertEquals(1, failed.count(MetricNames.CLUSTER_BROKERS), "the scrape's other reads went on");
      assertEquals(0, failed.count(MetricNames.CLUSTER_CONTROLLER), "no quorum described: no controller rather than a random broker");
    }
  }

  @Test
  void groupsCarryTheirProtocolAndStateAndOtherProtocolsAreOnlyListed() throws Exception {
    FakeAdminReads reads = new FakeAdminReads();
    reads.topic("t", 2);
    reads.group("classic-g", "Stable", 1, "t", 2, 990);
    reads.group("kip848-g", "Reconciling", 2, "t", 2, 980);
    reads.group("share-g", "Stable", 3, "t", 2, 0);
    reads.groupProtocols.put("kip848-g", GroupProtocol.CONSUMER);
    reads.groupProtocols.put("share-g", GroupProtocol.OTHER);
    try (AdminCollector c = AdminCollectorTest.collector(reads, Exclusions.NONE)) {
      AdminCollectorTest.Values v = new AdminCollectorTest.Values(0);
      c.scrape(v);
      assertEquals((double) GroupProtocol.CLASSIC.code, v.values.get(key(MetricNames.GROUP_PROTOCOL, "group", "classic-g")));
      assertEquals((double) GroupProtocol.CONSUMER.code, v.values.get(key(MetricNames.GROUP_PROTOCOL, "group", "kip848-g")));
      assertEquals((double) GroupProtocol.OTHER.code, v.values.get(key(MetricNames.GROUP_PROTOCOL, "group", "share-g")));
      assertEquals((double) GroupState.STABLE.code, v.values.get(key(MetricNames.GROUP_STATE, "group", "classic-g")));
      assertEquals((double) GroupState.RECONCILING.code, v.values.get(key(MetricNames.GROUP_STATE, "group", "kip848-g")));
      assertEquals(40.0, v.values.get(key(MetricNames.GROUP_TOTAL_LAG, "group", "kip848-g")), "a consumer-protocol group's lag as any other's: 2 x 20");
      assertFalse(v.values.containsKey(key(MetricNames.GROUP_TOTAL_LAG, "group", "share-g")), "a share group has no offsets to read");
      assertFalse(reads.asked("listConsumerGroupOffsets").contains("share-g"), "share-g's offsets never asked");
      assertFalse(reads.asked("describeConsumerGroups").contains("share-g"), "nor its members");
    }
  }

  @Test
  void protocolsAndStatesRoundTripTheirCodes() {
    for (GroupProtocol p : GroupProtocol.values()) assertEquals(p, GroupProtocol.ofCode(p.code));
    for (GroupState s : GroupState.values()) assertEquals(s, GroupState.ofCode(s.code));
    assertEquals(GroupProtocol.CLASSIC, GroupProtocol.ofType(null), "a broker before ListGroups v5 has only classic groups");
    assertEquals(GroupProtocol.OTHER, GroupProtocol.ofType("unknown"));
    assertEquals(GroupState.ASSIGNING, GroupState.ofLabel("Assigning"));
    assertEquals(GroupState.UNKNOWN, GroupState.ofLabel("NotReady"), "a streams group's state this list lacks");
  }
}
