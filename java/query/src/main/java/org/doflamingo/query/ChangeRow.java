package org.doflamingo.query;

import java.util.Locale;
import java.util.Map;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.engine.SeriesChange;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * One series of a "what changed" answer: what it is (key, the catalogue's description and unit)
 * and how it moved around the moment (score in robust deviations, medians before and after).
 */
public final class ChangeRow {
  public final int id;
  public final String metric;
  public final Map<String, String> labels;
  /** The catalogue's description of the metric, or null for a metric it does not list. */
  public final String description;
  public final String unit;
  /** gauge or counter (a counter's values are its per-second rate). */
  public final String kind;
  public final double score;
  public final double medianBefore;
  public final double medianAfter;
  /** The value after the moment furthest from both medians: where a spike went. */
  public final double peakAfter;
  /** up, down or none. */
  public final String direction;
  /** step or spike. */
  public final String shape;
  public final int knownBefore;
  public final int knownAfter;

  ChangeRow(SeriesChange c, SeriesKey key, SeriesKind kind, MetricSpec spec) {
    this.id = c.seriesId;
    this.metric = key.name();
    this.labels = key.labels();
    this.description = spec == null ? null : spec.description;
    this.unit = spec == null ? null : spec.unit;
    this.kind = kind.name().toLowerCase(Locale.ROOT);
    this.score = c.score;
    this.medianBefore = c.medianBefore;
    this.medianAfter = c.medianAfter;
    this.peakAfter = c.peakAfter;
    this.direction = c.direction > 0 ? "up" : c.direction < 0 ? "down" : "none";
    this.shape = c.shape.name().toLowerCase(Locale.ROOT);
    this.knownBefore = c.knownBefore;
    this.knownAfter = c.knownAfter;
  }
}
