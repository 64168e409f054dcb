package org.doflamingo.collect.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.doflamingo.collect.events.EventKinds;
import org.doflamingo.engine.Event;
import org.junit.jupiter.api.Test;

class RoleEventsTest {
  @Test
  void theFirstRoleIsTheBaselineAndAnElectionIsOneEventPerServerThatChanged() {
    List<Event> events = new ArrayList<>();
    RoleEvents roles = new RoleEvents("ens", "127.0.0.1:2181", events::add);
    roles.read(1, 1000);
    roles.read(1, 3000);
    assertEquals(0, events.size());
    roles.read(2, 5000);
    roles.read(2, 7000);
    roles.read(1, 9000);
    assertEquals(2, events.size(), events.toString());
    Event won = events.get(0);
    assertEquals("zookeeper", won.area);
    assertEquals(EventKinds.SERVER_ROLE, won.kind);
    assertEquals("follower", won.before);
    assertEquals("leader", won.after);
    assertEquals(Event.Severity.WARNING, won.severity);
    assertEquals("ens", won.label("ensemble"));
    assertEquals("127.0.0.1:2181", won.label("server"));
    assertEquals(5000, won.timeMs);
    assertEquals("leader", events.get(1).before);
  }
}
