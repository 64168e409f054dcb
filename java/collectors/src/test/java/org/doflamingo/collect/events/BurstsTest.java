package org.doflamingo.collect.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.doflamingo.engine.Event;
import org.junit.jupiter.api.Test;

class BurstsTest {
  private static Event leader(long t, int partition, String before, String after, Event.Severity s) {
    return Event.at(t, "kafka", "partition.leader", s).label("cluster", "c").label("topic", "orders")
        .label("partition", String.valueOf(partition)).change(before, after).build();
  }

  @Test
  void upToTenOfAKindAreRecordedEachAsItself() {
    Bursts b = new Bursts();
    for (int p = 0; p < Bursts.ONE_BY_ONE; p++) b.add(leader(5, p, "1", "2", Event.Severity.INFO), "orders-" + p, "partitions");
    List<Event> out = new ArrayList<>();
    b.recordTo(out::add);
    assertEquals(Bursts.ONE_BY_ONE, out.size());
    for (Event e : out) assertEquals(1, e.count);
    assertEquals("3", out.get(3).label("partition"));
    assertEquals(0, b.size(), "started over");
  }

  @Test
  void moreBecomeOneEventWithTheCountWhatAllShareAndTheFirstMembers() {
    Bursts b = new Bursts();
    for (int p = 0; p < 2000; p++) {
      b.add(leader(100 + p % 3, p, String.valueOf(p % 2), "3", p == 1500 ? Event.Severity.WARNING : Event.Severity.INFO),
          "orders-" + p, "partitions");
    }
    b.add(Event.at(100, "kafka", "broker.left", Event.Severity.CRITICAL).label("cluster", "c").label("broker", "2").build(), "broker 2",
        "brokers");
    List<Event> out = new ArrayList<>();
    b.recordTo(out::add);
    assertEquals(2, out.size(), out.toString());
    Event burst = out.get(0);
    assertEquals("partition.leader", burst.kind);
    assertEquals(2000, burst.count);
    assertEquals(Bursts.MAX_MEMBERS, burst.members.size());
    assertEquals("orders-0", burst.members.get(0));
    assertEquals("c", burst.label("cluster"));
    assertEquals("orders", burst.label("topic"));
    assertNull(burst.label("partition"), "partitions differ: not a label of the summary");
    assertNull(burst.before, "the leaders before differ");
    assertEquals("3", burst.after, "all moved to broker 3");
    assertEquals(Event.Severity.WARNING, burst.severity, "the worst of them");
    assertEquals(100, burst.timeMs, "the earliest");
    assertTrue(burst.message.contains("2000 partitions") && burst.message.contains("first 100"), burst.message);
    assertEquals("broker.left", out.get(1).kind, "another kind stays its own");
    assertEquals(1, out.get(1).count);
  }
}
