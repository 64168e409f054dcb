package org.doflamingo.collect.catalogue;

/** The state a rule gives a value: what the administrator's tiles show. */
public enum Health {
  GREEN(1),
  AMBER(2),
  RED(3),
  /** No value to judge (target down, metric absent): says nothing, so any judged state outranks it. */
  UNKNOWN(0);

  /** How bad, by explicit rank rather than declaration order: unknown, green, amber, red. */
  private final int rank;

  Health(int rank) {
    this.rank = rank;
  }

  /** How bad: 0 unknown, 1 green, 2 amber, 3 red (what a list sorted by health orders by). */
  public int rank() {
    return rank;
  }

  /** The worse of the two; a judged state over UNKNOWN, this one when {@code other} is null. */
  public Health worse(Health other) {
    return other != null && other.rank > rank ? other : this;
  }
}
