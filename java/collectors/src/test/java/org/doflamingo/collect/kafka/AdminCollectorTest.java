package org.doflamingo.collect.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.doflamingo.collect.Exclusions;
import org.doflamingo.collect.Scrape;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;

/**
 * The Admin collector's cadences against a cluster in memory ({@link FakeAdminReads}): 3,000
 * partitions and 2,500 groups read in batches spread over their cycles, groups described only
 * when they may have members, empty groups' commits read at their own, slower cadence.
 */
class AdminCollectorTest {
  static final long INTERVAL = 2000;

  /** One scrape's values, at its time. */
  static final class Values implements Scrape {
    final Map<SeriesKey, Double> values = new HashMap<>();
    final long time;

    Values(long time) {
      this.time = time;
    }

    @Override
    public void add(SeriesKey key, SeriesKind kind, double value) {
      values.put(key, value);
    }

    @Override
    public long timeMillis() {
      return time;
    }

    int count(String metric) {
      int n = 0;
      for (SeriesKey k : values.keySet()) if (k.name().equals(metric)) n++;
      return n;
    }
  }

  static FakeAdminReads cluster() {
    FakeAdminReads c = new FakeAdminReads();
    for (int t = 0; t < 10; t++) c.topic("t" + t, 300);
    for (int g = 0; g < 2500; g++) {
      boolean active = g % 5 == 0; // a fifth with members, the rest empty
      c.group(String.format("g%04d", g), active ? "Stable" : "Empty", active ? 2 : 0, "t" + g % 10, 2, 990);
    }
    return c;
  }

  static AdminCollector collector(FakeAdminReads reads, Exclusions exclusions) throws Exception {
    return collector(reads, exclusions, 1500);
  }

  static AdminCollector collector(FakeAdminReads reads, Exclusions exclusions, long timeoutMs) throws Exception {
    String json = "{\"storage\": {\"path\": \"d\"}, \"kafka\": [{\"name\": \"c\", \"brokers\": [{\"host\": \"h\", \"jmxPort\": 1}],"
        + " \"partitionBatchSize\": 500, \"groupBatchSize\": 100}]}";
    return new AdminCollector(MonitorConfig.parse(json).kafka.get(0), reads, INTERVAL, timeoutMs, new LagEvaluator(300_000, 0.8), exclusions,
        new ReplicaAssignments());
  }

  static SeriesKey lag(String group, String topic, int partition) {
    return SeriesKey.of(MetricNames.GROUP_LAG, "cluster", "c", "group", group, "topic", topic, "partition", String.valueOf(partition));
  }

  @Test
  void partitionsAreReadOncePerCycleInBatchesSpreadOverItsScrapes() throws Exception {
    FakeAdminReads reads = cluster();
    try (AdminCollector c = collector(reads, Exclusions.NONE)) {
      Map<String, Integer> logEndWrites = new HashMap<>();
      int maxPerScrape = 0;
      int scrapesWithReads = 0;
      for (int s = 0; s < 30; s++) { // two 30 s cycles of 15 scrapes
        if (s == 15) logEndWrites.clear(); // the second cycle: counts known, batches of 500
        reads.clear();
        Values v = new Values(s * INTERVAL);
        c.scrape(v);
        assertEquals(reads.calls.size(), c.lastScrapeCalls(), "every call counted");
        int partitions = v.count(MetricNames.PARTITION_LOG_END);
        if (s >= 15) {
          maxPerScrape = Math.max(maxPerScrape, partitions);
          if (partitions > 0) scrapesWithReads++;
        }
        for (SeriesKey k : v.values.keySet()) {
          if (k.name().equals(MetricNames.PARTITION_LOG_END)) logEndWrites.merge(k.label("topic") + "/" + k.label("partition"), 1, Integer::sum);
        }
        assertEquals(10, v.count(MetricNames.TOPIC_UNDER_REPLICATED), "topic figures every scrape, from their newest read");
        assertEquals(1.0, v.values.get(SeriesKey.of(MetricNames.CLUSTER_BROKERS, "cluster", "c")), "cluster figures every scrape");
      }
      assertEquals(3000, logEndWrites.size());
      assertTrue(logEndWrites.values().stream().allMatch(n -> n == 1), "each partition once per cycle");
      assertTrue(maxPerScrape <= 600, "a scrape reads about a batch, never the whole: " + maxPerScrape);
      assertTrue(scrapesWithReads >= 5, "spread over the cycle: " + scrapesWithReads + " scrapes");
      for (FakeAdminReads.Call call : reads.of("describeTopics")) assertTrue(call.asked.size() <= 2, "about 500 partitions a call");
    }
  }

