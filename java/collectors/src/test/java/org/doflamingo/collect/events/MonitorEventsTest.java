package org.doflamingo.collect.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.doflamingo.collect.CollectorFactory;
import org.doflamingo.collect.Monitor;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.Event;
import org.doflamingo.engine.EventPage;
import org.doflamingo.engine.EventQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor's recorder stores every event through the engine, batched, and loses none on close or on a storage error. */
class MonitorEventsTest {
  private static Event event(long t, String kind) {
    return Event.at(t, "kafka", kind, Event.Severity.WARNING).label("cluster", "prod").build();
  }

  @Test
  void eventsWaitForTheTickThenGoInOneBatch(@TempDir Path dir) {
    long now = System.currentTimeMillis();
    try (Engine engine = Engine.open(EngineConfig.at(dir))) {
      MonitorEvents events = new MonitorEvents(engine);
      List<Event> heard = new ArrayList<>();
      events.addListener(heard::add);
      events.record(event(now - 2000, "target.down"));
      events.record(event(now - 1000, "target.up"));
      assertEquals(2, heard.size(), "listeners hear each event at once");
      assertEquals(2, events.pendingCount());
      assertEquals(0, engine.events(EventQuery.range(0, now)).total, "stored at the tick, not before");
      assertEquals(2, events.flush());
      assertEquals(0, events.pendingCount());
      EventPage page = engine.events(EventQuery.range(0, now));
      assertEquals(2, page.total);
      assertEquals("target.up", page.events.get(0).kind);
      assertEquals(0, events.flush(), "nothing twice");
      assertEquals(2, engine.events(EventQuery.range(0, now)).total);
    }
  }

  @Test
  void manyPendingAreStoredWithoutWaitingForTheTick(@TempDir Path dir) {
    long now = System.currentTimeMillis();
    try (Engine engine = Engine.open(EngineConfig.at(dir))) {
      MonitorEvents events = new MonitorEvents(engine);
      for (int i = 0; i < MonitorEvents.FLUSH_AT; i++) events.record(event(now - 100_000 + i, "partition.isr"));
      assertEquals(0, events.pendingCount());
      assertEquals(MonitorEvents.FLUSH_AT, engine.events(EventQuery.range(0, now)).total);
    }
  }

  @Test
  void closeStoresWhatWaitsAndAStorageErrorKeepsThem(@TempDir Path dir) {
    long now = System.currentTimeMillis();
    Engine engine = Engine.open(EngineConfig.at(dir));
    MonitorEvents events = new MonitorEvents(engine);
    events.record(event(now - 3000, "a"));
    events.close();
    engine.close();
    try (Engine again = Engine.open(EngineConfig.at(dir))) {
      assertEquals(1, again.events(EventQuery.range(0, now)).total);
    }

    Engine closing = Engine.open(EngineConfig.at(dir));
    MonitorEvents kept = new MonitorEvents(closing);
    kept.record(event(now - 2000, "b"));
    closing.close();  // the log cannot be written now
    assertEquals(0, kept.flush());
    assertEquals(1, kept.pendingCount(), "kept for the next try");
  }

  @Test
  void overLongTextIsCutNotLost(@TempDir Path dir) {
    long now = System.currentTimeMillis();
    try (Engine engine = Engine.open(EngineConfig.at(dir))) {
      MonitorEvents events = new MonitorEvents(engine);
      char[] longText = new char[10_000];
      Arrays.fill(longText, 'e');
      events.record(Event.at(now, "kafka", "target.down", Event.Severity.CRITICAL).message(new String(longText)).build());
      assertEquals(1, events.flush());
      assertTrue(engine.events(EventQuery.range(0, now)).events.get(0).message.length() < 4100);
    }
  }

  @Test
  void theMonitorRecordsItsOwnStartAndStopAndAnUncleanEnd(@TempDir Path dir) throws Exception {
    MonitorConfig config = MonitorConfig.parse("{\"storage\": {\"path\": \"" + dir + "\"}, \"intervalSeconds\": 2,"
        + " \"flume\": [{\"name\": \"a\", \"host\": \"127.0.0.1\", \"httpPort\": 1}]}");
    long t0 = System.currentTimeMillis();
    try (Monitor m = Monitor.open(config, t0, Collections.<CollectorFactory>emptyList())) {
      EventPage page = m.engine().events(EventQuery.range(0, t0));
      assertEquals(1, page.total, "the start is stored at once");
      assertEquals(Monitor.START, page.events.get(0).kind);
      assertEquals(Event.Severity.INFO, page.events.get(0).severity);
    }
    try (Monitor m = Monitor.open(config, System.currentTimeMillis(), Collections.<CollectorFactory>emptyList())) {
      EventPage page = m.engine().events(EventQuery.range(0, System.currentTimeMillis()).area("doflamingo"));
      assertEquals(3, page.total);
      assertEquals(Monitor.START, page.events.get(0).kind);
      assertEquals("stopped", page.events.get(0).before, "the previous run stopped cleanly");
      assertEquals(Monitor.STOP, page.events.get(1).kind);
      // A start with no stop after it, as a kill -9 leaves the log.
      m.engine().appendEvents(Collections.singletonList(
          Event.at(System.currentTimeMillis(), "doflamingo", Monitor.START, Event.Severity.INFO).build()));
      m.events().close();  // this run's stop is not stored: as if killed
    }
    Thread.sleep(5);
    try (Monitor m = Monitor.open(config, System.currentTimeMillis(), Collections.<CollectorFactory>emptyList())) {
      Event start = m.engine().events(EventQuery.range(0, System.currentTimeMillis()).area("doflamingo")).events.get(0);
      assertEquals(Monitor.START, start.kind);
      assertEquals(Event.Severity.WARNING, start.severity);
      assertEquals("ended without a stop", start.before);
      assertTrue(start.message.contains("killed or crashed"), start.message);
    }
  }
}
