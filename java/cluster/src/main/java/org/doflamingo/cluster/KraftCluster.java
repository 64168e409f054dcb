package org.doflamingo.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka 4.x cluster in KRaft mode with DEDICATED controllers: {@code controllers} nodes with
 * {@code process.roles=controller} (node ids 1..c, the voters of a KIP-853 dynamic quorum reached
 * through {@code controller.quorum.bootstrap.servers}) and {@code brokers} nodes with
 * {@code process.roles=broker} (node ids 101..), each its own JVM with JMX, on 127.0.0.1 with free
 * ports, under {@code baseDir/kraft-*}. Extra {@code server.properties} entries for the brokers
 * and for the controllers (listeners' protocols, SASL, TLS) come in as {@link BrokerSettings};
 * {@code clientProperties} are what every client of the cluster needs beside bootstrap.servers
 * (the harness's own readiness checks use them too). {@link #close()} kills every node.
 */
public final class KraftCluster implements AutoCloseable {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(150);
  /** Broker node ids start here, so a broker's id never looks like a controller's. */
  public static final int FIRST_BROKER_ID = 101;

  private final Path baseDir;
  private final List<KraftNode> controllers = new ArrayList<>();
  private final List<KraftNode> brokers = new ArrayList<>();
  private final Map<String, String> clientProperties;
  private final String clusterId = Uuid.randomUuid().toString();

  private KraftCluster(Path baseDir, Map<String, String> clientProperties) {
    this.baseDir = baseDir.toAbsolutePath();
    this.clientProperties = Collections.unmodifiableMap(new LinkedHashMap<>(clientProperties));
  }

  /** {@code controllers} dedicated controllers and {@code brokers} brokers, plaintext, the tests' small JVMs. */
  public static KraftCluster start(Path baseDir, int controllers, int brokers) {
    return start(baseDir, controllers, brokers, BrokerSettings.TEST, BrokerSettings.TEST, Collections.<String, String>emptyMap());
  }

  /**
   * Formats every node's storage (all at once), starts the controllers, then the brokers, and
   * waits until every broker is registered and the quorum has a leader and all its voters.
   */
  public static KraftCluster start(Path baseDir, int controllers, int brokers, BrokerSettings brokerSettings,
      BrokerSettings controllerSettings, Map<String, String> clientProperties) {
    if (controllers < 1) throw new IllegalArgumentException("controllers must be at least 1: " + controllers);
    if (brokers < 1) throw new IllegalArgumentException("brokers must be at least 1: " + brokers);
    KraftCluster cluster = new KraftCluster(baseDir, clientProperties);
    try {
      for (int id = 1; id <= controllers; id++) {
        cluster.controllers.add(new KraftNode(cluster, id, KraftNode.Role.CONTROLLER,
            Dirs.fresh(baseDir.resolve("kraft-controller-" + id)), Uuid.randomUuid().toString()));
      }
      for (int n = 0; n < brokers; n++) {
        int id = FIRST_BROKER_ID + n;
        cluster.brokers.add(new KraftNode(cluster, id, KraftNode.Role.BROKER, Dirs.fresh(baseDir.resolve("kraft-broker-" + id)), null));
      }
      int replication = Math.min(3, brokers);
      StringJoiner bootstrap = new StringJoiner(",");
      StringJoiner voters = new StringJoiner(",");
      for (KraftNode c : cluster.controllers) {
        bootstrap.add(c.address());
        voters.add(c.voter());
      }
      for (KraftNode c : cluster.controllers) c.configure(bootstrap.toString(), replication, controllerSettings);
      for (KraftNode b : cluster.brokers) b.configure(bootstrap.toString(), replication, brokerSettings);
      List<JvmProcess> formats = new ArrayList<>();
      for (KraftNode node : cluster.nodes()) formats.add(node.startFormat(cluster.clusterId, voters.toString()));
      for (JvmProcess format : formats) {
        int code = format.awaitExit(Duration.ofSeconds(120));
        if (code != 0) throw new ClusterException("kafka-storage format (" + format.name() + ") exited with " + code + "\n" + format.tail(40));
      }
      for (KraftNode c : cluster.controllers) c.launch();
      for (KraftNode b : cluster.brokers) b.launch();
      cluster.awaitBrokers(cluster.brokers, READY_TIMEOUT);
      cluster.awaitQuorum(READY_TIMEOUT);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public List<KraftNode> controllers() {
    return Collections.unmodifiableList(controllers);
  }

  public List<KraftNode> brokers() {
    return Collections.unmodifiableList(brokers);
  }

  /** Controllers, then brokers. */
  public List<KraftNode> nodes() {
    List<KraftNode> all = new ArrayList<>(controllers);
    all.addAll(brokers);
    return all;
  }

  /** The node with this id (controllers 1.., brokers {@value #FIRST_BROKER_ID}..). */
  public KraftNode node(int id) {
    for (KraftNode n : nodes()) if (n.id() == id) return n;
    throw new IllegalArgumentException("no node " + id);
  }

  public Path baseDir() {
    return baseDir;
  }

  public String clusterId() {
    return clusterId;
  }

  /** Every broker's client listener, running or not. */
  public String bootstrapServers() {
    return addresses(brokers);
  }

  /** Every broker's listener {@code listener}, one opened beside CLIENT (BrokerSettings.withListeners). */
  public String bootstrapServers(String listener) {
    StringJoiner j = new StringJoiner(",");
    for (KraftNode b : brokers) j.add(b.address(listener));
    return j.toString();
  }

  /** Stores SCRAM credentials of {@code user} (see {@link ScramUsers}), through the CLIENT listener. */
  public void createScramUser(String user, String mechanism, String password) throws Exception {
    try (Admin admin = admin()) {
      ScramUsers.create(admin, user, mechanism, password);
    }
  }

  /** Every controller's listener: {@code controller.quorum.bootstrap.servers}. */
  public String quorumBootstrapServers() {
    return addresses(controllers);
  }

  /** bootstrap.servers and the cluster's client properties (for producers, consumers, admin clients). */
  public Properties clientProperties() {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return p;
  }

  /** A new admin client; the caller closes it. */
  public Admin admin() {
    return KafkaCluster.admin(clientProperties());
  }

  /** Ids of the brokers the metadata lists right now. */
  public Set<Integer> registeredBrokerIds() throws Exception {
    return describe(running(brokers));
  }

  /** The metadata quorum as the active controller reports it (asked through the running brokers). */
  public QuorumInfo quorum() throws Exception {
    try (Admin admin = KafkaCluster.quickAdmin(addresses(running(brokers)), clientProperties)) {
      return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS);
    }
  }

  /** Waits until the metadata lists every running broker. */
  public void awaitBrokers(Duration timeout) {
    awaitBrokers(running(brokers), timeout);
  }

  void awaitBrokers(Collection<KraftNode> expected, Duration timeout) {
    Set<Integer> ids = new TreeSet<>();
    for (KraftNode b : expected) ids.add(b.id());
    Await.until("KRaft brokers " + ids + " listening and registered (" + bootstrapServers() + ")", timeout, () -> {
      for (KraftNode b : expected) if (!Ports.accepts(b.port())) return false;
      return describe(expected).containsAll(ids);
    }, processes(nodes()));
  }

  /**
   * Waits until the quorum has a leader and every running controller is a voter that caught up
   * with the leader within the last 10 s (a restarted controller has fetched again).
   */
  void awaitQuorum(Duration timeout) {
    List<KraftNode> live = running(controllers);
    Await.until("KRaft quorum with a leader and voters " + live + " caught up", timeout, () -> {
      QuorumInfo q = quorum();
      if (q.leaderId() < 0) return false;
      long now = System.currentTimeMillis();
      for (KraftNode c : live) {
        boolean caughtUp = false;
        for (QuorumInfo.ReplicaState v : q.voters()) {
          if (v.replicaId() == c.id() && v.lastCaughtUpTimestamp().isPresent()
              && now - v.lastCaughtUpTimestamp().getAsLong() < 10_000) {
            caughtUp = true;
          }
        }
        if (!caughtUp) return false;
      }
      return true;
    }, processes(live));
  }

  private static List<KraftNode> running(List<KraftNode> nodes) {
    List<KraftNode> out = new ArrayList<>();
    for (KraftNode n : nodes) if (n.isAlive()) out.add(n);
    return out;
  }

  private static JvmProcess[] processes(Collection<KraftNode> nodes) {
    List<JvmProcess> out = new ArrayList<>();
    for (KraftNode n : nodes) out.add(n.process());
    return out.toArray(new JvmProcess[0]);
  }

  private static String addresses(Collection<KraftNode> nodes) {
    StringJoiner j = new StringJoiner(",");
    for (KraftNode n : nodes) j.add(n.address());
    return j.toString();
  }

  private Set<Integer> describe(Collection<KraftNode> via) throws Exception {
    return KafkaCluster.registered(addresses(via), clientProperties);
  }

  @Override
  public void close() {
    for (KraftNode b : brokers) b.close();
    for (KraftNode c : controllers) c.close();
  }

  @Override
  public String toString() {
    return "KraftCluster" + nodes();
  }
}
