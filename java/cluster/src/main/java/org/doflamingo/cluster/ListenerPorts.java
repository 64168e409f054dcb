package org.doflamingo.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ports of the secured listeners a node opens beside its plaintext one
 * ({@code BrokerSettings.withListeners}), by listener name: one free port each, kept across a
 * reconfiguration so a restarted node serves where its clients look.
 */
final class ListenerPorts {
  private final String owner;
  private final Map<String, Integer> ports = new LinkedHashMap<>();

  /** @param owner the node, as errors name it */
  ListenerPorts(String owner) {
    this.owner = owner;
  }

  /** host:port of listener {@code name}, given a free port the first time it is asked for. */
  String open(String name) {
    Integer p = ports.get(name);
    if (p == null) ports.put(name, p = Ports.free());
    return Ports.HOST + ":" + p;
  }

  /** The port of a listener {@link #open} gave one. */
  int port(String name) {
    Integer p = ports.get(name);
    if (p == null) throw new IllegalArgumentException(owner + " has no listener " + name + "; it has " + ports.keySet());
    return p;
  }
}
