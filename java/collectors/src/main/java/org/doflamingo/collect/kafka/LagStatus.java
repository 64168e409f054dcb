package org.doflamingo.collect.kafka;

/**
 * A consumer's state on a partition, by Burrow's rules (see {@link LagEvaluator}), ordered from
 * best to worst: a group is as bad as its worst partition. The code is what the series
 * {@code kafka.consumer.group.status} stores.
 */
public enum LagStatus {
  /** Keeping up, or caught up at some point of the window. */
  OK(0),
  /** Lag grew across the whole window: falling behind. */
  WARNING(1),
  /** The committed offset went backwards (a reset, a replay). */
  REWIND(2),
  /** Members are in the group but the committed offset does not move while lag is above zero. */
  STALL(3),
  /** No member and no commit for longer than the window spans while lag is above zero. */
  STOP(4);

  public final int code;

  LagStatus(int code) {
    this.code = code;
  }

  /** The status a stored code stands for; null for a code no status has (not written by the Admin collector). */
  public static LagStatus ofCode(int code) {
    for (LagStatus s : values()) if (s.code == code) return s;
    return null;
  }

  public LagStatus worse(LagStatus other) {
    return other != null && other.code > code ? other : this;
  }
}
