package org.doflamingo.spread;

/**
 * What one Doflamingo server does when the work is spread over many hosts. Every role is the same
 * server started with another {@code spread.role} in its configuration.
 */
public enum Role {
  /** Scrapes, stores and answers by itself: the behaviour of a single server, and the default. */
  ALL_IN_ONE,
  /** Scrapes the targets the collectors' group gives it and publishes their samples to the sample topic. */
  COLLECTOR,
  /** Consumes the sample partitions the stores' group gives it into its engine and answers queries for those series. */
  STORE;
}