  @Test
  void groupsAreSpreadOverTheirCycleAndOnlyActiveOnesDescribed() throws Exception {
    FakeAdminReads reads = cluster();
    try (AdminCollector c = collector(reads, Exclusions.NONE)) {
      Map<String, Integer> lagWrites = new HashMap<>();
      Set<Object> described = new HashSet<>();
      Map<Object, Integer> offsetReads = new HashMap<>();
      int maxGroupsPerScrape = 0;
      for (int s = 0; s < 30; s++) { // six 10 s group cycles of 5 scrapes
        reads.clear();
        Values v = new Values(s * INTERVAL);
        c.scrape(v);
        described.addAll(reads.asked("describeConsumerGroups"));
        for (Object g : reads.asked("listConsumerGroupOffsets")) offsetReads.merge(g, 1, Integer::sum);
        maxGroupsPerScrape = Math.max(maxGroupsPerScrape, v.count(MetricNames.GROUP_MAX_LAG));
        for (SeriesKey k : v.values.keySet()) if (k.name().equals(MetricNames.GROUP_MAX_LAG)) lagWrites.merge(k.label("group"), 1, Integer::sum);
        for (FakeAdminReads.Call call : reads.of("listConsumerGroupOffsets")) assertTrue(call.asked.size() <= 100, "batches of 100");
      }
      assertEquals(2500, lagWrites.size());
      assertTrue(lagWrites.values().stream().allMatch(n -> n == 6), "every group's lag every cycle, empty ones too: " + new HashSet<>(lagWrites.values()));
      assertTrue(maxGroupsPerScrape <= 600, "a fifth of the groups a scrape: " + maxGroupsPerScrape);
      assertEquals(500, described.size(), "only the groups with members are described");
      assertTrue(described.stream().allMatch(g -> "Stable".equals(reads.groupStates.get(g))));
      assertEquals(6, offsetReads.get("g0000"), "an active group's commits every cycle");
      assertEquals(1, offsetReads.get("g0001"), "an empty group's commits once in its 300 s");
      assertEquals(10.0, lastLag(c, reads, "g0001", "t1", 0), "its lag against the fresh log end: 1000 - 990");
    }
  }

  @Test
  void anEmptyGroupWhoseStateChangesIsReadAndDescribedAtOnce() throws Exception {
    FakeAdminReads reads = cluster();
    try (AdminCollector c = collector(reads, Exclusions.NONE)) {
      for (int s = 0; s < 5; s++) c.scrape(new Values(s * INTERVAL));
      reads.groupStates.put("g0001", "Stable");
      reads.members.put("g0001", 3);
      reads.committed.get("g0001").put(new TopicPartition("t1", 0), 995L);
      reads.clear();
      Values all = new Values(0);
      for (int s = 5; s < 10; s++) {
        Values v = new Values(s * INTERVAL);
        c.scrape(v);
        all.values.putAll(v.values);
      }
      assertTrue(reads.asked("describeConsumerGroups").contains("g0001"));
      assertEquals(3.0, all.values.get(SeriesKey.of(MetricNames.GROUP_MEMBERS, "cluster", "c", "group", "g0001")));
      assertEquals(5.0, all.values.get(lag("g0001", "t1", 0)), "the new commit is read: 1000 - 995");
    }
  }

  /** Reads slower than the cadence allows stretch the cycle; no scrape outlives its timeout. */
  @Test
  void aClusterTooBigForItsCadenceStretchesTheCycleInsteadOfFailingScrapes() throws Exception {
    FakeAdminReads reads = cluster();
    reads.committedDelayMs = 150; // 25 batches of 100 groups: 3.75 s of commits for a cycle of 5 scrapes of 600 ms at most
    try (AdminCollector c = collector(reads, Exclusions.NONE, 600)) {
      Map<String, Integer> lagWrites = new HashMap<>();
      int scrapes = 0;
      String late = null;
      while (lagWrites.size() < 2500 && scrapes < 20) {
        Values v = new Values(scrapes++ * INTERVAL);
        long t0 = System.currentTimeMillis();
        c.scrape(v);
        long ms = System.currentTimeMillis() - t0;
        assertTrue(ms < 600, "scrape " + scrapes + " took " + ms + " ms");
        for (SeriesKey k : v.values.keySet()) if (k.name().equals(MetricNames.GROUP_MAX_LAG)) lagWrites.merge(k.label("group"), 1, Integer::sum);
        if (late == null && c.behind() != null) late = c.behind();
      }
      assertEquals(2500, lagWrites.size(), "every group read in " + scrapes + " scrapes");
      assertTrue(scrapes > 5, "the cycle stretched: " + scrapes + " scrapes");
      assertTrue(late != null && late.startsWith("the group cycle is ") && late.contains(" of 25 (planned every "),
          "a cycle run past its time says so (the lists then show its groups as last known): " + late);
      assertEquals(null, c.behind(), "the cycle read: not behind");
      assertTrue(lagWrites.values().stream().allMatch(n -> n == 1), "each group once in the stretched cycle");
    }
  }

