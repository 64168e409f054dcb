package org.doflamingo.collect.kafka;

/**
 * A consumer group's state as the group listing names it: the classic protocol's (Empty,
 * PreparingRebalance, CompletingRebalance, Stable, Dead) and KIP-848's (Assigning, Reconciling).
 * The code, fixed here rather than taken from Kafka's enum order, is what the series
 * {@code kafka.consumer.group.state} stores.
 */
public enum GroupState {
  UNKNOWN(0, "Unknown"),
  EMPTY(1, "Empty"),
  STABLE(2, "Stable"),
  PREPARING_REBALANCE(3, "PreparingRebalance"),
  COMPLETING_REBALANCE(4, "CompletingRebalance"),
  ASSIGNING(5, "Assigning"),
  RECONCILING(6, "Reconciling"),
  DEAD(7, "Dead");

  public final int code;
  /** Kafka's name of the state. */
  public final String label;

  GroupState(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** The state of Kafka's name for it; UNKNOWN for a name this list lacks. */
  static GroupState ofLabel(String label) {
    for (GroupState s : values()) if (s.label.equalsIgnoreCase(label)) return s;
    return UNKNOWN;
  }

  /** The state a stored code stands for; null for a code none has. */
  public static GroupState ofCode(int code) {
    for (GroupState s : values()) if (s.code == code) return s;
    return null;
  }
}
