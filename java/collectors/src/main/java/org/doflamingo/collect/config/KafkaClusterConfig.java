package org.doflamingo.collect.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Kafka cluster: its brokers (JMX and bootstrap addresses), the client JVMs whose own MBeans are
 * reachable (consumers with JMX on), and optional credentials.
 */
public final class KafkaClusterConfig {
  /** One broker. */
  public static final class Broker {
    /** broker.id (node.id in KRaft), or -1 when not given: then its series are labelled by host:jmxPort. */
    public final int id;
    public final String host;
    public final int jmxPort;
    /** host:port of its client listener. */
    public final String bootstrap;

    Broker(int id, String host, int jmxPort, String bootstrap) {
      this.id = id;
      this.host = host;
      this.jmxPort = jmxPort;
      this.bootstrap = bootstrap;
    }

    @Override
    public String toString() {
      return "Broker{" + (id >= 0 ? id + ", " : "") + host + ", jmx " + jmxPort + ", bootstrap " + bootstrap + "}";
    }
  }

  /** A client JVM (consumer, producer, stream) with JMX on, read for its own metrics. */
  public static final class Client {
    public final String name;
    public final String host;
    public final int jmxPort;

    Client(String name, String host, int jmxPort) {
      this.name = name;
      this.host = host;
      this.jmxPort = jmxPort;
    }

    @Override
    public String toString() {
      return "Client{" + name + ", " + host + ", jmx " + jmxPort + "}";
    }
  }

  public final String name;
  public final List<Broker> brokers;
  public final List<Client> clients;
  /** JMX authentication, or null. */
  public final Credentials jmx;
  public final boolean jmxSsl;
  /** SASL/PLAIN for the Admin API, or null. */
  public final Credentials sasl;

  private KafkaClusterConfig(String name, List<Broker> brokers, List<Client> clients, Credentials jmx, boolean jmxSsl,
      Credentials sasl) {
    this.name = name;
    this.brokers = Collections.unmodifiableList(brokers);
    this.clients = Collections.unmodifiableList(clients);
    this.jmx = jmx;
    this.jmxSsl = jmxSsl;
    this.sasl = sasl;
  }

  /** Every broker's client address, comma-separated, for the Admin API. */
  public String bootstrapServers() {
    StringBuilder sb = new StringBuilder();
    for (Broker b : brokers) sb.append(sb.length() == 0 ? "" : ",").append(b.bootstrap);
    return sb.toString();
  }

  static KafkaClusterConfig read(Node n) throws ConfigException {
    n.only("name", "brokers", "clients", "jmx", "jmxSsl", "sasl");
    String name = n.text("name");
    List<Broker> brokers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<Integer> ids = new HashSet<>();
    for (Node b : n.objects("brokers")) {
      b.only("id", "host", "jmxPort", "bootstrap");
      int id = b.optInt("id", -1, 0, Integer.MAX_VALUE);
      if (id >= 0 && !ids.add(id)) throw b.error("id", "broker id " + id + " is listed twice");
      String host = b.text("host");
      int jmxPort = b.port("jmxPort");
      String bootstrap = b.optText("bootstrap", host + ":9092");
      Addresses.checkHostPort(b, "bootstrap", bootstrap);
      if (!seen.add(host + ":" + jmxPort)) throw b.error("jmxPort", host + ":" + jmxPort + " is listed twice");
      brokers.add(new Broker(id, host, jmxPort, bootstrap));
    }
    if (brokers.isEmpty()) throw n.error("brokers", "a cluster needs at least one broker");
    List<Client> clients = new ArrayList<>();
    for (Node c : n.objects("clients")) {
      c.only("name", "host", "jmxPort");
      String host = c.text("host");
      int jmxPort = c.port("jmxPort");
      if (!seen.add(host + ":" + jmxPort)) throw c.error("jmxPort", host + ":" + jmxPort + " is listed twice");
      clients.add(new Client(c.optText("name", host + ":" + jmxPort), host, jmxPort));
    }
    Node jmx = n.optObject("jmx");
    Node sasl = n.optObject("sasl");
    return new KafkaClusterConfig(name, brokers, clients, jmx == null ? null : Credentials.read(jmx), n.optBoolean("jmxSsl", false),
        sasl == null ? null : Credentials.read(sasl));
  }

  @Override
  public String toString() {
    return "KafkaCluster{" + name + ", " + brokers + (clients.isEmpty() ? "" : ", " + clients) + (jmx != null ? ", jmx " + jmx : "") + (sasl != null ? ", sasl " + sasl : "") + "}";
  }
}
