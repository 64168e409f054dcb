package org.doflamingo.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doflamingo.cluster.security.SecuredListeners;

/**
 * One node of a {@link KraftCluster} (Kafka 4.x, {@code kafka.Kafka}) in its own JVM: a dedicated
 * controller ({@code process.roles=controller}, a voter of the metadata quorum) or a broker
 * ({@code process.roles=broker}, an observer of it). Its {@code server.properties} is written
 * from a map, the harness's values first and the caller's extra properties last, so that a
 * caller's listener or security settings win.
 */
public final class KraftNode extends ClusterMember {
  /** What a node does in the cluster. */
  public enum Role {
    CONTROLLER, BROKER;

    String processRoles() {
      return this == CONTROLLER ? "controller" : "broker";
    }
  }

  /** Name of the brokers' client (and inter-broker) listener; map it to another protocol in listener.security.protocol.map. */
  public static final String CLIENT_LISTENER = "CLIENT";
  /** Name of the controllers' listener. */
  public static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final KraftCluster cluster;
  private final int id;
  private final Role role;
  private final int port = Ports.free();
  /** KIP-853: the voter's directory id, given at format time (controllers only). */
  private final String directoryId;
  private Path properties;
  /** Ports of a broker's listeners opened beside CLIENT (BrokerSettings.withListeners). */
  private final ListenerPorts securedPorts;
  /** The Kafka it runs (BrokerSettings.withRuntime; 4.4.0 by default), set by configure. */
  private ApacheRuntime runtime;

  KraftNode(KraftCluster cluster, int id, Role role, Path dir, String directoryId) {
    super(dir, Duration.ofSeconds(30));
    this.cluster = cluster;
    this.id = id;
    this.role = role;
    this.directoryId = directoryId;
    this.securedPorts = new ListenerPorts(name());
  }

