package org.doflamingo.query;

import org.doflamingo.engine.Engine;
import org.doflamingo.engine.LatestValues;

/**
 * What "now" means for every list and tile: the newest value of a series within the last
 * {@link #STEPS} base steps; older than that it is not current (its target stopped answering),
 * and the page shows nothing rather than a stale figure.
 */
public final class Current {
  /** A latest value older than this many base steps is not current. */
  public static final int STEPS = 5;

  private final Engine engine;
  private final long stepMs;

  Current(Engine engine) {
    this.engine = engine;
    this.stepMs = engine.baseStepMs();
  }

  /** The current value of each id at {@code nowMs}: one native call. */
  public LatestValues latest(int[] ids, long nowMs) {
    return engine.latest(ids, nowMs, windowMs());
  }

  /** How far back a current value may be. */
  public long windowMs() {
    return STEPS * stepMs;
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
