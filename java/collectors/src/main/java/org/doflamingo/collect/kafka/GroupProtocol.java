package org.doflamingo.collect.kafka;

/**
 * The protocol a group runs, as the group listing tells it (ListGroups v5, Kafka 3.8+): the
 * {@code classic} rebalance protocol, KIP-848's {@code consumer} protocol, or a type a 3.9 client
 * cannot name ({@code other}: KIP-932 share groups, KIP-1071 streams groups on 4.x brokers). The
 * code is what the series {@code kafka.consumer.group.protocol} stores.
 */
public enum GroupProtocol {
  /** Also every group of a broker too old to say (before ListGroups v5 all groups were classic). */
  CLASSIC(0, "classic"),
  CONSUMER(1, "consumer"),
  /** Listed, but of a type this client has no name for: its offsets and members are not read. */
  OTHER(2, "other");

  public final int code;
  /** As Kafka writes it. */
  public final String label;

  GroupProtocol(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** The protocol of a listed type name (Kafka's {@code GroupType.toString()}); null: the broker did not say, so classic. */
  static GroupProtocol ofType(String type) {
    if (type == null || type.equalsIgnoreCase("classic")) return CLASSIC;
    if (type.equalsIgnoreCase("consumer")) return CONSUMER;
    return OTHER;
  }

  /** The protocol a stored code stands for; null for a code none has. */
  public static GroupProtocol ofCode(int code) {
    for (GroupProtocol p : values()) if (p.code == code) return p;
    return null;
  }
}
