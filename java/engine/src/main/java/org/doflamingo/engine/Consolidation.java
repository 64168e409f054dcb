package org.doflamingo.engine;

/** Which consolidation of the coarser RRD tiers to read. */
public enum Consolidation {
  AVERAGE,
  MIN,
  MAX
}
