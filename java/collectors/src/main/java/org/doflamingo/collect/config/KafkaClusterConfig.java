package org.doflamingo.collect.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A Kafka cluster: its brokers (JMX and bootstrap addresses) and optional credentials. */
public final class KafkaClusterConfig {
  /** One broker. */
  public static final class Broker {
    public final String host;
    public final int jmxPort;
    /** host:port of its client listener. */
    public final String bootstrap;

    Broker(String host, int jmxPort, String bootstrap) {
      this.host = host;
      this.jmxPort = jmxPort;
      this.bootstrap = bootstrap;
    }

    @Override
    public String toString() {
      return "Broker{" + host + ", jmx " + jmxPort + ", bootstrap " + bootstrap + "}";
    }
  }

  public final String name;
  public final List<Broker> brokers;
  /** JMX authentication, or null. */
  public final Credentials jmx;
  public final boolean jmxSsl;
  /** SASL/PLAIN for the Admin API, or null. */
  public final Credentials sasl;

  private KafkaClusterConfig(String name, List<Broker> brokers, Credentials jmx, boolean jmxSsl, Credentials sasl) {
    this.name = name;
    this.brokers = Collections.unmodifiableList(brokers);
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
    n.only("name", "brokers", "jmx", "jmxSsl", "sasl");
    String name = n.text("name");
    List<Broker> brokers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Node b : n.objects("brokers")) {
      b.only("host", "jmxPort", "bootstrap");
      String host = b.text("host");
      int jmxPort = b.port("jmxPort");
      String bootstrap = b.optText("bootstrap", host + ":9092");
      Addresses.checkHostPort(b, "bootstrap", bootstrap);
      if (!seen.add(host + ":" + jmxPort)) throw b.error("jmxPort", host + ":" + jmxPort + " is listed twice");
      brokers.add(new Broker(host, jmxPort, bootstrap));
    }
    if (brokers.isEmpty()) throw n.error("brokers", "a cluster needs at least one broker");
    Node jmx = n.optObject("jmx");
    Node sasl = n.optObject("sasl");
    return new KafkaClusterConfig(name, brokers, jmx == null ? null : Credentials.read(jmx), n.optBoolean("jmxSsl", false),
        sasl == null ? null : Credentials.read(sasl));
  }

  @Override
  public String toString() {
    return "KafkaCluster{" + name + ", " + brokers + (jmx != null ? ", jmx " + jmx : "") + (sasl != null ? ", sasl " + sasl : "") + "}";
  }
}
