package org.doflamingo.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.collect.events.EventKinds;
import org.doflamingo.collect.kafka.LagStatus;
import org.doflamingo.engine.Event;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tile's colour change is one event with the rule that fired; its first colour is the baseline. */
class HealthEventsTest {
  @TempDir
  Path dir;

  private static final String PROD = "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"127.0.0.1\", \"jmxPort\": 1}]}]";

  @Test
  void theGroupsTileTurningRedIsOneEventWithTheReasonAndBackToGreenAnother() throws Exception {
    try (Monitor m = TestReads.open(TestReads.config(dir, PROD))) {
      long step = m.engine().baseStepMs();
      long t = (System.currentTimeMillis() / step - 3) * step;
      SeriesKey status = SeriesKey.of(MetricNames.GROUP_STATUS, "cluster", "prod", "group", "billing");
      TestReads.write(m, t, SeriesKind.GAUGE, status, LagStatus.OK.code);
      List<Event> events = new ArrayList<>();
      HealthEvents health = new HealthEvents(new Reads(m), events::add);
      assertEquals(0, health.judge(t), "the first judgement is the baseline");
      TestReads.write(m, t + step, SeriesKind.GAUGE, status, LagStatus.STOP.code);
      assertEquals(1, health.judge(t + step));
      assertEquals(0, health.judge(t + step), "no change, no event");
      Event red = events.get(0);
      assertEquals("kafka", red.area);
      assertEquals(EventKinds.HEALTH, red.kind);
      assertEquals(Event.Severity.CRITICAL, red.severity);
      assertEquals("prod", red.label("cluster"));
      assertEquals("groups", red.label("tile"));
      assertEquals("green", red.before);
      assertEquals("red", red.after);
      assertTrue(red.message != null && !red.message.isEmpty(), "the reason: " + red.message);
      TestReads.write(m, t + 2 * step, SeriesKind.GAUGE, status, LagStatus.OK.code);
      assertEquals(1, health.judge(t + 2 * step));
      assertEquals("green", events.get(1).after);
      assertEquals(Event.Severity.INFO, events.get(1).severity);
    }
  }
}
