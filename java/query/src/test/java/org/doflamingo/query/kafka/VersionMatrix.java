package org.doflamingo.query.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.KraftCluster;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.LatestValues;
import org.doflamingo.query.Current;
import org.doflamingo.query.Page;
import org.doflamingo.query.Reads;

/**
 * The version matrix (issue 14), a skeleton: for each Kafka the cluster harness has a runtime of,
 * a real cluster is started, watched through its configuration with the probe for a while, and a
 * row printed: which catalogue metrics of its targets arrived, whether a classic and a KIP-848
 * consumer-protocol group's lag came, whether the probe's availability did. Versions without a
 * runtime in java/cluster/runtimes are printed as not covered. A tool, not a test (minutes per
 * version): run from the repository root with {@code mvn -B -q -pl java/query test-compile
 * exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.doflamingo.query.kafka.VersionMatrix}.
 */
public final class VersionMatrix {
  private static final String TOPIC = "matrix";
  /** What each cluster is given to show its figures: partition and group cadences come round in it. */
  private static final Duration WATCH = Duration.ofSeconds(75);
  /** Versions asked for by the issue that the harness has no runtime of yet. */
  private static final List<String> NOT_COVERED = Arrays.asList("2.8.x (ZooKeeper)", "3.0-3.8 (ZooKeeper and KRaft)",
      "4.0-4.3 (KRaft)");

  private VersionMatrix() {}

  /** One version's row. */
  private static final class Row {
    final String version;
    String metrics = "-";
    String classicLag = "-";
    String consumerLag = "-";
    String probe = "-";
    final Set<String> missing = new TreeSet<>();

    Row(String version) {
      this.version = version;
    }
  }

  /** A cluster to watch: how to start it and the configuration that watches it. */
  private interface Case {
    String version();

    /** Starts the cluster, returns what closes it; {@code json[0]} gets its configuration, {@code client[0]} its client properties. */
    AutoCloseable start(Path base, Path storage, String[] json, Properties[] client) throws Exception;

    short replication();
  }

  public static void main(String[] args) throws Exception {
    Path base = Paths.get("target", "matrix").toAbsolutePath();
    Files.createDirectories(base);
    List<Case> cases = Arrays.asList(zooKeeperMode(), kraftCombined(), kraftDedicated());
    List<Row> rows = new ArrayList<>();
    for (Case c : cases) {
      System.out.println("== " + c.version() + ": starting");
      rows.add(watch(c, base.resolve(c.version().replaceAll("[^A-Za-z0-9.]+", "-"))));
    }
    System.out.println();
    System.out.println("| Kafka | catalogue metrics arrived | classic group lag | consumer-protocol group lag | probe |");
    System.out.println("|---|---|---|---|---|");
    for (Row r : rows) {
      System.out.println("| " + r.version + " | " + r.metrics + " | " + r.classicLag + " | " + r.consumerLag + " | " + r.probe + " |");
    }
    for (String v : NOT_COVERED) System.out.println("| " + v + " | not covered: no runtime in java/cluster/runtimes | | | |");
    for (Row r : rows) if (!r.missing.isEmpty()) System.out.println("\n" + r.version + ", not arrived: " + String.join(", ", r.missing));
  }

