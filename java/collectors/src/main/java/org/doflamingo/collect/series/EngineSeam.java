package org.doflamingo.collect.series;

import java.util.Collection;
import org.doflamingo.config.RetentionClassSpec;
import org.doflamingo.config.TierSpec;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.LatestValues;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * The one place that calls the engine's retention-class API (java/engine, helper branch
 * {@code classes}): until that lands every body below stands in for it, each marked
 * "SWITCH AT MERGE" with the call it becomes. Nothing else in the collectors, the query side or
 * the server calls the engine about classes.
 */
public final class EngineSeam {
  /**
   * Native memory of one series in the engine's registry (key, hash entries, file name), bytes:
   * an estimate until the engine measures it. SWITCH AT MERGE: the figure helper {@code classes}
   * measures (its registry bench), or its sizing call if it exposes one.
   */
  public static final long REGISTRY_BYTES_PER_SERIES = 600;

  private EngineSeam() {}

  /** The id of a series, registered with its class on first use. */
  public static int intern(Engine engine, SeriesKey key, SeriesKind kind, String retentionClass) {
    // SWITCH AT MERGE: return engine.intern(key, kind, retentionClass);
    return engine.intern(key, kind);
  }

  /** Defines every class in the engine's options. */
  public static void defineClasses(EngineConfig config, Collection<RetentionClassSpec> classes) {
    // SWITCH AT MERGE:
    // for (RetentionClassSpec c : classes) config.retentionClass(c.name, c.tiers.text, c.minMax, c.liveWindowSeconds);
  }

  /**
   * Newest value of each series at or before {@code atMs}, not older than {@code steps} base
   * steps of that series' own class: one native call.
   */
  public static LatestValues latestWithinSteps(Engine engine, int[] ids, long atMs, int steps) {
    // SWITCH AT MERGE: return engine.latestWithinSteps(ids, atMs, steps);
    return engine.latest(ids, atMs, steps * engine.baseStepMs());
  }

  /**
   * Bytes of the RRD file of one series of this class, as librrd lays it out (rrd_format.h, 64-bit:
   * header 128, per data source 120 + 112, per archive 120 + 8 + 80 per data source, live head 16,
   * then 8 bytes per row); AVERAGE on every tier, MIN and MAX too on the consolidated ones when the
   * class keeps them (the engine's rule, rrd_store.cpp). SWITCH AT MERGE: the engine's own sizing,
   * {@code RetentionClass.size(name, tiers, minMax, liveWindowSeconds).fileBytes}.
   */
  public static long fileBytes(RetentionClassSpec c) {
    long base = c.tiers.baseStepSeconds();
    long archives = 0;
    long rows = 0;
    for (TierSpec.Tier t : c.tiers.tiers) {
      int functions = c.minMax && t.stepSeconds != base ? 3 : 1;
      archives += functions;
      rows += functions * t.rows();
    }
    long dataSources = 1;
    return 128 + dataSources * (120 + 112) + archives * (120 + 8 + 80 * dataSources) + 16 + 8 * rows * dataSources;
  }

  /**
   * Bytes of one series' live ring: a double per base step of the live window. SWITCH AT MERGE:
   * {@code RetentionClass.size(...).ringBytes}.
   */
  public static long ringBytes(RetentionClassSpec c) {
    return c.liveWindowSeconds / c.tiers.baseStepSeconds() * 8;
  }
}
