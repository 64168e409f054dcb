package org.doflamingo.collect.events;

import java.util.HashMap;
import java.util.Map;
import org.doflamingo.collect.TargetDescription;
import org.doflamingo.engine.Event;

/**
 * Target UP/DOWN from each scrape's outcome: a target whose scrape fails after one that succeeded
 * is {@code target.down} with the error, one that succeeds after failures is {@code target.up}.
 * The first outcome is the baseline, but a target that is down from the start is said once (the
 * operator should hear of it; it is one event per target, never a flood). Labels: the target's
 * entity as its series carry it ({@code cluster} and {@code broker}, {@code ensemble} and
 * {@code server}, {@code agent} ...) plus {@code target}, the label of its
 * {@code doflamingo.target.up} series. Memory: one entry per target. Thread-safe.
 */
public final class TargetEvents {
  private final EventRecorder recorder;
  private final Map<Integer, Boolean> up = new HashMap<>();

  public TargetEvents(EventRecorder recorder) {
    this.recorder = recorder;
  }

  /**
   * One scrape's outcome.
   *
   * @param name the target's name (its up series' {@code target} label)
   * @param error null when the scrape succeeded
   */
  public void outcome(int targetId, TargetDescription target, String name, long timeMs, String error) {
    boolean nowUp = error == null;
    Boolean was;
    synchronized (up) {
      was = up.put(targetId, nowUp);
    }
    if (was != null && was == nowUp) return;
    if (was == null && nowUp) return; // the baseline
    Event.Builder e = Event.at(timeMs, area(target.system), nowUp ? EventKinds.TARGET_UP : EventKinds.TARGET_DOWN,
        nowUp ? Event.Severity.INFO : Event.Severity.CRITICAL);
    labels(e, target).label("target", name).change(was == null ? null : was ? "UP" : "DOWN", nowUp ? "UP" : "DOWN");
    if (!nowUp) e.message(error);
    recorder.record(e.build());
  }

  /** The area whose pages show a target of this catalogue system. */
  public static String area(String system) {
    if (system.startsWith("kafka")) return EventKinds.KAFKA;
    if (system.equals("zookeeper")) return EventKinds.ZOOKEEPER;
    if (system.equals("flume")) return EventKinds.FLUME;
    return EventKinds.DOFLAMINGO;
  }

  /** The entity labels of a target, as its series carry them (see Monitor). */
  static Event.Builder labels(Event.Builder e, TargetDescription t) {
    switch (t.system) {
      case "kafka-broker": return e.label("cluster", t.group).label("broker", t.member);
      case "kafka-controller": return e.label("cluster", t.group).label("controller", t.member);
      case "kafka-consumer": return e.label("cluster", t.group).label("client", t.member);
      case "kafka-cluster":
      case "kafka-probe": return e.label("cluster", t.group);
      case "zookeeper": return e.label("ensemble", t.group).label("server", t.member);
      case "flume": return e.label("agent", t.group);
      default: return e;
    }
  }
}
