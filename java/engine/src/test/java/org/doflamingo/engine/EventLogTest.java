package org.doflamingo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event log through the Java handle: batches in, pages out, every field intact, errors as exceptions. */
class EventLogTest {
  private static final long NOW = System.currentTimeMillis();

  private static Event.Builder event(long timeMs, String kind, Event.Severity severity) {
    return Event.at(timeMs, "kafka", kind, severity).label("cluster", "prod");
  }

  @Test
  void aBatchComesBackNewestFirstWithEveryField() throws Exception {
    Path dir = TestDirs.fresh("events-roundtrip");
    String hostile = "<img src=x onerror=alert(1)> \u0000 \uD83D\uDE80 \uD55C\uAE00";
    Event full = event(NOW - 5000, "partition.leader", Event.Severity.WARNING)
        .label("topic", hostile).label("broker", "2")
        .change("1", "").message("leader moved " + hostile)
        .burst(140, Arrays.asList("orders-3", "orders-7")).build();
    Event bare = event(NOW - 1000, "target.down", Event.Severity.CRITICAL).build();
    try (Engine engine = Engine.open(EngineConfig.at(dir))) {
      engine.appendEvents(Arrays.asList(full, bare));
      EventPage page = engine.events(EventQuery.range(NOW - 60_000, NOW));
      assertEquals(2, page.total);
      assertEquals(2, page.events.size());
      Event b = page.events.get(0);
      assertEquals("target.down", b.kind);
      assertNull(b.before);
      assertNull(b.message);
      assertEquals(1, b.count);
      Event f = page.events.get(1);
      assertEquals(full.toString(), f.toString());
      assertEquals(hostile, f.label("topic"));
      assertEquals("", f.after);
      assertEquals(140, f.count);
      assertEquals(Arrays.asList("orders-3", "orders-7"), f.members);
      assertEquals(Event.Severity.WARNING, f.severity);
      assertEquals(2, engine.stats().events);
    }
    // Durable: a fresh engine on the same directory has them.
    try (Engine engine = Engine.open(EngineConfig.at(dir))) {
      assertEquals(2, engine.events(EventQuery.range(0, NOW)).total);
    }
  }

  @Test
  void filtersAndPagesAreTheEngines() throws Exception {
    Path dir = TestDirs.fresh("events-filters");
    try (Engine engine = Engine.open(EngineConfig.at(dir))) {
      List<Event> batch = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        batch.add(event(NOW - 250_000 + i * 1000L, i % 2 == 0 ? "group.status" : "target.down",
            i % 5 == 0 ? Event.Severity.CRITICAL : Event.Severity.INFO).label("broker", String.valueOf(i % 3)).build());
      }
      Event zk = Event.at(NOW - 100, "zookeeper", "zookeeper.leader", Event.Severity.WARNING).label("ensemble", "zk").build();
      batch.add(zk);
      engine.appendEvents(batch);  // one native call

      assertEquals(251, engine.events(EventQuery.range(0, NOW)).total);
      assertEquals(125, engine.events(EventQuery.range(0, NOW).kinds(Collections.singletonList("group.status"))).total);
      assertEquals(1, engine.events(EventQuery.range(0, NOW).area("zookeeper")).total);
      assertEquals(51, engine.events(EventQuery.range(0, NOW).minSeverity(Event.Severity.WARNING)).total);
      assertEquals(84, engine.events(EventQuery.range(0, NOW).label("broker", "0")).total);
      assertEquals(42, engine.events(EventQuery.range(0, NOW).label("broker", "0")
          .kinds(Collections.singletonList("group.status"))).total);

      EventPage second = engine.events(EventQuery.range(0, NOW).area("kafka").page(100, 50));
      assertEquals(250, second.total);
      assertEquals(50, second.events.size());
      assertEquals(NOW - 250_000 + 149 * 1000L, second.events.get(0).timeMs);
      assertEquals(NOW - 250_000 + 100 * 1000L, second.events.get(49).timeMs);
    }
  }

  @Test
  void badInputIsAnExceptionNamingTheField() throws Exception {
    Path dir = TestDirs.fresh("events-bad");
    try (Engine engine = Engine.open(EngineConfig.at(dir))) {
      Event tooLong = event(NOW, "target.down", Event.Severity.INFO).message(new String(new char[5000]).replace('\0', 'x')).build();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> engine.appendEvents(Arrays.asList(event(NOW, "ok", Event.Severity.INFO).build(), tooLong)));
      assertTrue(e.getMessage().contains("event 1 of the batch") && e.getMessage().contains("message"), e.getMessage());
      assertEquals(0, engine.events(EventQuery.range(0, NOW)).total);

      // fit() cuts it to the limit instead, keeping the event.
      Event fitted = EventLimits.fit(tooLong);
      assertTrue(fitted.message.getBytes(StandardCharsets.UTF_8).length <= EventLimits.MAX_MESSAGE_BYTES);
      assertTrue(fitted.message.endsWith("\u2026"));
      engine.appendEvents(Collections.singletonList(fitted));
      assertEquals(1, engine.events(EventQuery.range(0, NOW)).total);

      IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> engine.events(EventQuery.range(NOW, NOW - 1)));
      assertTrue(range.getMessage().contains("from"), range.getMessage());
      assertThrows(IllegalArgumentException.class, () -> engine.events(EventQuery.range(0, NOW).page(0, EventQuery.MAX_LIMIT + 1)));
    }
    Engine closed = Engine.open(EngineConfig.at(dir));
    closed.close();
    assertThrows(IllegalStateException.class, () -> closed.events(EventQuery.range(0, NOW)));
  }

  @Test
  void fitCutsAtACharacterBoundary() {
    String emoji = new String(new char[2000]).replace("\0", "\uD83D\uDE80");  // 4 bytes each
    String cut = EventLimits.cut(emoji, 1024);
    assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 1024);
    assertEquals(0, (cut.length() - 1) % 2);  // whole surrogate pairs, then the ellipsis
  }
}
