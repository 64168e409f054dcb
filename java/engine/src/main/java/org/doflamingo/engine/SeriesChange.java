package org.doflamingo.engine;

/**
 * One series' departure around a moment, as {@link Engine#rankChanges} ranks it: the score is in
 * robust standard deviations of the window before (MAD-scaled, floored at 1 % of the series'
 * magnitude), 0 for a series that did not move. Values are as stored (a counter's per-second rate).
 */
public final class SeriesChange {
  public final int seriesId;
  public final double score;
  public final double medianBefore;
  public final double medianAfter;
  /** The value after the moment furthest from both medians (what a {@link ChangeShape#SPIKE} reached). */
  public final double peakAfter;
  /** +1 up, -1 down, 0 unmoved. */
  public final int direction;
  public final ChangeShape shape;
  public final int knownBefore;
  public final int knownAfter;

  SeriesChange(int seriesId, double score, double medianBefore, double medianAfter, double peakAfter, int direction,
      ChangeShape shape, int knownBefore, int knownAfter) {
    this.seriesId = seriesId;
    this.score = score;
    this.medianBefore = medianBefore;
    this.medianAfter = medianAfter;
    this.peakAfter = peakAfter;
    this.direction = direction;
    this.shape = shape;
    this.knownBefore = knownBefore;
    this.knownAfter = knownAfter;
  }
}
