package org.doflamingo.query;

import java.util.Map;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/** A series the area holds: its id (for history and push), name, labels, kind and the catalogue's unit. */
public final class SeriesRow {
  public final int id;
  public final String metric;
  public final Map<String, String> labels;
  /** gauge or counter. */
  public final String kind;
  public final String unit;

  SeriesRow(int id, SeriesKey key, SeriesKind kind, String unit) {
    this.id = id;
    this.metric = key.name();
    this.labels = key.labels();
    this.kind = kind.name().toLowerCase(java.util.Locale.ROOT);
    this.unit = unit;
  }
}
