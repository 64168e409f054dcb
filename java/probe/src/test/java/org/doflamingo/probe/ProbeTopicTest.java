package org.doflamingo.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The topic manager's plans, without a cluster: placement, growth, drift. */
class ProbeTopicTest {
  @Test
  void everyBrokerLeadsAPartitionOfANewTopic() {
    List<Integer> live = Arrays.asList(1, 2, 3);
    Map<Integer, List<Integer>> a = ProbeTopic.initialAssignment(live, 6, 3);
    assertEquals(6, a.size());
    assertEquals(Arrays.asList(1, 2, 3), a.get(0));
    assertEquals(Arrays.asList(2, 3, 1), a.get(1));
    assertEquals(Arrays.asList(3, 1, 2), a.get(2));
    assertEquals(Arrays.asList(1, 2, 3), a.get(3));
    Map<Integer, Integer> leads = new HashMap<>();
    for (List<Integer> r : a.values()) leads.merge(r.get(0), 1, Integer::sum);
    assertEquals(2, (int) leads.get(1));
    assertEquals(2, (int) leads.get(2));
    assertEquals(2, (int) leads.get(3));
    assertEquals(Arrays.asList(7), ProbeTopic.initialAssignment(Arrays.asList(7), 1, 1).get(0));
  }

  @Test
  void growsForAddedBrokersLedByThem() {
    List<ProbeTopic.Placement> existing = placements(ProbeTopic.initialAssignment(Arrays.asList(1, 2, 3), 3, 3));
    assertTrue(ProbeTopic.growth(Arrays.asList(1, 2, 3), existing, 1).isEmpty(), "fit as it is");
    assertTrue(ProbeTopic.growth(Arrays.asList(1, 3), existing, 1).isEmpty(), "a broker down is no reason to grow");
    List<List<Integer>> add = ProbeTopic.growth(Arrays.asList(1, 2, 3, 4, 5), existing, 1);
    assertEquals(2, add.size());
    assertEquals(4, (int) add.get(0).get(0), "the new broker leads the new partition");
    assertEquals(5, (int) add.get(1).get(0));
    assertEquals(3, add.get(0).size(), "with the topic's replication factor");
    assertEquals(3, new HashSet<>(add.get(0)).size(), "distinct replicas");
    // more partitions per broker: grown to the ratio, the spare ones round-robin
    List<List<Integer>> ratio = ProbeTopic.growth(Arrays.asList(1, 2, 3), existing, 2);
    assertEquals(3, ratio.size());
    // a broker that leads nothing although the count is fine (it joined a topic made bigger before)
    List<ProbeTopic.Placement> big = placements(ProbeTopic.initialAssignment(Arrays.asList(1, 2), 6, 2));
    List<List<Integer>> joined = ProbeTopic.growth(Arrays.asList(1, 2, 3), big, 1);
    assertEquals(1, joined.size());
    assertEquals(3, (int) joined.get(0).get(0));
  }

  @Test
  void driftedPartitionsAreThoseWhosePreferredLeaderIsBackInSync() {
    Map<Integer, ProbeTopic.Placement> p = new HashMap<>();
    p.put(0, new ProbeTopic.Placement(0, Arrays.asList(1, 2, 3), 1, Arrays.asList(1, 2, 3)));
    p.put(1, new ProbeTopic.Placement(1, Arrays.asList(2, 3, 1), 3, Arrays.asList(1, 2, 3))); // 2 is back and in sync
    p.put(2, new ProbeTopic.Placement(2, Arrays.asList(3, 1, 2), 1, Arrays.asList(1, 2))); // 3 not in sync yet
    p.put(3, new ProbeTopic.Placement(3, Arrays.asList(4, 1, 2), 1, Arrays.asList(1, 2, 4))); // 4 not live
    Set<Integer> drifted = ProbeTopic.drifted(new ProbeTopic.Layout(Arrays.asList(1, 2, 3), p));
    assertEquals(Collections.singleton(1), drifted);
  }

  private static List<ProbeTopic.Placement> placements(Map<Integer, List<Integer>> assignment) {
    List<ProbeTopic.Placement> out = new ArrayList<>();
    for (Map.Entry<Integer, List<Integer>> e : assignment.entrySet()) {
      out.add(new ProbeTopic.Placement(e.getKey(), e.getValue(), e.getValue().get(0), e.getValue()));
    }
    return out;
  }
}
