package org.doflamingo.engine;

/** A regular run of values: {@code values[i]} covers the step ending at {@code startMs + i * stepMs}; NaN is unknown. */
public final class SeriesData {
  public final long startMs;
  public final long stepMs;
  public final double[] values;

  SeriesData(long startMs, long stepMs, double[] values) {
    this.startMs = startMs;
    this.stepMs = stepMs;
    this.values = values;
  }

  public long timeAt(int i) {
    return startMs + i * stepMs;
  }

  /** The value stamped exactly at timeMs, or NaN when it is outside or unknown. */
  public double valueAt(long timeMs) {
    if (stepMs <= 0 || timeMs < startMs || (timeMs - startMs) % stepMs != 0) return Double.NaN;
    long i = (timeMs - startMs) / stepMs;
    return i < values.length ? values[(int) i] : Double.NaN;
  }

  /** The newest known value, or NaN when every value is unknown. */
  public double latest() {
    for (int i = values.length - 1; i >= 0; i--) if (!Double.isNaN(values[i])) return values[i];
    return Double.NaN;
  }

  /** Number of known (non-NaN) values. */
  public int known() {
    int n = 0;
    for (double v : values) if (!Double.isNaN(v)) n++;
    return n;
  }
}
