package org.doflamingo.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * Real Kafka brokers, one JVM each, on 127.0.0.1 with free ports; data and logs under
 * {@code baseDir/kafka-<id>/}. Either ZooKeeper mode ({@link #start}) or one KRaft node that is
 * broker and controller at once ({@link #startKraft}). {@link #close()} kills every broker.
 */
public final class KafkaCluster implements AutoCloseable {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final Path baseDir;
  private final List<KafkaBroker> brokers = new ArrayList<>();
  private final boolean kraft;
  private volatile String clusterId;
  private volatile String zookeeperConnect;

  private KafkaCluster(Path baseDir, boolean kraft) {
    this.baseDir = baseDir.toAbsolutePath();
    this.kraft = kraft;
  }

  /** {@code size} brokers in ZooKeeper mode (chroot {@code /kafka}); waits until all are registered. */
  public static KafkaCluster start(Path baseDir, ZooKeeperEnsemble zookeeper, int size) {
    return start(baseDir, zookeeper, size, "/kafka");
  }

  /**
   * {@code size} brokers in ZooKeeper mode under the chroot {@code chroot} (so several clusters can
   * share one ensemble); waits until all are registered.
   */
  public static KafkaCluster start(Path baseDir, ZooKeeperEnsemble zookeeper, int size, String chroot) {
    return start(baseDir, zookeeper, size, chroot, BrokerSettings.TEST);
  }

  /** As {@link #start(Path, ZooKeeperEnsemble, int, String)}, the brokers run with {@code settings}. */
  public static KafkaCluster start(Path baseDir, ZooKeeperEnsemble zookeeper, int size, String chroot,
      BrokerSettings settings) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1: " + size);
    }
    if (!chroot.startsWith("/")) {
      throw new IllegalArgumentException("chroot must start with '/': " + chroot);
    }
    KafkaCluster cluster = new KafkaCluster(baseDir, false);
    cluster.zookeeperConnect = zookeeper.connectString() + chroot;
    try {
      int replication = Math.min(3, size);
      for (int id = 1; id <= size; id++) {
        Path dir = baseDir.resolve("kafka-" + id);
        KafkaBroker b = new KafkaBroker(cluster, id, settings.keepsData() ? Dirs.kept(dir) : Dirs.fresh(dir), false);
        b.configure(zookeeper.connectString() + chroot, replication, settings);
        cluster.brokers.add(b);
      }
      for (KafkaBroker b : cluster.brokers) {
        b.launch();
      }
      cluster.awaitBrokers(cluster.brokers, READY_TIMEOUT);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * One KRaft node ({@code process.roles=broker,controller}, node id 1, a static single-voter
   * quorum): formats its storage with {@code kafka.tools.StorageTool format}, starts it, waits
   * until it serves.
   */
  public static KafkaCluster startKraft(Path baseDir) {
    return startKraft(baseDir, BrokerSettings.TEST);
  }

  /** As {@link #startKraft(Path)}, the node running with {@code settings} (secured listeners, say). */
  public static KafkaCluster startKraft(Path baseDir, BrokerSettings settings) {
    KafkaCluster cluster = new KafkaCluster(baseDir, true);
    try {
      KafkaBroker b = new KafkaBroker(cluster, 1, Dirs.fresh(baseDir.resolve("kafka-kraft-1")), true);
      Path props = b.configure(null, 1, settings);
      cluster.brokers.add(b);
      cluster.clusterId = Uuid.randomUuid().toString();
      b.formatStorage(cluster.clusterId, props);
      b.launch();
      cluster.awaitBrokers(cluster.brokers, READY_TIMEOUT);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public boolean isKraft() {
    return kraft;
  }

  public List<KafkaBroker> brokers() {
    return Collections.unmodifiableList(brokers);
  }

  public KafkaBroker broker(int id) {
    for (KafkaBroker b : brokers) {
      if (b.id() == id) {
        return b;
      }
    }
    throw new IllegalArgumentException("no broker " + id);
  }

  public Path baseDir() {
    return baseDir;
  }

  /** Every broker's listener, running or not: {@code 127.0.0.1:p1,127.0.0.1:p2,...}. */
  public String bootstrapServers() {
    StringJoiner j = new StringJoiner(",");
    for (KafkaBroker b : brokers) {
      j.add(b.address());
    }
    return j.toString();
  }

  /** Every broker's secured listener {@code name} ({@code SecuredListeners.SSL}, ...), as {@link #bootstrapServers()}. */
  public String bootstrapServers(String listener) {
    StringJoiner j = new StringJoiner(",");
    for (KafkaBroker b : brokers) {
      j.add(b.address(listener));
    }
    return j.toString();
  }

  /** Stores SCRAM credentials of {@code user} (see {@link ScramUsers}), through the PLAINTEXT listener. */
  public void createScramUser(String user, String mechanism, String password) throws Exception {
    try (Admin admin = admin()) {
      ScramUsers.create(admin, user, mechanism, password);
    }
  }

  /** Client properties with bootstrap.servers set (for producers, consumers, admin clients). */
  public Properties clientProperties() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return p;
  }

  /** A new admin client; the caller closes it. */
  public Admin admin() {
    return admin(clientProperties());
  }

  /** An admin client of {@code client} with the harness's timeouts (10 s a request, 30 s a call). */
  static Admin admin(Properties client) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    return Admin.create(p);
  }

  /** Ids of the brokers the cluster metadata lists right now (asked through any running broker). */
  public Set<Integer> registeredBrokerIds() throws Exception {
    List<KafkaBroker> running = new ArrayList<>();
    for (KafkaBroker b : brokers) {
      if (b.isAlive()) {
        running.add(b);
      }
    }
    return describe(running);
  }

  /** Waits until the metadata lists every running broker of this cluster. */
  public void awaitBrokers(Duration timeout) {
    List<KafkaBroker> running = new ArrayList<>();
    for (KafkaBroker b : brokers) {
      if (b.isAlive()) {
        running.add(b);
      }
    }
    awaitBrokers(running, timeout);
  }

  void awaitBrokers(Collection<KafkaBroker> expected, Duration timeout) {
    Set<Integer> ids = new TreeSet<>();
    List<JvmProcess> watched = new ArrayList<>();
    for (KafkaBroker b : expected) {
      ids.add(b.id());
      watched.add(b.process());
    }
    Await.until("Kafka brokers " + ids + " listening and registered (" + bootstrapServers() + ")", timeout, () -> {
      for (KafkaBroker b : expected) {
        if (!Ports.accepts(b.port())) {
          return false;
        }
      }
      return describe(expected).containsAll(ids);
    }, watched.toArray(new JvmProcess[0]));
  }

  private static Set<Integer> describe(Collection<KafkaBroker> via) throws Exception {
    StringJoiner bootstrap = new StringJoiner(",");
    for (KafkaBroker b : via) {
      bootstrap.add(b.address());
    }
    return registered(bootstrap.toString(), Collections.<String, String>emptyMap());
  }

  /** An admin client for readiness checks: short timeouts, quick reconnects ({@code clientProperties} besides bootstrap). */
  static Admin quickAdmin(String bootstrap, Map<String, String> clientProperties) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
    return Admin.create(p);
  }

  /** Ids of the brokers the metadata lists, asked through {@code bootstrap}. */
  static Set<Integer> registered(String bootstrap, Map<String, String> clientProperties) throws Exception {
    try (Admin admin = quickAdmin(bootstrap, clientProperties)) {
      Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
          .nodes().get(6, TimeUnit.SECONDS);
      Set<Integer> ids = new TreeSet<>();
      for (Node n : nodes) {
        ids.add(n.id());
      }
      return ids;
    }
  }

  /** The brokers' {@code zookeeper.connect}, chroot included (null in KRaft mode). */
  public String zookeeperConnect() {
    return zookeeperConnect;
  }

  /** KRaft cluster id (null in ZooKeeper mode). */
  public String clusterId() {
    return clusterId;
  }

  @Override
  public void close() {
    for (KafkaBroker b : brokers) {
      b.close();
    }
  }

  @Override
  public String toString() {
    return "KafkaCluster" + brokers;
  }
}
