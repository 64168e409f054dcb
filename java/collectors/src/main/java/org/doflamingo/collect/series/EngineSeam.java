package org.doflamingo.collect.series;

import java.util.Collection;
import org.doflamingo.config.RetentionClassSpec;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.LatestValues;
import org.doflamingo.engine.RetentionClass;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * The one place that calls the engine's retention-class API: interning with a class, defining
 * the classes, reading "current" in steps of each series' class, and the engine's own sizes of a
 * class. Nothing else in the collectors, the query side or the server calls the engine about
 * classes.
 */
public final class EngineSeam {
  /**
   * Native memory of one series besides its live ring, bytes: registry entry, per-series state and
   * write-back buffer, as {@code doflamingo_memory_bench} measures it (100,000 series of a 30 s
   * class: 1,872 B resident each, of which 1,000 B ring).
   */
  public static final long REGISTRY_BYTES_PER_SERIES = 872;

  private EngineSeam() {}

  /** Ids of many series in one native call, each registered with its class on first use. */
  public static int[] intern(Engine engine, SeriesKey[] keys, SeriesKind[] kinds, String[] retentionClasses) {
    return engine.intern(keys, kinds, retentionClasses);
  }

  /** Defines every class in the engine's options. */
  public static void defineClasses(EngineConfig config, Collection<RetentionClassSpec> classes) {
    for (RetentionClassSpec c : classes) config.retentionClass(c.name, c.tiers.text, c.minMax, c.liveWindowSeconds);
  }

  /**
   * Newest value of each series at or before {@code atMs}, not older than {@code steps} base
   * steps of that series' own class: one native call.
   */
  public static LatestValues latestWithinSteps(Engine engine, int[] ids, long atMs, int steps) {
    return engine.latestWithinSteps(ids, atMs, steps);
  }

  /** Bytes of the RRD file of one series of this class, as the engine sizes it (what {@code stat} reports). */
  public static long fileBytes(RetentionClassSpec c) {
    return sized(c).fileBytes();
  }

  /** Bytes of one series' live ring, as the engine sizes it. */
  public static long ringBytes(RetentionClassSpec c) {
    return sized(c).ringBytes();
  }

  private static RetentionClass sized(RetentionClassSpec c) {
    return RetentionClass.size(c.name, c.tiers.text, c.minMax, c.liveWindowSeconds);
  }
}
