package org.doflamingo.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A read of the event log: the events of [fromMs, toMs] (inclusive), newest first, that pass every
 * filter given (areas, kinds: any of; severity: at least; labels: each present with that value,
 * except for the events of a {@link #labelFree} area),
 * paged by start and limit (at most {@value #MAX_LIMIT}).
 */
public final class EventQuery {
  public static final int MAX_LIMIT = 10_000;

  final long fromMs;
  final long toMs;
  final List<String> areas = new ArrayList<>();
  final List<String> kinds = new ArrayList<>();
  Event.Severity minSeverity = Event.Severity.INFO;
  final SortedMap<String, String> labels = new TreeMap<>();
  final List<String> labelFreeAreas = new ArrayList<>();
  long start;
  int limit = 100;

  private EventQuery(long fromMs, long toMs) {
    this.fromMs = fromMs;
    this.toMs = toMs;
  }

  public static EventQuery range(long fromMs, long toMs) {
    return new EventQuery(fromMs, toMs);
  }

  public EventQuery areas(List<String> any) {
    for (String a : any) areas.add(Objects.requireNonNull(a, "area"));
    return this;
  }

  public EventQuery area(String area) {
    return areas(Collections.singletonList(area));
  }

  public EventQuery kinds(List<String> any) {
    for (String k : any) kinds.add(Objects.requireNonNull(k, "kind"));
    return this;
  }

  public EventQuery minSeverity(Event.Severity severity) {
    this.minSeverity = Objects.requireNonNull(severity, "severity");
    return this;
  }

  public EventQuery label(String key, String value) {
    labels.put(Objects.requireNonNull(key, "label key"), Objects.requireNonNull(value, "label value"));
    return this;
  }

  public EventQuery labels(Map<String, String> all) {
    for (Map.Entry<String, String> e : all.entrySet()) label(e.getKey(), e.getValue());
    return this;
  }

  /** Events of this area pass the label filter: they are about every entity (Doflamingo's own start and stop). */
  public EventQuery labelFree(String area) {
    labelFreeAreas.add(Objects.requireNonNull(area, "area"));
    return this;
  }

  public EventQuery page(long start, int limit) {
    this.start = start;
    this.limit = limit;
    return this;
  }

  List<String> labelPairs() {
    List<String> kv = new ArrayList<>(labels.size() * 2);
    for (Map.Entry<String, String> e : labels.entrySet()) {
      kv.add(e.getKey());
      kv.add(e.getValue());
    }
    return kv;
  }
}
