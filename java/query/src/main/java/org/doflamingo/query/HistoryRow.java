package org.doflamingo.query;

import java.util.Map;
import org.doflamingo.engine.SeriesData;
import org.doflamingo.engine.SeriesKey;

/** One series' values over the range asked for, with what it is. */
public final class HistoryRow extends StepValues {
  public final int id;
  public final String metric;
  public final Map<String, String> labels;

  HistoryRow(int id, SeriesKey key, SeriesData data) {
    super(data);
    this.id = id;
    this.metric = key.name();
    this.labels = key.labels();
  }
}
