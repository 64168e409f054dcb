package org.doflamingo.query;

import java.util.Map;
import org.doflamingo.engine.Group;

/** One group of a group-by: its label values, how many series it combines, and the combined values. */
public final class GroupRow extends StepValues {
  public final Map<String, String> labels;
  public final int series;

  GroupRow(Group g) {
    super(g.data);
    this.labels = g.labels;
    this.series = g.seriesCount;
  }
}
