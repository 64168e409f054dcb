package org.doflamingo.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.events.EventKinds;
import org.doflamingo.engine.Event;
import org.junit.jupiter.api.Test;

class ProbeEventsTest {
  @Test
  void availabilityFallingBelowItsRuleAndRecoveringPerDirection() {
    List<Event> events = new ArrayList<>();
    ProbeEvents probe = new ProbeEvents("prod", MetricCatalogue.load(), events::add);
    probe.read(1, 1, 0);
    probe.read(0.95, 1, 2000);
    probe.read(0.5, 0.993, 4000);
    probe.read(0.992, 0.998, 6000); // above 0.99 but within the margin: still amber
    probe.read(1, 1, 8000);
    assertEquals(4, events.size(), events.toString());
    Event amber = events.get(0);
    assertEquals("kafka", amber.area);
    assertEquals(EventKinds.PROBE_AVAILABILITY, amber.kind);
    assertEquals("prod", amber.label("cluster"));
    assertEquals("produce", amber.label("direction"));
    assertEquals("GREEN", amber.before);
    assertEquals("AMBER", amber.after);
    assertEquals(2000, amber.timeMs);
    assertEquals("produce availability 0.9500 (amber: < 0.99)", amber.message);
    assertEquals("RED", events.get(1).after);
    assertEquals(Event.Severity.CRITICAL, events.get(1).severity);
    assertEquals("AMBER", events.get(2).after, "red left past 0.9 + margin, to amber");
    assertEquals(6000, events.get(2).timeMs);
    assertEquals("GREEN", events.get(3).after);
    assertEquals(8000, events.get(3).timeMs);
  }
}
