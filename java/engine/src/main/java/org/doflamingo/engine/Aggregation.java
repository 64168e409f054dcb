package org.doflamingo.engine;

/** How a group-by combines the series of a group at each step. */
public enum Aggregation {
  SUM,
  AVG,
  MIN,
  MAX,
  COUNT
}
