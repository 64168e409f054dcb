package org.doflamingo.collect.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.doflamingo.collect.Exclusions;
import org.doflamingo.collect.events.Bursts;
import org.doflamingo.collect.events.EventKinds;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.Event;
import org.junit.jupiter.api.Test;

/**
 * What the Admin collector detects, against a cluster in memory ({@link FakeAdminReads}) read
 * whole every scrape (2 s cycles): the first read is the baseline at any size, a broker's death
 * moving 2,000 leaders is one event per kind, a few changes are each their own, and each kind
 * carries its entity's labels and before → after.
 */
class AdminEventsTest {
  private final List<Event> events = new ArrayList<>();
  private long now = 1_000_000;

  private AdminCollector collector(FakeAdminReads reads) throws Exception {
    String json = "{\"storage\": {\"path\": \"d\"}, \"kafka\": [{\"name\": \"c\", \"brokers\": [{\"host\": \"h\", \"jmxPort\": 1}],"
        + " \"partitionIntervalSeconds\": 2, \"groupIntervalSeconds\": 2, \"partitionBatchSize\": 100000, \"groupBatchSize\": 100000}]}";
    return new AdminCollector(MonitorConfig.parse(json).kafka.get(0), reads, AdminCollectorTest.INTERVAL, 60_000,
        new LagEvaluator(20_000, 0.8), Exclusions.NONE, new ReplicaAssignments(), events::add);
  }

  private List<Event> scrape(AdminCollector c) throws Exception {
    events.clear();
    now += AdminCollectorTest.INTERVAL;
    c.scrape(new AdminCollectorTest.Values(now));
    return new ArrayList<>(events);
  }

  private static List<String> kinds(List<Event> events) {
    return events.stream().map(e -> e.kind).collect(Collectors.toList());
  }

  private static Event only(List<Event> events, String kind) {
    List<Event> of = events.stream().filter(e -> e.kind.equals(kind)).collect(Collectors.toList());
    assertEquals(1, of.size(), kind + " in " + events);
    return of.get(0);
  }

  @Test
  void theFirstReadOfABigClusterIsTheBaselineNotThousandsOfCreations() throws Exception {
    FakeAdminReads reads = new FakeAdminReads();
    for (int t = 0; t < 100; t++) reads.topic("t" + t, 200); // 20,000 partitions
    for (int g = 0; g < 50_000; g++) reads.group("g" + g, g % 2 == 0 ? "Stable" : "Empty", g % 2 == 0 ? 1 : 0, "t" + g % 100, 1, 1000);
    try (AdminCollector c = collector(reads)) {
      assertEquals(Collections.emptyList(), scrape(c), "first sight");
      assertEquals(Collections.emptyList(), scrape(c), "nothing changed");
      assertEquals(20_000, c.partitionsTracked());
    }
  }

