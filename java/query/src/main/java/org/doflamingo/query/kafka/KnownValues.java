package org.doflamingo.query.kafka;

import org.doflamingo.engine.LatestValues;
import org.doflamingo.query.Reads;

/**
 * The newest value of each of several series, some current and some last known (those of a
 * cluster whose Admin target is not answering or is behind, {@link KafkaTables#adminLate}), merged
 * back into the order the ids were asked in.
 */
final class KnownValues {
  private final long[] timesMs;
  private final double[] values;

  private KnownValues(long[] timesMs, double[] values) {
    this.timesMs = timesMs;
    this.values = values;
  }

  /**
   * The ids' values: current ones, and last known within {@link KafkaTables#LAST_KNOWN_MS} where
   * {@code lastKnown} says so: one bulk read, two when some are last known.
   */
  static KnownValues read(Reads reads, int[] ids, boolean[] lastKnown, long now) {
    int n = 0;
    for (boolean b : lastKnown) if (b) n++;
    if (n == 0) return of(reads.current().latest(ids, now));
    int[] old = new int[n];
    int[] fresh = new int[ids.length - n];
    int o = 0;
    int f = 0;
    for (int i = 0; i < ids.length; i++) {
      if (lastKnown[i]) old[o++] = ids[i];
      else fresh[f++] = ids[i];
    }
    return merge(lastKnown, reads.engine().latest(old, now, KafkaTables.LAST_KNOWN_MS), reads.current().latest(fresh, now));
  }

  static KnownValues of(LatestValues v) {
    long[] times = new long[v.size()];
    double[] values = new double[v.size()];
    for (int i = 0; i < values.length; i++) {
      times[i] = v.timeMs(i);
      values[i] = v.value(i);
    }
    return new KnownValues(times, values);
  }

  /** {@code first} at the indexes {@code inFirst} marks, {@code second} at the others, each in its own order. */
  private static KnownValues merge(boolean[] inFirst, LatestValues first, LatestValues second) {
    long[] times = new long[inFirst.length];
    double[] values = new double[inFirst.length];
    int a = 0;
    int b = 0;
    for (int i = 0; i < inFirst.length; i++) {
      LatestValues from = inFirst[i] ? first : second;
      int at = inFirst[i] ? a++ : b++;
      times[i] = from.timeMs(at);
      values[i] = from.value(at);
    }
    return new KnownValues(times, values);
  }

  boolean has(int i) {
    return !Double.isNaN(values[i]);
  }

  double value(int i) {
    return values[i];
  }

  long timeMs(int i) {
    return timesMs[i];
  }

  /** Null when none (JSON has no NaN). */
  Double orNull(int i) {
    return has(i) ? values[i] : null;
  }
}
