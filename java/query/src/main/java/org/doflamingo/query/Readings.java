package org.doflamingo.query;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.LatestValues;
import org.doflamingo.engine.SeriesKey;

/**
 * The current values of the series of one or more metrics that match a label filter (and a test
 * on their keys): one select per metric, keys from the {@link SeriesIndex}, and the values of all
 * of them in one bulk read, so a list costs the same few native calls for ten series or 50,000.
 */
public final class Readings {
  private final String[] metrics;
  private final int[] metricOf;
  private final int[] ids;
  private final SeriesKey[] keys;
  private final LatestValues values;

  private Readings(String[] metrics, int[] metricOf, int[] ids, SeriesKey[] keys, LatestValues values) {
    this.metrics = metrics;
    this.metricOf = metricOf;
    this.ids = ids;
    this.keys = keys;
    this.values = values;
  }

  /** Series of {@code metric} carrying {@code filter}'s labels. */
  public static Readings of(Reads reads, String metric, Map<String, String> filter, long nowMs) {
    return of(reads, Collections.singletonList(metric), filter, k -> true, nowMs);
  }

  /** Series of any of {@code metrics} carrying {@code filter}'s labels whose key passes {@code keep}. */
  public static Readings of(Reads reads, List<String> metrics, Map<String, String> filter, Predicate<SeriesKey> keep,
      long nowMs) {
    Engine engine = reads.engine();
    int[][] selected = new int[metrics.size()][];
    int total = 0;
    for (int m = 0; m < selected.length; m++) total += (selected[m] = engine.select(metrics.get(m), filter)).length;
    int[] all = new int[total];
    int at = 0;
    for (int[] s : selected) {
      System.arraycopy(s, 0, all, at, s.length);
      at += s.length;
    }
    SeriesKey[] allKeys = reads.index().keys(all);
    int[] metricOf = new int[total];
    int[] ids = new int[total];
    SeriesKey[] keys = new SeriesKey[total];
    int kept = 0;
    at = 0;
    for (int m = 0; m < selected.length; m++) {
      for (int i = 0; i < selected[m].length; i++, at++) {
        if (!keep.test(allKeys[at])) continue;
        metricOf[kept] = m;
        ids[kept] = all[at];
        keys[kept++] = allKeys[at];
      }
    }
    ids = Arrays.copyOf(ids, kept);
    LatestValues values = reads.current().latest(ids, nowMs);
    return new Readings(metrics.toArray(new String[0]), Arrays.copyOf(metricOf, kept), ids, Arrays.copyOf(keys, kept), values);
  }

  public int size() {
    return ids.length;
  }

  public int id(int i) {
    return ids[i];
  }

  public SeriesKey key(int i) {
    return keys[i];
  }

  /** The metric the i-th series is of. */
  public String metric(int i) {
    return metrics[metricOf[i]];
  }

  public boolean has(int i) {
    return values.has(i);
  }

  /** NaN when not current. */
  public double value(int i) {
    return values.value(i);
  }

  /** Null when not current. */
  public Double orNull(int i) {
    return Current.orNull(values, i);
  }
}