  @Test
  void aBrokerDeathMovingTwoThousandLeadersIsOneEventPerKind() throws Exception {
    FakeAdminReads reads = new FakeAdminReads();
    reads.live.addAll(Arrays.asList(2, 3));
    for (int t = 0; t < 10; t++) {
      reads.topic("t" + t, 200);
      for (int p = 0; p < 200; p++) reads.place("t" + t, p, 1, 1, 2, 3);
    }
    try (AdminCollector c = collector(reads)) {
      assertEquals(Collections.emptyList(), scrape(c));
      reads.live.remove(1);
      reads.controller = 2;
      for (int t = 0; t < 10; t++) for (int p = 0; p < 200; p++) reads.place("t" + t, p, 2, 2, 3);
      List<Event> seen = scrape(c);
      assertEquals(Arrays.asList(EventKinds.CONTROLLER_MOVED, EventKinds.BROKER_LEFT, EventKinds.PARTITION_LEADER, EventKinds.ISR_SHRINK,
          EventKinds.UNDER_REPLICATED), kinds(seen));
      Event controller = only(seen, EventKinds.CONTROLLER_MOVED);
      assertEquals("1", controller.before);
      assertEquals("2", controller.after);
      assertEquals("1", only(seen, EventKinds.BROKER_LEFT).label("broker"));
      Event leaders = only(seen, EventKinds.PARTITION_LEADER);
      assertEquals(2000, leaders.count);
      assertEquals(Bursts.MAX_MEMBERS, leaders.members.size());
      for (String m : leaders.members) assertTrue(m.matches("t\\d-\\d+ \\(1 -> 2\\)"), m);
      assertEquals(Bursts.MAX_MEMBERS, new java.util.HashSet<>(leaders.members).size(), "each named once");
      assertEquals(Collections.singletonMap("cluster", "c"), leaders.labels, "only what all share");
      assertEquals("1", leaders.before);
      assertEquals("2", leaders.after);
      assertTrue(leaders.message.startsWith("2000 partitions"), leaders.message);
      Event shrink = only(seen, EventKinds.ISR_SHRINK);
      assertEquals(2000, shrink.count);
      assertEquals("1,2,3", shrink.before);
      assertEquals("2,3", shrink.after);
      Event under = only(seen, EventKinds.UNDER_REPLICATED);
      assertEquals("0", under.before);
      assertEquals("2000", under.after);
      assertEquals(Event.Severity.WARNING, under.severity);
      assertEquals(Collections.emptyList(), scrape(c), "no change, no event");

      reads.live.add(1);
      for (int t = 0; t < 10; t++) for (int p = 0; p < 200; p++) reads.place("t" + t, p, 2, 1, 2, 3);
      seen = scrape(c);
      assertEquals(Arrays.asList(EventKinds.BROKER_JOINED, EventKinds.ISR_EXPAND, EventKinds.UNDER_REPLICATED), kinds(seen));
      assertEquals("0", only(seen, EventKinds.UNDER_REPLICATED).after);
      assertEquals(Event.Severity.INFO, only(seen, EventKinds.UNDER_REPLICATED).severity);
    }
  }

  @Test
  void aFewChangesAreEachTheirOwnEventWithTheirPartitionsLabels() throws Exception {
    FakeAdminReads reads = new FakeAdminReads();
    reads.topic("orders", 12);
    for (int p = 0; p < 12; p++) reads.place("orders", p, 1, 1, 2);
    try (AdminCollector c = collector(reads)) {
      scrape(c);
      reads.place("orders", 3, 2, 1, 2);
      reads.place("orders", 7, -1);
      List<Event> seen = scrape(c);
      Event moved = only(seen, EventKinds.PARTITION_LEADER);
      assertEquals("orders", moved.label("topic"));
      assertEquals("3", moved.label("partition"));
      assertEquals("c", moved.label("cluster"));
      assertEquals(1, moved.count);
      assertEquals(Collections.emptyList(), moved.members);
      Event offline = only(seen, EventKinds.PARTITION_OFFLINE);
      assertEquals("7", offline.label("partition"));
      assertEquals("1", offline.before);
      assertEquals("none", offline.after);
      assertEquals(Event.Severity.CRITICAL, offline.severity);
      assertEquals("none", only(seen, EventKinds.ISR_SHRINK).after);

      reads.place("orders", 7, 2, 2);
      seen = scrape(c);
      Event online = only(seen, EventKinds.PARTITION_ONLINE);
      assertEquals("none", online.before);
      assertEquals("2", online.after);
      assertEquals("2", only(seen, EventKinds.ISR_EXPAND).after);
    }
  }

  @Test
  void topicsAndGroupsCreatedAndDeletedAfterTheFirstListing() throws Exception {
    FakeAdminReads reads = new FakeAdminReads();
    reads.topic("a", 1);
    reads.group("g1", "Stable", 1, "a", 1, 1000);
    try (AdminCollector c = collector(reads)) {
      assertEquals(Collections.emptyList(), scrape(c));
      reads.topic("b", 2);
      reads.group("g2", "Stable", 1, "a", 1, 1000);
      List<Event> seen = scrape(c);
      assertEquals("b", only(seen, EventKinds.TOPIC_CREATED).label("topic"));
      assertEquals("g2", only(seen, EventKinds.GROUP_CREATED).label("group"));
      reads.topics.remove("a");
      reads.groupStates.remove("g1");
      seen = scrape(c);
      assertEquals("a", only(seen, EventKinds.TOPIC_DELETED).label("topic"));
      assertEquals("g1", only(seen, EventKinds.GROUP_DELETED).label("group"));
      assertEquals(2, c.partitionsTracked(), "a's partition forgotten, b's two kept");
    }
  }

