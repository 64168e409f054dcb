package org.doflamingo.collect;

/** What a target is, as pages show it: the catalogue system, the group and member it is of, and what is read where. */
public class TargetDescription {
  /** Catalogue system: kafka-broker, kafka-cluster, kafka-consumer, kafka-probe, zookeeper, flume. */
  public final String system;
  /** The cluster, ensemble or agent name from the configuration. */
  public final String group;
  /** The member within the group: broker label, server, agent, client; the group itself for cluster-wide targets. */
  public final String member;
  /** What is read and where, e.g. "JMX k1:9999". */
  public final String address;

  TargetDescription(String system, String group, String member, String address) {
    this.system = system;
    this.group = group;
    this.member = member;
    this.address = address;
  }

  @Override
  public String toString() {
    return system + " " + group + "/" + member + " (" + address + ")";
  }
}
