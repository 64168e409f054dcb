package org.doflamingo.engine;

/**
 * The newest value of each of several series, as {@link Engine#latest} answers, in the order the
 * ids were given. Index {@code i} is the i-th id asked for.
 */
public final class LatestValues {
  private final long[] timesMs;
  private final double[] values;

  LatestValues(long[] timesMs, double[] values) {
    if (timesMs.length != values.length) {
      throw new IllegalArgumentException("times (" + timesMs.length + ") and values (" + values.length + ") differ in length");
    }
    this.timesMs = timesMs;
    this.values = values;
  }

  public int size() {
    return values.length;
  }

  /** False when that series has no known value in the window asked for. */
  public boolean has(int i) {
    return !Double.isNaN(values[i]);
  }

  /** When the value was stamped (the end of its step, as RRD stamps rows); 0 when {@code !has(i)}. */
  public long timeMs(int i) {
    return timesMs[i];
  }

  /** The value (a counter's per-second rate as stored); NaN when {@code !has(i)}. */
  public double value(int i) {
    return values[i];
  }
}
