package org.doflamingo.collect.flume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.events.EventKinds;
import org.doflamingo.engine.Event;
import org.junit.jupiter.api.Test;

class FlumeEventsTest {
  private final MetricCatalogue catalogue = MetricCatalogue.load();
  private final List<Event> events = new ArrayList<>();
  private final FlumeEvents flume = new FlumeEvents("edge", catalogue, events::add, 15_000);

  private void read(long t, double fill, long failures) throws Exception {
    String body = "{\"CHANNEL.mem\": {\"Type\": \"CHANNEL\", \"ChannelFillPercentage\": \"" + fill + "\"},"
        + " \"SINK.avro\": {\"Type\": \"SINK\", \"ConnectionFailedCount\": \"" + failures + "\"}}";
    flume.read(FlumeCollector.parse("t", body, catalogue).values, t);
  }

  @Test
  void channelFillCrossingItsRuleInAndOutWithHysteresis() throws Exception {
    read(0, 10, 0);
    read(2000, 55, 0);
    read(4000, 48, 0); // below 50 but not 5 points below: still amber
    read(6000, 93, 0);
    read(8000, 84, 0); // 5 points below red: amber
    read(10000, 40, 0);
    assertEquals(4, events.size(), events.toString());
    Event amber = events.get(0);
    assertEquals("flume", amber.area);
    assertEquals(EventKinds.CHANNEL_FILL, amber.kind);
    assertEquals("edge", amber.label("agent"));
    assertEquals("mem", amber.label("component"));
    assertEquals("GREEN", amber.before);
    assertEquals("AMBER", amber.after);
    assertEquals(Event.Severity.WARNING, amber.severity);
    assertEquals("fill 55.0 % (amber: > 50)", amber.message);
    assertEquals("RED", events.get(1).after);
    assertEquals(Event.Severity.CRITICAL, events.get(1).severity);
    assertEquals("AMBER", events.get(2).after);
    assertEquals(8000, events.get(2).timeMs);
    assertEquals("GREEN", events.get(3).after);
  }

  @Test
  void sinkFailuresStartWhenTheCounterMovesAndStopAfterItsQuiet() throws Exception {
    read(0, 0, 3); // failures before the first reading: the baseline
    read(2000, 0, 3);
    assertEquals(0, events.size());
    read(4000, 0, 4);
    read(6000, 0, 4);
    read(9000, 0, 5);
    read(20000, 0, 5);
    assertEquals(1, events.size(), "failing until quiet for 15 s: " + events);
    read(24000, 0, 5);
    assertEquals(2, events.size(), events.toString());
    Event failing = events.get(0);
    assertEquals(EventKinds.SINK_FAILING, failing.kind);
    assertEquals("avro", failing.label("component"));
    assertEquals(4000, failing.timeMs);
    assertEquals("connected", failing.before);
    assertEquals("failing", failing.after);
    Event recovered = events.get(1);
    assertEquals(EventKinds.SINK_RECOVERED, recovered.kind);
    assertEquals("no connection failure for 15 s", recovered.message);
    read(26000, 0, 1); // the agent restarted: its counter too, a new baseline
    read(28000, 0, 1);
    assertEquals(2, events.size());
  }
}
