package org.doflamingo.cluster;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Starts a whole pipeline for a demo and keeps it running until Ctrl-C: 3 ZooKeeper servers,
 * 3 Kafka brokers, two Flume agents as a small transport network (edge: HTTP source -> memory
 * channel -> avro sink; collector: avro source -> memory channel -> Kafka sink, topic
 * {@code flume-events}) and the {@link DemoTraffic} (posting to the edge) with its default options. Prints every
 * endpoint, then the traffic's figures every 10 s. Argument: the base directory (default: this
 * module's {@code target/demo-cluster}).
 * <pre>mvn -B -q -pl java/cluster exec:java -Dexec.mainClass=org.doflamingo.cluster.DemoCluster</pre>
 */
public final class DemoCluster {
  private DemoCluster() {
  }

  /** {@code <module>/target/demo-cluster} when run from the module's classes, else ./target/demo-cluster. */
  private static Path defaultBase() {
    try {
      Path classes = Paths.get(DemoCluster.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (classes.getFileName().toString().equals("classes") && classes.getParent() != null) {
        return classes.getParent().resolve("demo-cluster");
      }
    } catch (Exception ignored) {
      // fall through
    }
    return Paths.get("target", "demo-cluster");
  }

  public static void main(String[] args) throws Exception {
    Path base = (args.length > 0 ? Paths.get(args[0]) : defaultBase()).toAbsolutePath();
    ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(base, 3);
    KafkaCluster kafka = KafkaCluster.start(base, zk, 3);
    try (Admin admin = kafka.admin()) {
      admin.createTopics(Collections.singletonList(new NewTopic("flume-events", 3, (short) 3)))
          .all().get(60, TimeUnit.SECONDS);
    }
    FlumeAgent collector = FlumeAgent.startCollector(base.resolve("flume-collector"), "collector",
        kafka.bootstrapServers(), "flume-events");
    FlumeAgent edge = FlumeAgent.startEdge(base.resolve("flume-edge"), "edge", collector);
    DemoTraffic traffic = DemoTraffic.start(kafka, edge);
    java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      traffic.close();
      edge.close();
      collector.close();
      kafka.close();
      zk.close();
    }, "demo-cluster-close"));

    System.out.println("ZooKeeper connect " + zk.connectString());
    for (ZooKeeperServer s : zk.servers()) {
      System.out.println("  " + s + " mode " + s.mode());
    }
    System.out.println("Kafka bootstrap " + kafka.bootstrapServers());
    for (KafkaBroker b : kafka.brokers()) {
      System.out.println("  " + b);
    }
    System.out.println("Flume " + edge + ": http://127.0.0.1:" + edge.monitoringPort() + "/metrics, sending to");
    System.out.println("Flume " + collector + ": http://127.0.0.1:" + collector.monitoringPort() + "/metrics");
    System.out.println("traffic: topics " + DemoTraffic.FAST_MESSAGES + " and " + DemoTraffic.SUMMARY_MARKERS
        + ", consumer group " + DemoTraffic.GROUP + " (falls behind while extra producers run)");
    System.out.println("data and logs under " + base + "; Ctrl-C stops everything");

    while (true) {
      Thread.sleep(10_000);
      try {
        System.out.println(traffic + "; avro hop drained " + edge.metric(FlumeAgent.AVRO_SINK, "EventDrainSuccessCount")
            + ", Kafka sink drained " + collector.metric(FlumeAgent.SINK, "EventDrainSuccessCount"));
      } catch (java.io.IOException e) {
        System.out.println(traffic + "; Flume metrics: " + e);
      }
    }
  }
}
