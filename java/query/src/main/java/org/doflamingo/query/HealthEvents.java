package org.doflamingo.query;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.events.Bursts;
import org.doflamingo.collect.events.EventKinds;
import org.doflamingo.collect.events.EventRecorder;
import org.doflamingo.engine.Event;

/**
 * Health tile colour changes as events. Health is judged on read ({@link HealthTiles}, with
 * {@link SustainedHealth}'s hysteresis), so nothing in collection sees a tile turn red: the host
 * runs this after its collection beats (the Flamingo module's job, which is also the standalone
 * server's), and each tile whose colour differs from the last judgement is an event {@code health}
 * in its area: labels the tile's group ({@code cluster}, {@code ensemble}, {@code agent}) and its
 * member ({@code broker}, {@code server} ...) or {@code tile} (the consumer groups' tile),
 * before → after the colours, the message the first reason as {@link HealthWords} words it (the
 * rule that fired). A tile's first judgement is its baseline; UNKNOWN (not read yet, a value gone)
 * changes nothing, so a target that stops answering is its own event ({@code target.down}), not a
 * flicker of every tile through grey. Memory: one entry per tile (tens to hundreds: the groups of
 * a cluster are one tile). Thread-safe; one judgement at a time.
 */
public final class HealthEvents {
  private final Reads reads;
  private final EventRecorder recorder;
  private final Map<String, Health> last = new HashMap<>();

  public HealthEvents(Reads reads, EventRecorder recorder) {
    this.reads = reads;
    this.recorder = recorder;
  }

  /** Judges every area's tiles now and records the colour changes; returns how many were recorded (a burst counts one). */
  public synchronized int judge(long nowMs) {
    Bursts changes = new Bursts();
    Set<String> seen = new HashSet<>();
    for (Area area : Area.values()) {
      for (HealthTile t : reads.area(area).health(null)) {
        String key = area + "\u0000" + t.group + "\u0000" + t.kind + "\u0000" + t.name;
        seen.add(key);
        if (t.health == Health.UNKNOWN) continue;
        Health was = last.put(key, t.health);
        if (was == null || was == t.health) continue;
        changes.add(event(area, t, was, nowMs), t.kind + " " + t.name + " (" + colour(was) + " -> " + colour(t.health) + ")", "tiles");
      }
    }
    last.keySet().retainAll(seen);
    int n = changes.size();
    changes.recordTo(recorder);
    return n;
  }

  private static Event event(Area area, HealthTile t, Health was, long nowMs) {
    Event.Builder e = Event.at(nowMs, area.name().toLowerCase(Locale.ROOT), EventKinds.HEALTH, severity(t.health))
        .label(area.groupLabel, t.group).change(colour(was), colour(t.health));
    if (!t.kind.equals(area.groupLabel)) {
      if (area.memberLabels.contains(t.kind)) e.label(t.kind, t.name);
      else e.label("tile", t.kind);
    }
    if (t.health != Health.GREEN && !t.reasons.isEmpty()) e.message(t.reasons.get(0));
    return e.build();
  }

  static String colour(Health h) {
    return h.name().toLowerCase(Locale.ROOT);
  }

  private static Event.Severity severity(Health h) {
    switch (h) {
      case RED: return Event.Severity.CRITICAL;
      case AMBER: return Event.Severity.WARNING;
      default: return Event.Severity.INFO;
    }
  }
}
