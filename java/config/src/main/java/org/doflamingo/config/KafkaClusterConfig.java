package org.doflamingo.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Kafka cluster: its brokers (JMX and bootstrap addresses), its dedicated KRaft controllers
 * (JMX), the client JVMs whose own MBeans are reachable (consumers with JMX on), optional JMX
 * credentials, how its clients connect ({@link KafkaSecurity}), and the synthetic probe when asked for.
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

  /**
   * A dedicated KRaft controller ({@code process.roles=controller}): read over JMX for the
   * controller's and the metadata quorum's MBeans, which Kafka 4.x brokers no longer have.
   */
  public static final class Controller {
    /** Its node.id, or -1 when not given: then its series are labelled by host:jmxPort. */
    public final int id;
    public final String host;
    public final int jmxPort;

    Controller(int id, String host, int jmxPort) {
      this.id = id;
      this.host = host;
      this.jmxPort = jmxPort;
    }

    @Override
    public String toString() {
      return "Controller{" + (id >= 0 ? id + ", " : "") + host + ", jmx " + jmxPort + "}";
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

  /**
   * The synthetic probe's settings (module java/probe): a monitor topic produced to and consumed
   * back. Present only when the cluster's configuration has a {@code "probe"} object.
   */
  public static final class Probe {
    public static final String DEFAULT_TOPIC = "doflamingo-probe";
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public final String topic;
    /** Records per second to each partition (the whole probe is capped apart from this, see java/probe). */
    public final int recordsPerSecond;
    /** Partitions the topic keeps per live broker, at least. */
    public final int partitionsPerBroker;
    /** Replication factor when the topic is created; 0: 3, or fewer when the cluster has fewer brokers. */
    public final int replicationFactor;
    /** End-to-end latency above which a consumed record counts as delayed. */
    public final int slaMs;
    /** The span availabilities, losses and percentiles are computed over. */
    public final int windowSeconds;
    /** A partition with nothing produced (or consumed) in the window reads 0 when true, else 1. */
    public final boolean zeroThroughputIsUnavailable;

    public Probe(String topic, int recordsPerSecond, int partitionsPerBroker, int replicationFactor, int slaMs,
        int windowSeconds, boolean zeroThroughputIsUnavailable) {
      this.topic = topic;
      this.recordsPerSecond = recordsPerSecond;
      this.partitionsPerBroker = partitionsPerBroker;
      this.replicationFactor = replicationFactor;
      this.slaMs = slaMs;
      this.windowSeconds = windowSeconds;
      this.zeroThroughputIsUnavailable = zeroThroughputIsUnavailable;
    }

    static Probe read(Node p) throws ConfigException {
      p.only("topic", "recordsPerSecond", "partitionsPerBroker", "replicationFactor", "slaMs", "windowSeconds",
          "zeroThroughputIsUnavailable");
      String topic = p.optText("topic", DEFAULT_TOPIC);
      // Kafka's own rule for topic names; a bad one would otherwise fail later, at every creation attempt.
      if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
        throw p.error("topic", "expected a topic name of letters, digits, '.', '_' and '-' (at most 249), got \"" + topic + "\"");
      }
      return new Probe(topic, p.optInt("recordsPerSecond", 10, 1, 100), p.optInt("partitionsPerBroker", 1, 1, 10),
          p.optInt("replicationFactor", 0, 1, 10), p.optInt("slaMs", 500, 10, 60_000), p.optInt("windowSeconds", 60, 10, 3600),
          p.optBoolean("zeroThroughputIsUnavailable", true));
    }

    @Override
    public String toString() {
      return "Probe{" + topic + ", " + recordsPerSecond + "/s per partition, " + partitionsPerBroker + " per broker"
          + (replicationFactor > 0 ? ", rf " + replicationFactor : "") + ", sla " + slaMs + " ms, window " + windowSeconds + " s"
          + (zeroThroughputIsUnavailable ? "" : ", zero throughput available") + "}";
    }
  }

  /**
   * How often and in what portions the cluster is read. Broker-level JMX and the Admin API's
   * cluster figures are read every {@code intervalSeconds}; partition-level reads (describeTopics,
   * listOffsets, partition MBeans) every {@code partitionIntervalSeconds}, consumer groups every
   * {@code groupIntervalSeconds}, each cycle cut into batches spread over its scrapes.
   */
  public static final class Cadence {
    /** The defaults, for a configuration that names none of the keys. */
    public static final Cadence DEFAULT = new Cadence(30, 10, 300, 0, 2000, 1000);

    public final int partitionIntervalSeconds;
    public final int groupIntervalSeconds;
    /** Empty groups' committed offsets are read again this often; their lag is still written every group cycle. */
    public final int emptyGroupIntervalSeconds;
    /** The longest one scrape of a broker's JMX or of the Admin API may take; 0: most of the interval (the monitor's default). */
    public final int scrapeTimeoutMs;
    /** Partitions per describeTopics/listOffsets call. */
    public final int partitionBatchSize;
    /** Groups per listConsumerGroupOffsets/describeConsumerGroups call. */
    public final int groupBatchSize;
    /** The span the lag status rules judge (Burrow's window of commits): a STOP needs no commit for this long. */
    public final int lagWindowSeconds;

    public Cadence(int partitionIntervalSeconds, int groupIntervalSeconds, int emptyGroupIntervalSeconds, int scrapeTimeoutMs,
        int partitionBatchSize, int groupBatchSize) {
      this(partitionIntervalSeconds, groupIntervalSeconds, emptyGroupIntervalSeconds, scrapeTimeoutMs, partitionBatchSize, groupBatchSize,
          300);
    }

    public Cadence(int partitionIntervalSeconds, int groupIntervalSeconds, int emptyGroupIntervalSeconds, int scrapeTimeoutMs,
        int partitionBatchSize, int groupBatchSize, int lagWindowSeconds) {
      this.lagWindowSeconds = lagWindowSeconds;
      this.partitionIntervalSeconds = partitionIntervalSeconds;
      this.groupIntervalSeconds = groupIntervalSeconds;
      this.emptyGroupIntervalSeconds = emptyGroupIntervalSeconds;
      this.scrapeTimeoutMs = scrapeTimeoutMs;
      this.partitionBatchSize = partitionBatchSize;
      this.groupBatchSize = groupBatchSize;
    }

    static Cadence read(Node n, int intervalSeconds) throws ConfigException {
      Cadence d = DEFAULT;
      int partition = n.optInt("partitionIntervalSeconds", Math.max(d.partitionIntervalSeconds, intervalSeconds), 1, 3600);
      int group = n.optInt("groupIntervalSeconds", Math.max(d.groupIntervalSeconds, intervalSeconds), 1, 3600);
      int empty = n.optInt("emptyGroupIntervalSeconds", Math.max(d.emptyGroupIntervalSeconds, group), 1, 86_400);
      // A slower cadence is counted in scrapes: one shorter than a scrape could not be kept.
      if (partition < intervalSeconds) {
        throw n.error("partitionIntervalSeconds", "expected at least intervalSeconds (" + intervalSeconds + "), got " + partition);
      }
      if (group < intervalSeconds) {
        throw n.error("groupIntervalSeconds", "expected at least intervalSeconds (" + intervalSeconds + "), got " + group);
      }
      if (empty < group) {
        throw n.error("emptyGroupIntervalSeconds", "expected at least groupIntervalSeconds (" + group + "), got " + empty);
      }
      int lagWindow = n.optInt("lagWindowSeconds", d.lagWindowSeconds, 10, 86_400);
      // the window is sampled at 20 points: fewer group reads than that across it could not judge it
      if (n.has("lagWindowSeconds") && lagWindow < 2 * group) {
        throw n.error("lagWindowSeconds", "expected at least twice groupIntervalSeconds (" + 2 * group + "), got " + lagWindow);
      }
      return new Cadence(partition, group, empty, n.optInt("scrapeTimeoutMs", 0, 100, 600_000),
          n.optInt("partitionBatchSize", d.partitionBatchSize, 100, 100_000), n.optInt("groupBatchSize", d.groupBatchSize, 10, 100_000),
          lagWindow);
    }

    @Override
    public String toString() {
      return "Cadence{partitions " + partitionIntervalSeconds + " s, groups " + groupIntervalSeconds + " s, empty groups "
          + emptyGroupIntervalSeconds + " s" + (scrapeTimeoutMs > 0 ? ", timeout " + scrapeTimeoutMs + " ms" : "") + ", batches "
          + partitionBatchSize + " partitions / " + groupBatchSize + " groups, lag window " + lagWindowSeconds + " s}";
    }
  }

  public final String name;
  public final List<Broker> brokers;
  /** KRaft controllers with JMX, or none (ZooKeeper mode, or controllers not watched). */
  public final List<Controller> controllers;
  public final List<Client> clients;
  /** JMX authentication, or null. */
  public final Credentials jmx;
  public final boolean jmxSsl;
  /** How the Admin collector and the probe connect (never null: {@link KafkaSecurity#PLAINTEXT} when not configured). */
  public final KafkaSecurity security;
  /** The synthetic probe, or null: off. */
  public final Probe probe;
  public final Cadence cadence;

  private KafkaClusterConfig(String name, List<Broker> brokers, List<Controller> controllers, List<Client> clients, Credentials jmx,
      boolean jmxSsl, KafkaSecurity security, Probe probe, Cadence cadence) {
    this.name = name;
    this.brokers = Collections.unmodifiableList(brokers);
    this.controllers = Collections.unmodifiableList(controllers);
    this.clients = Collections.unmodifiableList(clients);
    this.jmx = jmx;
    this.jmxSsl = jmxSsl;
    this.security = security;
    this.probe = probe;
    this.cadence = cadence;
  }

  /** Every broker's client address, comma-separated, for the Admin API. */
  public String bootstrapServers() {
    StringBuilder sb = new StringBuilder();
    for (Broker b : brokers) sb.append(sb.length() == 0 ? "" : ",").append(b.bootstrap);
    return sb.toString();
  }

  /** @param intervalSeconds the monitor's interval: the cadences are at least one */
  static KafkaClusterConfig read(Node n, int intervalSeconds) throws ConfigException {
    n.only("name", "brokers", "controllers", "clients", "jmx", "jmxSsl", "security", "sasl", "probe", "partitionIntervalSeconds",
        "groupIntervalSeconds",
        "emptyGroupIntervalSeconds", "scrapeTimeoutMs", "partitionBatchSize", "groupBatchSize", "lagWindowSeconds");
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
    List<Controller> controllers = new ArrayList<>();
    Set<Integer> controllerIds = new HashSet<>();
    for (Node c : n.objects("controllers")) {
      c.only("id", "host", "jmxPort");
      int id = c.optInt("id", -1, 0, Integer.MAX_VALUE);
      if (id >= 0 && !controllerIds.add(id)) throw c.error("id", "controller id " + id + " is listed twice");
      String host = c.text("host");
      int jmxPort = c.port("jmxPort");
      if (!seen.add(host + ":" + jmxPort)) throw c.error("jmxPort", host + ":" + jmxPort + " is listed twice");
      controllers.add(new Controller(id, host, jmxPort));
    }
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
    Node securityNode = n.optObject("security");
    if (sasl != null && securityNode != null) {
      throw n.error("sasl", "give security or sasl (its older form: SASL_PLAINTEXT with PLAIN), not both");
    }
    KafkaSecurity security = securityNode != null ? KafkaSecurity.read(securityNode)
        : sasl != null ? KafkaSecurity.legacySasl(sasl) : KafkaSecurity.PLAINTEXT;
    Node probe = n.optObject("probe");
    return new KafkaClusterConfig(name, brokers, controllers, clients, jmx == null ? null : Credentials.read(jmx),
        n.optBoolean("jmxSsl", false), security, probe == null ? null : Probe.read(probe), Cadence.read(n, intervalSeconds));
  }

  @Override
  public String toString() {
    return "KafkaCluster{" + name + ", " + brokers + (controllers.isEmpty() ? "" : ", " + controllers) + (clients.isEmpty() ? "" : ", " + clients)
        + (jmx != null ? ", jmx " + jmx : "") + (security.protocol != KafkaSecurity.Protocol.PLAINTEXT ? ", " + security : "")
        + (probe != null ? ", " + probe : "") + ", " + cadence + "}";
  }
}
