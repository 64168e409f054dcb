package org.doflamingo.query;

import java.util.ArrayList;
import java.util.List;
import org.doflamingo.engine.SeriesData;

/** A regular run of values as the pages chart it: {@code values[i]} at {@code start + i * step}, null where unknown. */
public abstract class StepValues {
  public final long start;
  public final long step;
  public final List<Double> values;

  StepValues(SeriesData d) {
    start = d.startMs;
    step = d.stepMs;
    values = new ArrayList<>(d.values.length);
    for (double v : d.values) values.add(Double.isNaN(v) ? null : v); // JSON has no NaN
  }
}
