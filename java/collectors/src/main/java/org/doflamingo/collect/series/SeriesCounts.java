package org.doflamingo.collect.series;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.doflamingo.engine.SeriesKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many series each target created, by retention class, and the budgets on them: a new
 * series beyond {@code series.maxSeries} (all targets) or {@code series.maxSeriesPerTarget} is
 * not created (no file, no id, its samples dropped), counted as refused for its target and class,
 * and the crossing is logged once per budget and target (not per scrape); the target's row says
 * so. Counted where series are interned, once per new series: no engine call, nothing per scrape.
 * Series the process finds already in the engine at start count again as they are first written.
 */
public final class SeriesCounts {
  /** What one target created and was refused, by class. */
  public static final class Target {
    public final Map<String, Long> series;
    public final Map<String, Long> refused;
    /** Which budget refused its series and how many, or null. */
    public final String warning;

    Target(Map<String, Long> series, Map<String, Long> refused, String warning) {
      this.series = Collections.unmodifiableMap(series);
      this.refused = Collections.unmodifiableMap(refused);
      this.warning = warning;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(SeriesCounts.class);

  private final long maxSeries;
  private final long maxSeriesPerTarget;
  private final Map<Integer, Map<String, Long>> created = new HashMap<>();
  private final Map<Integer, Map<String, Long>> refused = new HashMap<>();
  private final Map<Integer, Long> createdByTarget = new HashMap<>();
  private final Map<Integer, String> budgetHit = new HashMap<>();
  private final Map<Integer, String> names = new HashMap<>();
  private long total;

  /** Budgets of 0 mean none. */
  public SeriesCounts(long maxSeries, long maxSeriesPerTarget) {
    this.maxSeries = maxSeries;
    this.maxSeriesPerTarget = maxSeriesPerTarget;
  }

  /** Names the target in the log lines about it. */
  public synchronized void name(int targetId, String name) {
    names.put(targetId, name);
  }

  /**
   * Whether target {@code targetId} may create series {@code key} of class {@code cls}; counts
   * it either way. A target id below 0 (a scrape outside any service) is held to the total only;
   * an {@code exempt} series (a target's own series, up and cost: its state must stay visible) is counted
   * but never refused.
   */
  public synchronized boolean admit(int targetId, SeriesKey key, String cls, boolean exempt) {
    long mine = createdByTarget.getOrDefault(targetId, 0L);
    String budget = exempt ? null : reached(targetId, mine);
    if (budget != null) {
      refused.computeIfAbsent(targetId, t -> new TreeMap<>()).merge(cls, 1L, Long::sum);
      if (!budget.equals(budgetHit.put(targetId, budget))) {
        log.warn("{}: budget {} reached; new series are not created (first refused: {}, class {})",
            names.getOrDefault(targetId, "target " + targetId), budget, key, cls);
      }
      return false;
    }
    total++;
    createdByTarget.put(targetId, mine + 1);
    created.computeIfAbsent(targetId, t -> new TreeMap<>()).merge(cls, 1L, Long::sum);
    return true;
  }

  /** The budget a new series of this target would exceed, or null. */
  private String reached(int targetId, long mine) {
    if (maxSeries > 0 && total >= maxSeries) return "series.maxSeries (" + maxSeries + " series in all)";
    if (targetId >= 0 && maxSeriesPerTarget > 0 && mine >= maxSeriesPerTarget) {
      return "series.maxSeriesPerTarget (" + maxSeriesPerTarget + " series)";
    }
    return null;
  }

  /** What target {@code targetId} created and was refused so far. */
  public synchronized Target of(int targetId) {
    Map<String, Long> no = refused.getOrDefault(targetId, Collections.emptyMap());
    String hit = budgetHit.get(targetId);
    long refusedCount = 0;
    for (long n : no.values()) refusedCount += n;
    String warning = hit == null ? null : "budget " + hit + " reached: " + refusedCount + " new series refused";
    return new Target(new TreeMap<>(created.getOrDefault(targetId, Collections.emptyMap())), new TreeMap<>(no), warning);
  }

  /** Series created in all. */
  public synchronized long total() {
    return total;
  }
}