  /**
   * Brokers too busy to answer a batch by the scrape's deadline: the scrape still succeeds with the
   * cluster's figures, says what it is behind with, and the batch is read when the answer comes.
   */
  @Test
  void aBatchTheBrokersAnswerLateStretchesTheCycleAndNeverFailsTheScrape() throws Exception {
    FakeAdminReads reads = cluster();
    try (AdminCollector c = collector(reads, Exclusions.NONE)) {
      Map<String, Integer> logEndWrites = new HashMap<>();
      int behind = 0;
      // the second cycle, batches of 500 partitions (the first, counts unknown, reads them in one)
      for (int s = 0; s < 60 && (s <= 15 || logEndWrites.size() < 3000); s++) {
        if (s == 15) {
          logEndWrites.clear();
          reads.slowLogEnds = 6; // the group reads' log ends and the partition batches alike
        }
        Values v = new Values(s * INTERVAL);
        c.scrape(v); // never throws: a late answer is not a failure
        assertEquals(1.0, v.values.get(SeriesKey.of(MetricNames.CLUSTER_BROKERS, "cluster", "c")), "cluster figures every scrape");
        if (c.behind() != null) {
          behind++;
          assertTrue(c.behind().contains("log-end offsets") || c.behind().contains(" cycle is "), c.behind());
        }
        for (SeriesKey k : v.values.keySet()) {
          if (k.name().equals(MetricNames.PARTITION_LOG_END)) logEndWrites.merge(k.label("topic") + "/" + k.label("partition"), 1, Integer::sum);
        }
      }
      assertTrue(behind >= 3, "the slow scrapes said what they were behind with: " + behind);
      assertEquals(3000, logEndWrites.size(), "every partition read once the answers came");
      assertTrue(logEndWrites.values().stream().allMatch(n -> n == 1), "each once in the stretched cycle: " + logEndWrites.values());
      assertEquals(null, c.behind(), "caught up");
    }
  }

  @Test
  void excludedTopicsPartitionsAndGroupsAreNeverAskedFor() throws Exception {
    FakeAdminReads reads = cluster();
    Exclusions ex = new Exclusions() {
      @Override
      public boolean excludesTopic(String cluster, String topic) {
        return topic.equals("t3");
      }

      @Override
      public boolean excludesGroup(String cluster, String group) {
        return group.startsWith("g1");
      }
    };
    try (AdminCollector c = collector(reads, ex)) {
      Set<String> logEndsOf = new HashSet<>();
      for (int s = 0; s < 15; s++) {
        Values v = new Values(s * INTERVAL);
        c.scrape(v);
        for (SeriesKey k : v.values.keySet()) if (k.name().equals(MetricNames.PARTITION_LOG_END)) logEndsOf.add(k.label("topic"));
      }
      // described for its topic-level under-replicated count, but its partitions' log ends are not kept
      assertTrue(reads.asked("describeTopics").contains("t3"));
      assertFalse(logEndsOf.contains("t3"), "log ends of " + logEndsOf);
      assertTrue(logEndsOf.contains("t4"), "log ends of " + logEndsOf);
      assertTrue(reads.asked("listConsumerGroupOffsets").stream().noneMatch(g -> ((String) g).startsWith("g1")));
      assertTrue(reads.asked("listConsumerGroupOffsets").contains("g0000"));
    }
  }

  /** The lag of a group's partition at the next cycle's read of it. */
  private static double lastLag(AdminCollector c, FakeAdminReads reads, String group, String topic, int partition) throws Exception {
    for (int s = 30; s < 35; s++) {
      Values v = new Values(s * INTERVAL);
      c.scrape(v);
      Double lag = v.values.get(lag(group, topic, partition));
      if (lag != null) return lag;
    }
    throw new AssertionError(group + " not read in a cycle");
  }
}
