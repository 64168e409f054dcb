package org.doflamingo.engine;

import java.util.Collections;
import java.util.SortedMap;

/** One group of a group-by: the values of its group keys, how many series fell in it, the result. */
public final class Group {
  public final SortedMap<String, String> labels;
  public final int seriesCount;
  public final SeriesData data;

  Group(SortedMap<String, String> labels, int seriesCount, SeriesData data) {
    this.labels = Collections.unmodifiableSortedMap(labels);
    this.seriesCount = seriesCount;
    this.data = data;
  }
}
