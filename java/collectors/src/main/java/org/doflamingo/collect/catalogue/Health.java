package org.doflamingo.collect.catalogue;

/** The state a rule gives a value: what the administrator's tiles show. */
public enum Health {
  GREEN,
  AMBER,
  RED,
  /** No value to judge (target down, metric absent). */
  UNKNOWN
}
