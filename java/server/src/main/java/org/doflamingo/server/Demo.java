package org.doflamingo.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.doflamingo.cluster.DemoTraffic;
import org.doflamingo.cluster.FlumeAgent;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.KraftCluster;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's clusters, real ones from the cluster harness (each member its own JVM on
 * 127.0.0.1): 3 ZooKeeper servers, 3 Kafka brokers, a small Flume transport network (an edge agent,
 * HTTP source -> memory channel -> avro sink, sending to a collector agent, avro source -> memory
 * channel -> Kafka sink), the 2016
 * demo's traffic ({@link DemoTraffic}: fast-messages and summary-markers, a consumer group that
 * falls behind and catches up), all under one data folder, and the configuration that watches
 * them ({@code doflamingo.json} there). With {@code --kraft}, a Kafka 4.x cluster in KRaft mode
 * too (3 dedicated controllers, 2 brokers, the probe on it), watched as cluster {@code demo-kraft}.
 */
final class Demo implements AutoCloseable {
  /** Steps shown while the demo starts: ZooKeeper, Kafka, Flume, traffic (and the KRaft cluster) here, then the web host. */
  static int steps(boolean kraft) {
    return kraft ? 6 : 5;
  }
  static final String FLUME_TOPIC = "flume-events";
  private static final Logger log = LoggerFactory.getLogger(Demo.class);

  /** Everything started, in start order; closed in reverse. */
  private final List<AutoCloseable> started = new ArrayList<>();
  private final Path configFile;

  private Demo(Path configFile) {
    this.configFile = configFile;
  }

  Path configFile() {
    return configFile;
  }

  /** Starts the clusters under {@code dir} (wiping what an earlier demo left, except the history). */
  static Demo start(Path dir, Progress progress, boolean kraft) throws Exception {
    Path base = dir.toAbsolutePath();
    Demo demo = new Demo(base.resolve("doflamingo.json"));
    try {
      ZooKeeperEnsemble zk = demo.add(progress.step("ZooKeeper: 3 servers", () -> ZooKeeperEnsemble.start(base, 3)));
      KafkaCluster kafka = demo.add(progress.step("Kafka: 3 brokers", () -> KafkaCluster.start(base, zk, 3)));
      List<FlumeAgent> flume = progress.step("Flume: an edge agent sending over avro to a collector agent with a Kafka sink", () -> {
        createTopic(kafka, FLUME_TOPIC);
        // the collector first: the edge's avro sink connects to it; closed after the edge (reverse order)
        FlumeAgent collector = demo.add(FlumeAgent.startCollector(base.resolve("flume-collector"), "collector",
            kafka.bootstrapServers(), FLUME_TOPIC));
        FlumeAgent edge = demo.add(FlumeAgent.startEdge(base.resolve("flume-edge"), "edge", collector));
        return Arrays.asList(edge, collector);
      });
      // the demo traffic (java/cluster's DemoTraffic) posts to the edge; closed before Flume, Kafka and ZooKeeper
      demo.add(progress.step("Traffic: producers and a lagging consumer group", () -> DemoTraffic.start(kafka, flume.get(0))));
      Path storage = base.resolve("rrd");
      Files.createDirectories(storage);
      // the consumer group runs in this JVM: watched as a client JVM, over loopback JMX
      LoopbackJmx jmx = demo.add(LoopbackJmx.start());
      // with the synthetic probe: its availability per broker shows on the Overview
      String json = withClient(MonitorJson.of(storage, 2, "demo", zk, kafka, flume, true), DemoTraffic.GROUP, jmx.port());
      if (kraft) {
        KraftCluster k4 = demo.add(progress.step("Kafka 4.x KRaft: 3 controllers, 2 brokers",
            () -> KraftCluster.start(base.resolve("kraft"), 3, 2)));
        json = withCluster(json, MonitorJson.kraft(storage, 2, "demo-kraft", k4, true));
      }
      Files.write(demo.configFile, json.getBytes(StandardCharsets.UTF_8));
      return demo;
    } catch (Exception | Error e) {
      demo.close();
      throw e;
    }
  }

  /** The configuration with a client JVM (name, 127.0.0.1, its JMX port) added to the Kafka cluster. */
  static String withClient(String json, String name, int jmxPort) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(json);
    ObjectNode client = ((ObjectNode) root.path("kafka").path(0)).putArray("clients").addObject();
    client.put("name", name).put("host", "127.0.0.1").put("jmxPort", jmxPort);
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  /** The configuration with the Kafka cluster of {@code other} (a whole configuration) added to its own. */
  static String withCluster(String json, String other) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(json);
    ((com.fasterxml.jackson.databind.node.ArrayNode) root.path("kafka")).add(mapper.readTree(other).path("kafka").path(0));
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private <T extends AutoCloseable> T add(T member) {
    started.add(member);
    return member;
  }

  /** As DemoCluster does: 3 partitions on 3 replicas, before the sink first writes. */
  private static void createTopic(KafkaCluster kafka, String topic) throws Exception {
    try (Admin admin = kafka.admin()) {
      admin.createTopics(Collections.singletonList(new NewTopic(topic, 3, (short) 3))).all().get(60, TimeUnit.SECONDS);
    }
  }

  /** Stops what was started, last first (traffic before Flume before Kafka before ZooKeeper). */
  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        log.warn("stopping {}: {}", started.get(i), e.toString());
      }
    }
    started.clear();
  }
}
