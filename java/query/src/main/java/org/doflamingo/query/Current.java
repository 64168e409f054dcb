package org.doflamingo.query;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.collect.series.EngineSeam;
import org.doflamingo.collect.series.ScopeKeys;
import org.doflamingo.collect.series.SeriesPolicy;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.LatestValues;

/**
 * What "now" means for every list and tile: the newest value of a series within the last
 * {@link #STEPS} base steps of its own retention class (2 s for cluster figures, 30 s for a
 * partition's); older than that it is not current (its target stopped answering), and the page
 * shows nothing rather than a stale figure.
 */
public final class Current {
  /** A latest value older than this many base steps is not current. */
  public static final int STEPS = 5;

  private final Engine engine;
  private final long stepMs;
  private final SeriesPolicy policy;
  private final MetricCatalogue catalogue;
  /** The coarsest base step of each metric's classes, worked out once. */
  private final ConcurrentMap<String, Long> metricStepMs = new ConcurrentHashMap<>();

  Current(Monitor monitor) {
    this.engine = monitor.engine();
    this.stepMs = engine.baseStepMs();
    this.policy = monitor.seriesPolicy();
    this.catalogue = monitor.catalogue();
  }

  /** The current value of each id at {@code nowMs}, each within {@link #STEPS} steps of its class: one native call. */
  public LatestValues latest(int[] ids, long nowMs) {
    return EngineSeam.latestWithinSteps(engine, ids, nowMs, STEPS);
  }

  /** How far back a current value of the engine's base step may be (group-bys over cluster and topic figures). */
  public long windowMs() {
    return STEPS * stepMs;
  }

  /**
   * How far back a current value of {@code metric} may be, for reads over a window (group-bys):
   * {@link #STEPS} base steps of the coarsest class its series get (a partition figure's 30 s
   * rather than the cluster's 2 s, else the window would hold no row of it).
   */
  public long windowMs(String metric) {
    return STEPS * metricStepMs.computeIfAbsent(metric, this::coarsestStepMs);
  }

  private long coarsestStepMs(String metric) {
    MetricSpec spec = catalogue.get(metric);
    long coarsest = stepMs;
    if (spec == null) return coarsest;
    for (String scope : spec.per) {
      String cls = policy.classOf(ScopeKeys.key(metric, scope));
      if (cls != null) coarsest = Math.max(coarsest, policy.classes().get(cls).tiers.baseStepSeconds() * 1000);
    }
    return coarsest;
  }

  /** The engine's base step (the finest tier's, the live ring's). */
  public long stepMs() {
    return stepMs;
  }

  /** The value at {@code i}, null when it is not current (JSON has no NaN). */
  public static Double orNull(LatestValues v, int i) {
    return v.has(i) ? v.value(i) : null;
  }
}
