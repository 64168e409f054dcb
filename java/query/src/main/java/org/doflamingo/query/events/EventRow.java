package org.doflamingo.query.events;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.doflamingo.engine.Event;

/**
 * An event as pages receive it, by REST ({@code events}) and by push ({@code /topic/doflamingo/events})
 * alike. {@code id} names it for the page (a list row and its chart marker share it): the same
 * event read twice has the same id.
 */
public final class EventRow {
  public final String id;
  /** Epoch ms. */
  public final long time;
  public final String area;
  public final String kind;
  /** INFO, WARNING or CRITICAL. */
  public final String severity;
  /** The entity, as the labels of its series (cluster, broker, topic, partition, group, ...). */
  public final Map<String, String> labels;
  public final String before;
  public final String after;
  public final String message;
  /** How many entities a summarised burst stands for; 1 otherwise. */
  public final int count;
  /** The entities a burst summarised (capped by its detector; count is not). */
  public final List<String> members;

  private EventRow(Event e) {
    this.time = e.timeMs;
    this.area = e.area;
    this.kind = e.kind;
    this.severity = e.severity.name();
    this.labels = e.labels;
    this.before = e.before;
    this.after = e.after;
    this.message = e.message;
    this.count = e.count;
    this.members = e.members;
    this.id = Long.toString(e.timeMs, 36) + "-"
        + Integer.toHexString(Objects.hash(e.area, e.kind, e.labels, e.before, e.after, e.message, e.count) & 0x7fffffff);
  }

  public static EventRow of(Event e) {
    return new EventRow(e);
  }
}
