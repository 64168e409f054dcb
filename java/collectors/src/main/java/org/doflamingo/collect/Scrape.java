package org.doflamingo.collect;

import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/** What a collector fills during one scrape of one target: series with their kinds and values. */
public interface Scrape {
  /** Records one value read at this scrape's time; NaN records "unknown". */
  void add(SeriesKey key, SeriesKind kind, double value);

  /** The time every value of this scrape is stamped with (the start of the scrape). */
  long timeMillis();
}
