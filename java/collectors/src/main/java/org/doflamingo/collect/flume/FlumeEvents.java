package org.doflamingo.collect.flume;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.collect.events.EventKinds;
import org.doflamingo.collect.events.EventRecorder;
import org.doflamingo.collect.events.RuleCrossing;
import org.doflamingo.engine.Event;

/**
 * One Flume agent's transitions, from each reading of its {@code /metrics}: a channel's fill
 * crossing its catalogue rule ({@code flume.channel.ChannelFillPercentage}: amber above 50, red
 * above 90), entered at once and left only {@value #FILL_MARGIN} points below the threshold; a
 * sink's connection failures starting (its {@code ConnectionFailedCount} moved) and stopping (it
 * has not moved for {@code quietMs}: a failing sink retries every few seconds, Flume's sink runner
 * backs off up to 5 s). First readings are baselines; a counter that went down (the agent
 * restarted) is a new baseline. Memory: one entry per channel and per sink. Thread-safe.
 */
final class FlumeEvents {
  /** Percentage points below a fill threshold a channel must come to leave its state. */
  static final double FILL_MARGIN = 5;
  static final String FILL = "flume.channel.ChannelFillPercentage";
  static final String CONNECTION_FAILED = "flume.sink.ConnectionFailedCount";

  private static final class Sink {
    double failures;
    long movedMs;
    boolean failing;
  }

  private final String agent;
  private final EventRecorder recorder;
  private final long quietMs;
  private final RuleCrossing fill;
  private final Map<String, Sink> sinks = new HashMap<>();

  FlumeEvents(String agent, MetricCatalogue catalogue, EventRecorder recorder, long quietMs) {
    this.agent = agent;
    this.recorder = recorder;
    this.quietMs = quietMs;
    MetricSpec spec = catalogue.get(FILL);
    this.fill = spec == null ? null : new RuleCrossing(spec, FILL_MARGIN);
  }

  void read(List<FlumeCollector.Value> values, long timeMs) {
    Set<String> seenSinks = new HashSet<>();
    for (FlumeCollector.Value v : values) {
      if (fill != null && v.name.equals(FILL)) {
        RuleCrossing.Change c = fill.read(v.component, v.value);
        if (c != null) {
          recorder.record(at(timeMs, EventKinds.CHANNEL_FILL, RuleCrossing.severity(c.after), v.component).change(c.before.name(),
              c.after.name()).message(String.format(Locale.ROOT, "fill %.1f %% (%s)", v.value, fill.rule(c.after))).build());
        }
      } else if (v.name.equals(CONNECTION_FAILED)) {
        seenSinks.add(v.component);
        sink(v.component, v.value, timeMs);
      }
    }
    synchronized (sinks) {
      sinks.keySet().retainAll(seenSinks);
    }
  }

  private void sink(String component, double failures, long timeMs) {
    Event e = null;
    synchronized (sinks) {
      Sink s = sinks.get(component);
      if (s == null || failures < s.failures) {
        Sink fresh = new Sink();
        fresh.failures = failures;
        fresh.movedMs = timeMs;
        sinks.put(component, fresh);
        return;
      }
      if (failures > s.failures) {
        double more = failures - s.failures;
        s.failures = failures;
        s.movedMs = timeMs;
        if (!s.failing) {
          s.failing = true;
          e = at(timeMs, EventKinds.SINK_FAILING, Event.Severity.WARNING, component).change("connected", "failing")
              .message(String.format(Locale.ROOT, "%.0f connection failures since the last reading", more)).build();
        }
      } else if (s.failing && timeMs - s.movedMs >= quietMs) {
        s.failing = false;
        e = at(timeMs, EventKinds.SINK_RECOVERED, Event.Severity.INFO, component).change("failing", "connected")
            .message("no connection failure for " + (timeMs - s.movedMs) / 1000 + " s").build();
      }
    }
    if (e != null) recorder.record(e);
  }

  private Event.Builder at(long timeMs, String kind, Event.Severity severity, String component) {
    return Event.at(timeMs, EventKinds.FLUME, kind, severity).label("agent", agent).label("component", component);
  }
}
