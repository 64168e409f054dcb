package org.doflamingo.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A transition the monitor saw: when, what kind, how bad, which entity, and what it changed from
 * and to. The entity's labels are those of its series ({@code cluster}, {@code broker},
 * {@code topic}, {@code partition}, {@code group}, {@code ensemble}, {@code server},
 * {@code agent}, {@code component}), so a chart of a series can find its events by label.
 *
 * <p>A burst (2,000 partition leader changes in one scrape) is one event: {@link #count} says how
 * many, {@link #members} names them (capped by the detector, the count is not).
 */
public final class Event {
  /** How bad, ordered: a filter "at least WARNING" keeps WARNING and CRITICAL. */
  public enum Severity { INFO, WARNING, CRITICAL }

  public final long timeMs;
  /** Where it shows: {@code kafka}, {@code zookeeper}, {@code flume} or {@code doflamingo} (the monitor itself). */
  public final String area;
  /** Dotted, lower case, e.g. {@code target.down}, {@code partition.leader}, {@code group.status}. */
  public final String kind;
  public final Severity severity;
  public final SortedMap<String, String> labels;
  /** The state before and after, as text (a status, a leader id, a member count); null where none applies. */
  public final String before;
  public final String after;
  /** One line for a person, e.g. the target's error or the rule that fired; null where before → after says it all. */
  public final String message;
  /** How many entities the event stands for; 1 unless a burst was summarised. */
  public final int count;
  /** The entities a burst summarised ("orders-3", "broker 2"); empty otherwise. */
  public final List<String> members;

  private Event(Builder b) {
    this.timeMs = b.timeMs;
    this.area = Objects.requireNonNull(b.area, "area");
    this.kind = Objects.requireNonNull(b.kind, "kind");
    this.severity = Objects.requireNonNull(b.severity, "severity");
    this.labels = Collections.unmodifiableSortedMap(new TreeMap<>(b.labels));
    this.before = b.before;
    this.after = b.after;
    this.message = b.message;
    this.count = Math.max(1, b.count);
    this.members = Collections.unmodifiableList(new ArrayList<>(b.members));
  }

  public static Builder at(long timeMs, String area, String kind, Severity severity) {
    return new Builder(timeMs, area, kind, severity);
  }

  public String label(String key) {
    return labels.get(key);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder().append(area).append(' ').append(kind).append(' ').append(severity).append(' ').append(labels);
    if (before != null || after != null) s.append(": ").append(before).append(" -> ").append(after);
    if (count > 1) s.append(" (").append(count).append(')');
    if (message != null) s.append(" - ").append(message);
    return s.toString();
  }

  public static final class Builder {
    private final long timeMs;
    private final String area;
    private final String kind;
    private final Severity severity;
    private final SortedMap<String, String> labels = new TreeMap<>();
    private String before;
    private String after;
    private String message;
    private int count = 1;
    private final List<String> members = new ArrayList<>();

    private Builder(long timeMs, String area, String kind, Severity severity) {
      this.timeMs = timeMs;
      this.area = area;
      this.kind = kind;
      this.severity = severity;
    }

    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "label key"), Objects.requireNonNull(value, "label value"));
      return this;
    }

    public Builder labels(Map<String, String> more) {
      for (Map.Entry<String, String> e : more.entrySet()) label(e.getKey(), e.getValue());
      return this;
    }

    public Builder change(String before, String after) {
      this.before = before;
      this.after = after;
      return this;
    }

    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /** A summarised burst: {@code count} entities, of which {@code names} are listed. */
    public Builder burst(int count, List<String> names) {
      this.count = count;
      this.members.addAll(names);
      return this;
    }

    public Event build() {
      return new Event(this);
    }
  }
}
