package org.doflamingo.collect.events;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.doflamingo.collect.catalogue.Condition;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.engine.Event;

/**
 * A value's state under its catalogue rule (GREEN/AMBER/RED), per entity, with hysteresis: a
 * worse state is entered as soon as its condition holds; a state is left only once the value is
 * {@code margin} past the threshold on the good side, so a channel hovering at 90 % is one
 * crossing, not one every scrape. The first judged value is the baseline; NaN (no value) changes
 * nothing. Memory: one map entry per entity (about 80 bytes plus its key). Thread-safe.
 */
public final class RuleCrossing {
  /** A change of state: from, to. */
  public static final class Change {
    public final Health before;
    public final Health after;

    Change(Health before, Health after) {
      this.before = before;
      this.after = after;
    }
  }

  private final MetricSpec spec;
  private final double margin;
  private final Map<String, Health> states = new HashMap<>();

  /** @param margin how far past a threshold, on the good side, a value must come to leave its state */
  public RuleCrossing(MetricSpec spec, double margin) {
    if (spec.amber == null && spec.red == null) throw new IllegalArgumentException(spec.name + " has no health rule");
    this.spec = spec;
    this.margin = margin;
  }

  public MetricSpec spec() {
    return spec;
  }

  /** Judges {@code value} for {@code entity}; the change, or null when the state stays (or is first seen). */
  public Change read(String entity, double value) {
    if (Double.isNaN(value)) return null;
    Health judged = spec.health(value);
    synchronized (states) {
      Health was = states.get(entity);
      Health now;
      if (was == null || judged.rank() > was.rank()) {
        now = judged;
      } else {
        Health sticky = stickyHealth(value);
        now = sticky.rank() < was.rank() ? sticky : was;
      }
      states.put(entity, now);
      return was == null || was == now ? null : new Change(was, now);
    }
  }

  /** Forgets an entity (a component gone). */
  public void forget(String entity) {
    synchronized (states) {
      states.remove(entity);
    }
  }

  /** The state with every threshold moved {@code margin} towards the good side. */
  private Health stickyHealth(double v) {
    if (spec.red != null && holdsWithin(spec.red, v)) return Health.RED;
    if (spec.amber != null && holdsWithin(spec.amber, v)) return Health.AMBER;
    return Health.GREEN;
  }

  private boolean holdsWithin(Condition c, double v) {
    switch (c.operator()) {
      case ">":
      case ">=": return c.holds(v + margin);
      case "<":
      case "<=": return c.holds(v - margin);
      default: return c.holds(v);
    }
  }

  /** The rule of {@code state} as a phrase, e.g. "red: > 90" (for an event's message). */
  public String rule(Health state) {
    Condition c = state == Health.RED ? spec.red : state == Health.AMBER ? spec.amber : null;
    if (c == null) {
      Condition worst = spec.amber != null ? spec.amber : spec.red;
      return "green: not " + worst;
    }
    return state.name().toLowerCase(Locale.ROOT) + ": " + c;
  }

  /** How bad entering {@code h} is: red critical, amber a warning, green news. */
  public static Event.Severity severity(Health h) {
    switch (h) {
      case RED: return Event.Severity.CRITICAL;
      case AMBER: return Event.Severity.WARNING;
      default: return Event.Severity.INFO;
    }
  }
}
