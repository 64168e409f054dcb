package org.doflamingo.bench;

import org.doflamingo.collect.Scrape;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/** A scrape that only counts what it is given (and sums it, so nothing is optimised away). */
final class CountingScrape implements Scrape {
  long count;
  double sum;

  @Override
  public void add(SeriesKey key, SeriesKind kind, double value) {
    count++;
    sum += value;
  }

  @Override
  public long timeMillis() {
    return 0;
  }
}
