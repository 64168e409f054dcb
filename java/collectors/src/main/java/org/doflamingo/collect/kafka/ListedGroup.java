package org.doflamingo.collect.kafka;

/** A group as the group listing gives it: its state (Kafka's name, or "Unknown") and its protocol. */
final class ListedGroup {
  final String state;
  final GroupProtocol protocol;

  ListedGroup(String state, GroupProtocol protocol) {
    this.state = state;
    this.protocol = protocol;
  }
}
