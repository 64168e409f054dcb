package org.doflamingo.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;

/** The series a scrape gives, against the catalogue: every one listed, with its kind, and nothing listed missing. */
class ProbeCollectorTest {
  @Test
  void seriesMatchTheCatalogueAndCarryTheirLabels() {
    long t = 1_000_000_000L;
    ProbeStats stats = new ProbeStats(60_000, 500, true, t);
    stats.track(Arrays.asList(0, 1, 2), t);
    Map<Integer, ProbeTopic.Placement> placements = new HashMap<>();
    List<Integer> live = Arrays.asList(1, 2, 3);
    Map<Integer, List<Integer>> assignment = ProbeTopic.initialAssignment(live, 3, 3);
    for (Map.Entry<Integer, List<Integer>> e : assignment.entrySet()) {
      placements.put(e.getKey(), new ProbeTopic.Placement(e.getKey(), e.getValue(), e.getValue().get(0), e.getValue()));
    }
    for (int i = 0; i < 10; i++) {
      stats.produced(0, 1, t + 10_000);
      stats.produced(2, 3, t + 10_000);
      stats.produceFailed(1, 2, t + 10_000);
      stats.consumed(0, i, 3, t + 10_000);
    }
    Map<Integer, Integer> leaders = new HashMap<>();
    leaders.put(0, 1);
    leaders.put(1, 1); // broker 2's partition failed over to broker 1
    leaders.put(2, 3);
    Set<Integer> known = new TreeSet<>(live);
    RecordingScrape out = new RecordingScrape(t + 10_000);
    ProbeCollector.emit(out, "prod", new ProbeTopic.Layout(live, placements), stats.snapshot(t + 10_000, live, known), leaders, known);

    MetricCatalogue catalogue = MetricCatalogue.load();
    Set<String> emitted = new HashSet<>();
    for (Map.Entry<SeriesKey, SeriesKind> e : out.kinds.entrySet()) {
      MetricSpec spec = catalogue.get(e.getKey().name());
      assertNotNull(spec, e.getKey() + " is not in the catalogue");
      assertEquals("kafka-probe", spec.system);
      assertEquals(spec.kind, e.getValue().name().toLowerCase(), e.getKey().name());
      assertEquals("prod", e.getKey().label("cluster"));
      emitted.add(e.getKey().name());
    }
    for (MetricSpec s : catalogue.of("kafka-probe")) assertTrue(emitted.contains(s.name), s.name + " is never emitted");

    assertEquals(0.0, out.get("kafka.probe.produce_availability", "partition", "1", "broker", "2"),
        "partition 1 is labelled with its preferred leader, broker 2");
    assertEquals(1.0, out.get("kafka.probe.produce_availability", "partition", "0", "broker", "1"));
    assertEquals(0.0, out.get("kafka.probe.broker_produce_availability", "broker", "2"), "the attribution names broker 2");
    assertEquals(1.0, out.get("kafka.probe.broker_produce_availability", "broker", "3"));
    assertEquals(2.0, out.get("kafka.probe.broker_partitions_led", "broker", "1"));
    assertEquals(0.0, out.get("kafka.probe.broker_partitions_led", "broker", "2"));
    assertEquals(2.0 / 3, out.get("kafka.probe.cluster_produce_availability"), 1e-9);
    assertEquals(3.0, out.get("kafka.probe.latency_p50_ms"));
  }
}