  @Test
  void aGroupMissingFromAListingABrokerDidNotAnswerIsNotDeleted() throws Exception {
    FakeAdminReads reads = new FakeAdminReads();
    reads.topic("a", 1);
    reads.group("g1", "Stable", 1, "a", 1, 1000);
    try (AdminCollector c = collector(reads)) {
      assertEquals(Collections.emptyList(), scrape(c));
      // its coordinator died: the other brokers' listings do not name it (seen on the demo: a
      // group.deleted, then group.created ten seconds later, for a group that never went away)
      String state = reads.groupStates.remove("g1");
      reads.partialListing = true;
      assertEquals(Collections.emptyList(), kinds(scrape(c)).stream().filter(k -> k.startsWith("group.")).collect(Collectors.toList()));
      reads.groupStates.put("g1", state);
      reads.partialListing = false;
      assertEquals(Collections.emptyList(), kinds(scrape(c)).stream().filter(k -> k.startsWith("group.")).collect(Collectors.toList()),
          "back in a complete listing: neither deleted nor created");
      reads.groupStates.remove("g1");
      assertEquals("g1", only(scrape(c), EventKinds.GROUP_DELETED).label("group"), "gone from a complete listing: deleted");
    }
  }

  @Test
  void aConsumerStoppingIsARebalanceToNoMembersThenStopOnceTheWindowHasNoCommit() throws Exception {
    FakeAdminReads reads = new FakeAdminReads();
    reads.topic("orders", 1);
    TopicPartition tp = new TopicPartition("orders", 0);
    reads.group("billing", "Stable", 1, "orders", 1, 1000); // caught up: log end 1000
    try (AdminCollector c = collector(reads)) {
      List<Event> all = new ArrayList<>();
      for (int i = 0; i < 12; i++) all.addAll(scrape(c)); // 24 s: a whole 20 s window judged OK
      assertEquals(Collections.emptyList(), all, "OK from the start is the baseline");
      // the consumer goes: the group is Empty, records keep coming, nobody commits
      reads.groupStates.put("billing", "Empty");
      reads.members.put("billing", 0);
      long stopped = now + AdminCollectorTest.INTERVAL;
      List<Event> seen = new ArrayList<>();
      for (int i = 0; i < 15 && seen.stream().noneMatch(e -> e.kind.equals(EventKinds.GROUP_STATUS)); i++) {
        reads.logEnds.put(tp, reads.logEnds.get(tp) + 50);
        seen.addAll(scrape(c));
      }
      Event members = only(seen, EventKinds.GROUP_MEMBERS);
      assertEquals("1", members.before);
      assertEquals("0", members.after);
      assertEquals("state Empty", members.message);
      assertEquals(stopped, members.timeMs, "the first read after the consumer left");
      Event status = only(seen, EventKinds.GROUP_STATUS);
      assertEquals("OK", status.before);
      assertEquals("STOP", status.after);
      assertEquals(Event.Severity.CRITICAL, status.severity);
      assertEquals("billing", status.label("group"));
      assertTrue(status.timeMs > members.timeMs, "the rebalance first, then the verdict");
      assertTrue(status.timeMs - stopped <= 20_000 + 2 * AdminCollectorTest.INTERVAL, "within a window of the stop");
    }
  }

  @Test
  void aNewQuorumLeaderOrEpochIsAnElection() throws Exception {
    FakeAdminReads reads = new FakeAdminReads();
    List<QuorumView.Replica> voters = Arrays.asList(new QuorumView.Replica(1, 10, 0), new QuorumView.Replica(2, 10, 0));
    reads.quorum = new QuorumView(1, 5, 10, voters, Collections.emptyList());
    try (AdminCollector c = collector(reads)) {
      assertEquals(Collections.emptyList(), scrape(c));
      reads.quorum = new QuorumView(2, 6, 10, voters, Collections.emptyList());
      Event e = only(scrape(c), EventKinds.QUORUM_LEADER);
      assertEquals("1", e.before);
      assertEquals("2", e.after);
      assertEquals("epoch 5 -> 6", e.message);
      assertNull(e.label("controller"));
      assertNotNull(e.label("cluster"));
      reads.controller = 7; // KRaft: DescribeCluster names a broker picked for clients, not the quorum's leader
      assertEquals(Collections.emptyList(), scrape(c), "no controller.moved where a quorum is described");
    }
  }
}
