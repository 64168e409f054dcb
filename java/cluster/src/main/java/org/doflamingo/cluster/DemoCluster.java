package org.doflamingo.cluster;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Starts a whole pipeline for a demo and keeps it running until Ctrl-C: 3 ZooKeeper servers,
 * 3 Kafka brokers, and a Flume agent (HTTP source -> memory channel -> Kafka sink, topic
 * {@code flume-events}) fed 20 events a second. Prints every endpoint. Argument: the base
 * directory (default: this module's {@code target/demo-cluster}).
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
        FlumeAgent flume = FlumeAgent.startKafkaFlow(base.resolve("flume"), kafka.bootstrapServers(), "flume-events");
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            flume.close();
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
        System.out.println("Flume " + flume + ": http://127.0.0.1:" + flume.monitoringPort() + "/metrics");
        System.out.println("data and logs under " + base + "; Ctrl-C stops everything");

        long n = 0;
        while (true) {
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                batch.add("event-" + n++);
            }
            try {
                flume.postEvents(batch);
                if (n % 200 == 0) {
                    System.out.println(n + " events posted; Kafka sink drained "
                            + flume.metric(FlumeAgent.SINK, "EventDrainSuccessCount"));
                }
            } catch (java.io.IOException e) {
                System.err.println("flume: " + e);
            }
            Thread.sleep(1000);
        }
    }
}
