package org.doflamingo.spread;

import org.doflamingo.engine.SeriesKey;

/**
 * Which partition of the sample topic carries a series. Not the series' own hash: a series goes by
 * its entity (cluster plus its group, else its topic, else its broker, else the target), so
 * that every row a page lists (a group's lag, a topic's partitions, a broker's figures) is whole
 * in one store and a query node merges rows, never halves of a row. One writer order per series
 * follows, since a series always has the same entity.
 */
public interface SamplePartitions {
  /** The partition, in [0, partitionCount), of key's samples. */
  int partitionOf(SeriesKey key, int partitionCount);
}
