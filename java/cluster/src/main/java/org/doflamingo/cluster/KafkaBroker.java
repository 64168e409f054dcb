package org.doflamingo.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.doflamingo.cluster.security.SecuredListeners;

/** One Kafka broker ({@code kafka.Kafka}) of a {@link KafkaCluster}, in its own JVM. */
public final class KafkaBroker extends ClusterMember {
  private final KafkaCluster cluster;
  private final int id;
  private final int port = Ports.free();
  private final int controllerPort;
  /** Ports of the listeners opened beside PLAINTEXT (BrokerSettings.withListeners). */
  private final ListenerPorts securedPorts;
  /** The Kafka it runs (BrokerSettings.withRuntime; 3.9.2 by default), set by configure. */
  private ApacheRuntime runtime;

  KafkaBroker(KafkaCluster cluster, int id, Path dir, boolean kraft) {
    super(dir, Duration.ofSeconds(30));
    this.cluster = cluster;
    this.id = id;
    this.controllerPort = kraft ? Ports.free() : -1;
    this.securedPorts = new ListenerPorts("broker " + id);
  }

  /** Writes server.properties (ZooKeeper mode, or KRaft combined broker+controller). */
  Path configure(String zookeeperConnect, int replication, BrokerSettings settings) {
    runtime = settings.runtime(ApacheRuntime.KAFKA);
    if (runtime.atLeast("4.0")) {
      // 4.x has no ZooKeeper mode, and logs through Log4j 2 where this launcher writes log4j 1 settings
      throw new IllegalArgumentException("Kafka " + runtime.version() + " brokers are started by KraftCluster, not KafkaCluster"
          + " (4.x has no ZooKeeper mode)");
    }
    Path logs = dir.resolve("data");
    SecuredListeners secured = settings.listeners();
    // the secured listeners sit beside PLAINTEXT, which the harness and the other brokers keep using
    StringBuilder extraListeners = new StringBuilder();
    StringBuilder extraProtocols = new StringBuilder();
    if (secured != null) {
      for (SecuredListeners.Listener l : secured.listeners()) {
        extraListeners.append(',').append(l.name).append("://").append(securedPorts.open(l.name));
        extraProtocols.append(',').append(l.name).append(':').append(l.protocol);
      }
    }
    StringBuilder p = new StringBuilder();
    if (controllerPort > 0) {
      p.append("process.roles=broker,controller\n")
          .append("node.id=").append(id).append('\n')
          .append("controller.quorum.voters=").append(id).append('@').append(Ports.HOST).append(':')
          .append(controllerPort).append('\n')
          .append("listeners=PLAINTEXT://").append(Ports.HOST).append(':').append(port).append(extraListeners)
          .append(",CONTROLLER://").append(Ports.HOST).append(':').append(controllerPort).append('\n')
          .append("controller.listener.names=CONTROLLER\n")
          .append("inter.broker.listener.name=PLAINTEXT\n")
          .append("listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT").append(extraProtocols).append('\n');
    } else {
      p.append("broker.id=").append(id).append('\n')
          .append("zookeeper.connect=").append(zookeeperConnect).append('\n')
          .append("zookeeper.session.timeout.ms=6000\n")
          .append("zookeeper.connection.timeout.ms=30000\n")
          .append("listeners=PLAINTEXT://").append(Ports.HOST).append(':').append(port).append(extraListeners).append('\n');
      if (secured != null) {
        p.append("inter.broker.listener.name=PLAINTEXT\n")
            .append("listener.security.protocol.map=PLAINTEXT:PLAINTEXT").append(extraProtocols).append('\n');
      }
    }
    p.append("advertised.listeners=PLAINTEXT://").append(Ports.HOST).append(':').append(port).append(extraListeners).append('\n')
        .append("log.dirs=").append(logs).append('\n')
        .append("num.partitions=1\n")
        .append("default.replication.factor=").append(replication).append('\n')
        .append("offsets.topic.replication.factor=").append(replication).append('\n')
        .append("offsets.topic.num.partitions=5\n")
        .append("transaction.state.log.replication.factor=").append(replication).append('\n')
        .append("transaction.state.log.min.isr=1\n")
        .append("transaction.state.log.num.partitions=5\n")
        .append("group.initial.rebalance.delay.ms=0\n")
        .append("replica.lag.time.max.ms=5000\n")
        .append("auto.create.topics.enable=true\n")
        .append("num.network.threads=2\n")
        .append("num.io.threads=2\n")
        .append("background.threads=2\n")
        .append("num.recovery.threads.per.data.dir=1\n")
        .append("num.replica.fetchers=1\n")
        .append("log.cleaner.threads=1\n")
        .append("log.cleaner.dedupe.buffer.size=2097152\n")
        .append("log.segment.bytes=16777216\n")
        .append("socket.send.buffer.bytes=131072\n")
        .append("socket.receive.buffer.bytes=131072\n")
        .append("controlled.shutdown.enable=true\n")
        .append("leader.imbalance.check.interval.seconds=10\n");
    if (secured != null) {
      for (SecuredListeners.Listener l : secured.listeners()) {
        for (Map.Entry<String, String> e : l.properties().entrySet()) p.append(e.getKey()).append('=').append(e.getValue()).append('\n');
      }
      for (Map.Entry<String, String> e : secured.brokerProperties().entrySet()) {
        p.append(e.getKey()).append('=').append(e.getValue()).append('\n');
      }
    }
    for (java.util.Map.Entry<String, String> e : settings.properties().entrySet()) {
      p.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    Path props = dir.resolve("server.properties");
    Dirs.write(props, p.toString());
    Path log4j = dir.resolve("log4j.properties");
    Dirs.write(log4j, "log4j.rootLogger=INFO, stdout\n"
        + "log4j.appender.stdout=org.apache.log4j.ConsoleAppender\n"
        + "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout\n"
        + "log4j.appender.stdout.layout.ConversionPattern=%d{HH:mm:ss.SSS} %-5p [%t] %c{1} - %m%n\n"
        + "log4j.logger.org.apache.zookeeper=WARN\n"
        + "log4j.logger.kafka.request.logger=WARN\n"
        + "log4j.logger.state.change.logger=WARN\n"
        + "log4j.logger.org.apache.kafka.clients=WARN\n"
        + "log4j.logger.kafka.log.LogCleaner=WARN\n");
    List<String> opts = settings.jvmOptions(id);
    opts.addAll(JvmProcess.jmxOptions(jmxPort, settings.jmx(), dir));
    opts.add("-Dlog4j.configuration=file:" + log4j);
    opts.add("-Dkafka.logs.dir=" + dir);
    process = new JvmProcess("kafka-" + id, runtime, opts, "kafka.Kafka",
        Arrays.asList(props.toString()), dir, dir.resolve("kafka-" + id + ".log"));
    return props;
  }

  /** KRaft only: {@code kafka-storage format} of this node's log directory. */
  void formatStorage(String clusterId, Path props) {
    List<String> opts = JvmProcess.baseOptions("128m");
    opts.add("-Dlog4j.configuration=file:" + dir.resolve("log4j.properties"));
    JvmProcess format = new JvmProcess("kafka-storage-format-" + id, runtime, opts,
        "kafka.tools.StorageTool",
        Arrays.asList("format", "-t", clusterId, "-c", props.toString(), "--ignore-formatted"),
        dir, dir.resolve("kafka-storage-format.log"));
    format.start();
    int code = format.awaitExit(Duration.ofSeconds(90));
    if (code != 0) {
      throw new ClusterException("kafka-storage format exited with " + code + "\n" + format.tail(40));
    }
  }

  void launch() {
    process.start();
  }

  public int id() {
    return id;
  }

  /** The Kafka this broker runs. */
  public ApacheRuntime runtime() {
    return runtime;
  }

  public int port() {
    return port;
  }

  /** The port of secured listener {@code name} ({@link SecuredListeners#SSL}, ...). */
  public int port(String name) {
    return securedPorts.port(name);
  }

  /** host:port of secured listener {@code name}. */
  public String address(String name) {
    return Ports.HOST + ":" + port(name);
  }

  /** KRaft controller listener port, or -1 in ZooKeeper mode. */
  public int controllerPort() {
    return controllerPort;
  }

  /** host:port of the PLAINTEXT listener. */
  public String address() {
    return Ports.HOST + ":" + port;
  }

  /** Kills the broker if it runs, starts it on the same ports and data, waits until it is registered. */
  @Override
  public void restart() {
    process.kill();
    long deadline = System.nanoTime() + KafkaCluster.READY_TIMEOUT.toNanos();
    while (true) {
      process.start();
      try {
        cluster.awaitBrokers(Collections.singletonList(this), KafkaCluster.READY_TIMEOUT);
        return;
      } catch (ClusterException e) {
        // After a kill -9 in ZooKeeper mode the dead session's /brokers/ids/<id> lives on until
        // the session expires (zookeeper.session.timeout.ms, 6 s), and the broker exits with
        // NodeExists: start it again until the registration is free.
        boolean staleRegistration = controllerPort < 0 && !process.isAlive()
            && process.tail(60).contains("NodeExistsException");
        if (!staleRegistration || System.nanoTime() > deadline) {
          throw e;
        }
        Await.sleep(Duration.ofSeconds(1));
      }
    }
  }

  @Override
  public String toString() {
    return "kafka-" + id + "@" + address() + " (jmx " + jmxPort + ")";
  }
}
