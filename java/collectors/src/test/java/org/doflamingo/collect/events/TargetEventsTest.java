package org.doflamingo.collect.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.doflamingo.collect.CollectorFactory;
import org.doflamingo.engine.Event;
import org.junit.jupiter.api.Test;

class TargetEventsTest {
  private final List<Event> events = new ArrayList<>();
  private final TargetEvents up = new TargetEvents(events::add);
  private final CollectorFactory.Target broker = new CollectorFactory.Target("kafka-broker", "prod", "2", "JMX k2:9999", null);

  @Test
  void upAtFirstSightIsTheBaselineAndEachChangeIsOneEvent() {
    up.outcome(7, broker, "JMX k2:9999", 1000, null);
    up.outcome(7, broker, "JMX k2:9999", 3000, null);
    assertEquals(0, events.size());
    up.outcome(7, broker, "JMX k2:9999", 5000, "k2:9999: connection refused");
    up.outcome(7, broker, "JMX k2:9999", 9000, "k2:9999: connection refused");
    up.outcome(7, broker, "JMX k2:9999", 17000, null);
    assertEquals(2, events.size(), events.toString());
    Event down = events.get(0);
    assertEquals("kafka", down.area);
    assertEquals(EventKinds.TARGET_DOWN, down.kind);
    assertEquals(Event.Severity.CRITICAL, down.severity);
    assertEquals(5000, down.timeMs);
    assertEquals("prod", down.label("cluster"));
    assertEquals("2", down.label("broker"));
    assertEquals("JMX k2:9999", down.label("target"));
    assertEquals("UP", down.before);
    assertEquals("DOWN", down.after);
    assertEquals("k2:9999: connection refused", down.message);
    Event back = events.get(1);
    assertEquals(EventKinds.TARGET_UP, back.kind);
    assertEquals(17000, back.timeMs);
    assertNull(back.message);
  }

  @Test
  void aTargetDownFromTheStartIsSaidOnce() {
    CollectorFactory.Target zk = new CollectorFactory.Target("zookeeper", "ens", "z1:2181", "mntr z1:2181", null);
    up.outcome(1, zk, "zookeeper ens server z1:2181", 1000, "z1:2181: refused");
    up.outcome(1, zk, "zookeeper ens server z1:2181", 3000, "z1:2181: refused");
    assertEquals(1, events.size());
    assertEquals("zookeeper", events.get(0).area);
    assertNull(events.get(0).before);
    assertEquals("z1:2181", events.get(0).label("server"));
    assertEquals("ens", events.get(0).label("ensemble"));
  }
}