  private static Row watch(Case c, Path base) throws Exception {
    Row row = new Row(c.version());
    Path storage = Files.createDirectories(base.resolve("rrd"));
    String[] json = new String[1];
    Properties[] client = new Properties[1];
    try (AutoCloseable cluster = c.start(base, storage, json, client)) {
      Monitor monitor = Monitor.open(MonitorConfig.parse(json[0]), System.currentTimeMillis());
      try {
        Reads reads = new Reads(monitor);
        Watching.createTopic(client[0], TOPIC, 2, c.replication());
        Watching.produce(client[0], TOPIC, 100);
        Watching.consumeAndCommit(client[0], TOPIC, "matrix-classic", "classic", 100);
        boolean consumerProtocol;
        try {
          consumerProtocol = Watching.consumeAndCommit(client[0], TOPIC, "matrix-consumer", "consumer", 100) == 100;
        } catch (RuntimeException e) { // the broker has no KIP-848 coordinator
          consumerProtocol = false;
          System.out.println("   consumer protocol: " + e);
        }
        Watching.produce(client[0], TOPIC, 20);
        if (!Watching.tickUntil(monitor, Duration.ofSeconds(120), () -> Watching.allUp(monitor))) {
          System.out.println("   not every target came up:" + Watching.states(monitor));
        }
        Watching.tickUntil(monitor, WATCH, () -> false);
        row.metrics = metrics(reads, monitor, row.missing);
        Map<String, LagRow> lag = new TreeMap<>();
        for (LagRow r : reads.lag().lag("matrix", "matrix-", "group", false, 0, Page.MAX_LIMIT).rows) lag.put(r.group, r);
        row.classicLag = lagOf(lag.get("matrix-classic"));
        row.consumerLag = consumerProtocol ? lagOf(lag.get("matrix-consumer")) : "no (not supported by the broker)";
        Double produce = Watching.current(reads, "matrix", "kafka.probe.cluster_produce_availability", null, 0);
        Double consume = Watching.current(reads, "matrix", "kafka.probe.cluster_consume_availability", null, 0);
        row.probe = produce == null || consume == null ? "no" : String.format("produce %.2f, consume %.2f", produce, consume);
      } finally {
        monitor.close();
      }
    } catch (Exception e) {
      row.metrics = "failed: " + e.getMessage().split("\n")[0];
    }
    return row;
  }

  /** "n of m": catalogue metrics of the cluster's targets with a current series, the others added to {@code missing}. */
  private static String metrics(Reads reads, Monitor monitor, Set<String> missing) {
    Set<String> systems = new LinkedHashSet<>();
    for (Monitor.Target t : monitor.targets()) systems.add(t.system);
    Set<String> expected = new TreeSet<>();
    for (String system : systems) {
      for (MetricSpec s : monitor.catalogue().of(system)) {
        // a client JVM's own MBeans are not configured here; host figures are not Kafka's
        if (!(s.system.equals("kafka-consumer") && s.source.startsWith("jmx ")) && !s.system.equals("host")) expected.add(s.name);
      }
    }
    int arrived = 0;
    for (String name : expected) {
      Map<String, String> labels = new HashMap<>();
      labels.put("cluster", "matrix");
      int[] ids = reads.engine().select(name, labels);
      boolean any = false;
      if (ids.length > 0) {
        LatestValues v = reads.current().latest(ids, System.currentTimeMillis());
        for (int i = 0; i < ids.length && !any; i++) any = Current.orNull(v, i) != null;
      }
      if (any) arrived++; else missing.add(name);
    }
    return arrived + " of " + expected.size();
  }

  private static String lagOf(LagRow r) {
    return r == null || r.totalLag == null ? "no" : "yes (" + r.totalLag + ", " + r.protocol + ", " + r.state + ")";
  }

  private static Case zooKeeperMode() {
    return new Case() {
      public String version() { return "3.9.2 ZooKeeper mode (1 broker)"; }
      public short replication() { return 1; }
      public AutoCloseable start(Path base, Path storage, String[] json, Properties[] client) {
        ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(base, 1);
        KafkaCluster kafka;
        try {
          kafka = KafkaCluster.start(base, zk, 1);
        } catch (RuntimeException e) {
          zk.close();
          throw e;
        }
        json[0] = MonitorJson.of(storage, 2, "matrix", null, kafka, null, true);
        client[0] = kafka.clientProperties();
        return () -> {
          kafka.close();
          zk.close();
        };
      }
    };
  }

  private static Case kraftCombined() {
    return new Case() {
      public String version() { return "3.9.2 KRaft (one broker+controller node)"; }
      public short replication() { return 1; }
      public AutoCloseable start(Path base, Path storage, String[] json, Properties[] client) {
        KafkaCluster kafka = KafkaCluster.startKraft(base);
        json[0] = MonitorJson.of(storage, 2, "matrix", null, kafka, null, true);
        client[0] = kafka.clientProperties();
        return kafka;
      }
    };
  }

  private static Case kraftDedicated() {
    return new Case() {
      public String version() { return "4.4.0 KRaft (3 controllers, 2 brokers)"; }
      public short replication() { return 2; }
      public AutoCloseable start(Path base, Path storage, String[] json, Properties[] client) {
        KraftCluster kafka = KraftCluster.start(base, 3, 2);
        json[0] = MonitorJson.kraft(storage, 2, "matrix", kafka, true);
        client[0] = kafka.clientProperties();
        return kafka;
      }
    };
  }
}