  /** Writes server.properties and log4j2.properties and prepares the JVM (not started). */
  void configure(String quorumBootstrap, int replication, BrokerSettings settings) {
    runtime = settings.runtime(ApacheRuntime.KAFKA4);
    if (!runtime.atLeast("4.0")) {
      // the dynamic quorum (KIP-853) came with 3.9, and this launcher writes Log4j 2 settings, which 4.0 moved to
      throw new IllegalArgumentException("KraftCluster runs Kafka 4.x (dedicated controllers, dynamic quorum, Log4j 2), not "
          + runtime.version() + ": start 3.x in KRaft mode with KafkaCluster.startKraft");
    }
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", role.processRoles());
    p.put("node.id", String.valueOf(id));
    p.put("controller.quorum.bootstrap.servers", quorumBootstrap);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    if (role == Role.CONTROLLER) {
      p.put("listeners", CONTROLLER_LISTENER + "://" + address());
      p.put("listener.security.protocol.map", CONTROLLER_LISTENER + ":PLAINTEXT");
    } else {
      // secured listeners sit beside CLIENT, which the harness and the other brokers keep using
      SecuredListeners secured = settings.listeners();
      StringBuilder listeners = new StringBuilder(CLIENT_LISTENER + "://" + address());
      StringBuilder protocols = new StringBuilder(CONTROLLER_LISTENER + ":PLAINTEXT," + CLIENT_LISTENER + ":PLAINTEXT");
      if (secured != null) {
        for (SecuredListeners.Listener l : secured.listeners()) {
          listeners.append(',').append(l.name).append("://").append(securedPorts.open(l.name));
          protocols.append(',').append(l.name).append(':').append(l.protocol);
          p.putAll(l.properties());
        }
        p.putAll(secured.brokerProperties());
      }
      p.put("listeners", listeners.toString());
      p.put("advertised.listeners", listeners.toString());
      p.put("inter.broker.listener.name", CLIENT_LISTENER);
      p.put("listener.security.protocol.map", protocols.toString());
      p.put("num.partitions", "1");
      p.put("default.replication.factor", String.valueOf(replication));
      p.put("offsets.topic.replication.factor", String.valueOf(replication));
      p.put("offsets.topic.num.partitions", "5");
      p.put("transaction.state.log.replication.factor", String.valueOf(replication));
      p.put("transaction.state.log.min.isr", "1");
      p.put("transaction.state.log.num.partitions", "5");
      p.put("share.coordinator.state.topic.replication.factor", String.valueOf(replication));
      p.put("share.coordinator.state.topic.min.isr", "1");
      p.put("share.coordinator.state.topic.num.partitions", "3");
      p.put("group.initial.rebalance.delay.ms", "0");
      p.put("replica.lag.time.max.ms", "5000");
      p.put("auto.create.topics.enable", "true");
      p.put("num.replica.fetchers", "1");
      p.put("log.cleaner.threads", "1");
      p.put("log.cleaner.dedupe.buffer.size", "2097152");
      p.put("log.segment.bytes", "16777216");
    }
    p.put("log.dirs", dir.resolve("data").toString());
    // small thread pools and a quick failure detection for a 2-core machine
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("broker.session.timeout.ms", "6000");
    p.put("broker.heartbeat.interval.ms", "1000");
    p.putAll(settings.properties());
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> e : p.entrySet()) text.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    properties = dir.resolve("server.properties");
    Dirs.write(properties, text.toString());
    Path log4j = dir.resolve("log4j2.properties");
    Dirs.write(log4j, "rootLogger.level = INFO\n"
        + "rootLogger.appenderRef.stdout.ref = STDOUT\n"
        + "appender.stdout.type = Console\n"
        + "appender.stdout.name = STDOUT\n"
        + "appender.stdout.layout.type = PatternLayout\n"
        + "appender.stdout.layout.pattern = %d{HH:mm:ss.SSS} %-5p [%t] %c{1} - %m%n\n"
        + "logger.clients.name = org.apache.kafka.clients\n"
        + "logger.clients.level = WARN\n"
        + "logger.request.name = kafka.request.logger\n"
        + "logger.request.level = WARN\n"
        + "logger.state.name = state.change.logger\n"
        + "logger.state.level = WARN\n");
    List<String> opts = settings.jvmOptions(id);
    opts.addAll(JvmProcess.jmxOptions(jmxPort));
    opts.add("-Dlog4j2.configurationFile=" + log4j);
    opts.add("-Dkafka.logs.dir=" + dir);
    process = new JvmProcess(name(), runtime, opts, "kafka.Kafka", Arrays.asList(properties.toString()), dir,
        dir.resolve(name() + ".log"));
  }

  /**
   * {@code kafka-storage format} of this node's log directory, started (not awaited: the cluster
   * formats its nodes at once). Controllers are formatted with the initial voters (KIP-853's
   * dynamic quorum), brokers without.
   */
  JvmProcess startFormat(String clusterId, String initialControllers) {
    List<String> opts = JvmProcess.baseOptions("128m");
    opts.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"));
    List<String> args = role == Role.CONTROLLER
        ? Arrays.asList("format", "-t", clusterId, "-c", properties.toString(), "--initial-controllers", initialControllers)
        : Arrays.asList("format", "-t", clusterId, "-c", properties.toString(), "--no-initial-controllers");
    JvmProcess format = new JvmProcess(name() + "-format", runtime, opts, "kafka.tools.StorageTool", args, dir,
        dir.resolve("kafka-storage-format.log"));
    format.start();
    return format;
  }

  void launch() {
    process.start();
  }

  public int id() {
    return id;
  }

  public Role role() {
    return role;
  }

  /** The Kafka this node runs. */
  public ApacheRuntime runtime() {
    return runtime;
  }

  /** The node's one listener: the client listener of a broker, the controller listener of a controller. */
  public int port() {
    return port;
  }

  /** host:port of {@link #port()}. */
  public String address() {
    return Ports.HOST + ":" + port;
  }

  /** host:port of a broker's listener opened beside CLIENT (see {@code BrokerSettings.withListeners}). */
  public String address(String listener) {
    return Ports.HOST + ":" + securedPorts.port(listener);
  }

  /** {@code id@host:port:directoryId}, the form {@code --initial-controllers} takes (controllers only). */
  String voter() {
    return id + "@" + address() + ":" + directoryId;
  }

  private String name() {
    return (role == Role.CONTROLLER ? "kraft-controller-" : "kraft-broker-") + id;
  }

  /** Kills the node if it runs, starts it on the same ports and data, waits until it serves again. */
  @Override
  public void restart() {
    process.kill();
    process.start();
    if (role == Role.BROKER) {
      cluster.awaitBrokers(Collections.singletonList(this), KraftCluster.READY_TIMEOUT);
    } else {
      cluster.awaitQuorum(KraftCluster.READY_TIMEOUT);
    }
  }

  /** Kills the node; nothing to do for one never configured (a cluster that failed while being laid out). */
  @Override
  public void close() {
    if (process != null) super.close();
  }

  @Override
  public String toString() {
    return name() + "@" + address() + " (jmx " + jmxPort + ")";
  }
}
