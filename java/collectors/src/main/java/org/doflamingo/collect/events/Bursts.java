package org.doflamingo.collect.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.doflamingo.engine.Event;

/**
 * The events one scrape detected, held until the scrape ends and then recorded, a burst of one
 * kind summarised: up to {@link #ONE_BY_ONE} changes of a kind are recorded each as itself; more
 * (2,000 partitions changing leader when a broker dies) become ONE event with the count, the labels
 * and before → after all of them share, and the first {@link #MAX_MEMBERS} members by name. A
 * leader election of 2,000 partitions is one line in the list and one marker on the chart, not a
 * flood that buries the rest; the count is exact, only the list is capped. Not thread-safe: one per
 * scrape.
 */
public final class Bursts {
  /** Up to this many changes of one kind in one scrape are recorded one by one. */
  public static final int ONE_BY_ONE = 10;
  /** The members a summary names; the count says how many there were. */
  public static final int MAX_MEMBERS = 100;

  /** One kind's changes of this scrape: the first few as they are, and what all of them share. */
  private static final class Kind {
    final List<Event> events = new ArrayList<>();
    final List<String> members = new ArrayList<>();
    SortedMap<String, String> common;
    String before;
    String after;
    Event.Severity worst;
    long firstMs;
    String plural;
    int count;

    void add(Event e, String member) {
      if (count == 0) {
        common = new TreeMap<>(e.labels);
        before = e.before;
        after = e.after;
        worst = e.severity;
        firstMs = e.timeMs;
      } else {
        common.entrySet().removeIf(l -> !l.getValue().equals(e.labels.get(l.getKey())));
        if (!Objects.equals(before, e.before)) before = null;
        if (!Objects.equals(after, e.after)) after = null;
        if (e.severity.compareTo(worst) > 0) worst = e.severity;
        firstMs = Math.min(firstMs, e.timeMs);
      }
      count++;
      if (events.size() <= ONE_BY_ONE) events.add(e);
      if (members.size() < MAX_MEMBERS) members.add(member);
    }

    Event summary() {
      Event first = events.get(0);
      return Event.at(firstMs, first.area, first.kind, worst).labels(common).change(before, after)
          .message(count + " " + plural + (count > members.size() ? ", the first " + members.size() + " listed" : ""))
          .burst(count, members).build();
    }
  }

  private final Map<String, Kind> byKind = new LinkedHashMap<>();

  /**
   * Adds one detected change.
   *
   * @param member how a summary names this entity ("orders-3", "broker 2"), with its change where it differs
   * @param plural what a summary counts ("partitions", "groups")
   */
  public void add(Event event, String member, String plural) {
    Kind k = byKind.computeIfAbsent(event.area + '\u0000' + event.kind, x -> new Kind());
    k.plural = plural;
    k.add(event, member);
  }

  /** Changes added since the last {@link #recordTo}. */
  public int size() {
    int n = 0;
    for (Kind k : byKind.values()) n += k.count;
    return n;
  }

  /** Records what was added (each, or one summary per kind), in the order the kinds first came, and starts over. */
  public void recordTo(EventRecorder recorder) {
    try {
      for (Kind k : byKind.values()) {
        if (k.count <= ONE_BY_ONE) {
          for (Event e : k.events) recorder.record(e);
        } else {
          recorder.record(k.summary());
        }
      }
    } finally {
      byKind.clear();
    }
  }
}
