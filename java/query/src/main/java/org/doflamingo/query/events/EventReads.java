package org.doflamingo.query.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.Event;
import org.doflamingo.engine.EventPage;
import org.doflamingo.engine.EventQuery;
import org.doflamingo.query.Area;
import org.doflamingo.query.Page;

/**
 * The event log as the pages read it: one area's events of a time range, newest first, filtered by
 * kinds, least severity and entity labels, paged; one engine call per read (the filters and the
 * paging are the engine's, over its time index). Doflamingo's own events (its start and stop,
 * area {@code doflamingo}) come with every area's and pass every entity filter: they explain a gap
 * in any chart of any cluster. Every argument is checked with a message naming it
 * ({@link IllegalArgumentException}: a 400 over REST).
 */
public final class EventReads {
  /** The area of Doflamingo's own events. */
  public static final String OWN_AREA = "doflamingo";
  /** The range when none is given: the last day. */
  public static final long DEFAULT_RANGE_MS = 86_400_000L;

  /**
   * The entity labels a request may filter on by name ({@code ?broker=2&topic=orders}), besides
   * {@code label=key=value}: the labels events carry (Event's javadoc).
   */
  public static final List<String> ENTITY_LABELS = Collections.unmodifiableList(Arrays.asList("cluster", "broker",
      "controller", "client", "topic", "partition", "group", "ensemble", "server", "agent", "component"));

  private final Engine engine;

  public EventReads(Engine engine) {
    this.engine = engine;
  }

  /**
   * Events of {@code area} (null: every area) in [from, to] (epoch ms, inclusive; null to: now;
   * null from: a day before to). {@code kinds} empty: any kind. {@code severity} null: any.
   */
  public Page<EventRow> events(Area area, Long from, Long to, List<String> kinds, String severity,
      Map<String, String> labels, int start, int limit) {
    Page.check(start, limit);
    long toMs = to == null ? System.currentTimeMillis() : to;
    long fromMs = from == null ? toMs - DEFAULT_RANGE_MS : from;
    if (fromMs < 0) throw new IllegalArgumentException("from: expected epoch milliseconds, got " + fromMs);
    if (toMs < fromMs) throw new IllegalArgumentException("to: must not be before from (" + fromMs + "), got " + toMs);
    EventQuery q = EventQuery.range(fromMs, toMs).page(start, limit);
    if (area != null) q.areas(Arrays.asList(area.name().toLowerCase(java.util.Locale.ROOT), OWN_AREA));
    q.labelFree(OWN_AREA);
    for (String k : kinds) {
      if (k.trim().isEmpty()) throw new IllegalArgumentException("kinds: an empty kind in the list");
    }
    q.kinds(kinds);
    if (severity != null) q.minSeverity(severity(severity));
    if (labels != null) q.labels(labels);
    EventPage page = engine.events(q);
    List<EventRow> rows = new ArrayList<>(page.events.size());
    for (Event e : page.events) rows.add(EventRow.of(e));
    return Page.slice(rows, (int) Math.min(Integer.MAX_VALUE, page.total), start, limit);
  }

  static Event.Severity severity(String text) {
    try {
      return Event.Severity.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("severity: expected one of " + Arrays.toString(Event.Severity.values())
          + " (the least shown), got \"" + text + "\"");
    }
  }

  /** A comma-separated list (as a query parameter gives it, possibly repeated) as its items. */
  public static List<String> list(List<String> params) {
    if (params == null) return Collections.emptyList();
    List<String> out = new ArrayList<>();
    for (String p : params) {
      for (String item : p.split(",")) {
        if (!item.trim().isEmpty()) out.add(item.trim());
      }
    }
    return out;
  }
}
