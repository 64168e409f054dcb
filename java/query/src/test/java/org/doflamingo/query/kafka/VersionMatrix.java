package org.doflamingo.query.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.doflamingo.cluster.ApacheRuntime;
import org.doflamingo.cluster.BrokerSettings;
import org.doflamingo.cluster.FlumeAgent;
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
 * The version matrix (issue 14): every Kafka from 2.8 to the newest 4.x (ZooKeeper mode, KRaft
 * where the version runs it in production), ZooKeeper 3.6-3.9 and Flume 1.9-1.11, each started for
 * real ({@code java/cluster}, the runtimes of {@code -Pversion-matrix}), watched through its
 * configuration as an operator's would be, and a row printed: which catalogue metrics of its
 * targets arrived, and of those that did not, which the catalogue marks absent ({@code notOn}) and
 * which it does not; for Kafka also a classic and a KIP-848 consumer-protocol group's lag and the
 * probe. A version that cannot run is a row saying why. A tool, not a test (about an hour for all);
 * from the repository root:
 *
 * <pre>
 * mvn -B -q -Pversion-matrix -pl java/cluster install -DskipTests
 * mvn -B -q -pl java/query test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.doflamingo.query.kafka.VersionMatrix
 * </pre>
 *
 * {@code -Dmatrix.only=kafka-2.8,zookeeper} runs the rows whose key contains one of the words.
 * Rows are appended to {@code target/matrix/matrix.md} of the working directory (the repository root)
 * as they finish, so a run cut short keeps what it measured.
 */
public final class VersionMatrix {
  private static final String CLUSTER = "matrix";
  private static final String TOPIC = "matrix";
  /** What a Kafka cluster is given to show its figures: partition and group cadences come round in it. */
  private static final Duration WATCH = Duration.ofSeconds(60);
  /** ZooKeeper's and Flume's figures are all read every scrape. */
  private static final Duration SHORT_WATCH = Duration.ofSeconds(20);

  /** Kafka 2.8 and 3.x in ZooKeeper mode, newest patch of each minor. */
  private static final List<String> KAFKA_ZK = Arrays.asList("2.8.2", "3.0.2", "3.1.2", "3.2.3", "3.3.2", "3.4.1", "3.5.2",
      "3.6.2", "3.7.2", "3.8.1", "3.9.2");
  /** 3.3 made KRaft production-ready (KIP-833); before it, early access, not run. */
  private static final List<String> KAFKA_KRAFT_3 = Arrays.asList("3.3.2", "3.4.1", "3.5.2", "3.6.2", "3.7.2", "3.8.1", "3.9.2");
  private static final List<String> KAFKA_KRAFT_EARLY = Arrays.asList("2.8.2", "3.0.2", "3.1.2", "3.2.3");
  private static final List<String> KAFKA_4 = Arrays.asList("4.0.2", "4.1.2", "4.2.2", "4.3.2", "4.4.0");
  private static final List<String> ZOOKEEPER = Arrays.asList("3.6.4", "3.7.2", "3.8.6", "3.9.5");
  private static final List<String> FLUME = Arrays.asList("1.9.0", "1.10.1", "1.11.0");

  private VersionMatrix() {}

  /** One row: a product at a version in one mode. */
  private static final class Row {
    final String product;
    final String version;
    final String mode;
    String metrics = "-";
    String lag = "-";
    String consumerLag = "-";
    String probe = "-";
    String note = "";
    long seconds;
    /** Not arrived, marked absent by the catalogue: name and its notOn. */
    final Map<String, String> marked = new TreeMap<>();
    /** Not arrived, not marked. */
    final Set<String> unexplained = new TreeSet<>();

    Row(String product, String version, String mode) {
      this.product = product;
      this.version = version;
      this.mode = mode;
    }

    String key() {
      return (product + "-" + version + " " + mode).toLowerCase(java.util.Locale.ROOT);
    }

    String line() {
      String absent = marked.isEmpty() && unexplained.isEmpty() ? "none"
          : marked.size() + " marked absent" + (unexplained.isEmpty() ? "" : ", " + unexplained.size() + " NOT marked");
      if (product.equals("Kafka")) {
        return "| " + version + " | " + mode + " | " + metrics + " | " + (metrics.equals("-") ? "-" : absent) + " | " + lag + " | "
            + consumerLag + " | " + probe + " | " + seconds + " s" + (note.isEmpty() ? "" : " | " + note) + " |";
      }
      return "| " + product + " " + version + " | " + metrics + " | " + (metrics.equals("-") ? "-" : absent) + " | " + seconds + " s"
          + (note.isEmpty() ? "" : " | " + note) + " |";
    }
  }

  /** One row's work: starts what it watches and fills the row. */
  private interface Run {
    void run(Row row, Path base, Shared shared) throws Exception;
  }

  private static final class Case {
    final Row row;
    final Run run;
    final List<ApacheRuntime> needs;

    Case(Row row, List<ApacheRuntime> needs, Run run) {
      this.row = row;
      this.needs = needs;
      this.run = run;
    }
  }

  public static void main(String[] args) throws Exception {
    Path base = Paths.get("target", "matrix").toAbsolutePath();
    Files.createDirectories(base);
    Path out = base.resolve("matrix.md");
    Files.write(out, new byte[0]);
    List<String> only = new ArrayList<>();
    for (String w : System.getProperty("matrix.only", "").split(",")) if (!w.trim().isEmpty()) only.add(w.trim().toLowerCase(java.util.Locale.ROOT));
    List<Case> cases = cases();
    long started = System.nanoTime();
    List<Row> done = new ArrayList<>();
    try (Shared shared = new Shared(base)) {
      for (Case c : cases) {
        if (!only.isEmpty() && only.stream().noneMatch(w -> c.row.key().contains(w))) continue;
        System.out.println("== " + c.row.key());
        long t0 = System.nanoTime();
        String missingRuntime = missing(c.needs);
        if (missingRuntime != null) {
          c.row.note = missingRuntime;
        } else if (c.run != null) {
          Path dir = base.resolve(c.row.key().replaceAll("[^a-z0-9.]+", "-"));
          try {
            c.run.run(c.row, dir, shared);
          } catch (Exception | AssertionError e) {
            String m = String.valueOf(e.getMessage());
            c.row.note = "failed: " + m.split("\n")[0];
            System.out.println("   " + m);
          } finally {
            // a row's RRD files are 200-300 MB (2.3 MB a series at the cluster tiers) and not read again; its logs are kept
            deleteTree(dir.resolve("rrd"));
          }
        }
        c.row.seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        done.add(c.row);
        System.out.println("   " + c.row.line());
        Files.write(out, (c.row.line() + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
      }
    }
    StringBuilder table = new StringBuilder("\n| Kafka | mode | catalogue metrics arrived | not arrived | classic group lag "
        + "| consumer-protocol group lag | probe | time | note |\n|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : done) if (r.product.equals("Kafka")) table.append(r.line()).append('\n');
    table.append("\n| ZooKeeper / Flume | catalogue metrics arrived | not arrived | time | note |\n|---|---|---|---|---|\n");
    for (Row r : done) if (!r.product.equals("Kafka")) table.append(r.line()).append('\n');
    for (Row r : done) {
      if (!r.unexplained.isEmpty()) table.append("\n").append(r.key()).append(", not arrived and NOT marked absent: ").append(String.join(", ", r.unexplained)).append('\n');
    }
    for (Row r : done) {
      if (!r.marked.isEmpty()) table.append("\n").append(r.key()).append(", not arrived, marked absent: ").append(String.join(", ", r.marked.keySet())).append('\n');
    }
    table.append("\n").append(done.size()).append(" rows in ").append((System.nanoTime() - started) / 60_000_000_000L).append(" min\n");
    System.out.println(table);
    Files.write(out, table.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      List<Path> all = new ArrayList<>();
      paths.forEach(all::add);
      Collections.reverse(all);
      for (Path p : all) Files.delete(p);
    }
  }

  /** Why a row cannot run for want of a runtime, or null. */
  private static String missing(List<ApacheRuntime> needs) {
    for (ApacheRuntime r : needs) {
      if (!r.isAvailable()) return "not run: no runtime of " + r + " (build java/cluster with -Pversion-matrix)";
    }
    return null;
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (String v : KAFKA_ZK) {
      ApacheRuntime kafka = ApacheRuntime.kafka(v);
      cases.add(new Case(new Row("Kafka", v, "ZooKeeper"), Arrays.asList(kafka, ApacheRuntime.ZOOKEEPER),
          (row, base, shared) -> zooKeeperMode(row, base, shared, kafka)));
    }
    for (String v : KAFKA_KRAFT_EARLY) {
      Row row = new Row("Kafka", v, "KRaft");
      row.note = "not run: KRaft was early access before 3.3 (KIP-833), not for production";
      cases.add(new Case(row, Collections.<ApacheRuntime>emptyList(), null));
    }
    for (String v : KAFKA_KRAFT_3) {
      ApacheRuntime kafka = ApacheRuntime.kafka(v);
      cases.add(new Case(new Row("Kafka", v, "KRaft, 1 combined node"), Collections.singletonList(kafka),
          (row, base, shared) -> kraftCombined(row, base, kafka)));
    }
    for (String v : KAFKA_4) {
      ApacheRuntime kafka = ApacheRuntime.kafka(v);
      cases.add(new Case(new Row("Kafka", v, "KRaft, 3 controllers + 2 brokers"), Collections.singletonList(kafka),
          (row, base, shared) -> kraftDedicated(row, base, kafka)));
    }
    for (String v : ZOOKEEPER) {
      ApacheRuntime zk = ApacheRuntime.zookeeper(v);
      cases.add(new Case(new Row("ZooKeeper", v, "1 server"), Collections.singletonList(zk), (row, base, shared) -> zooKeeper(row, base, zk)));
    }
    for (String v : FLUME) {
      ApacheRuntime flume = ApacheRuntime.flume(v);
      cases.add(new Case(new Row("Flume", v, "HTTP source, memory channel, Kafka sink"), Arrays.asList(flume, ApacheRuntime.KAFKA),
          (row, base, shared) -> flume(row, base, shared, flume)));
    }
    return cases;
  }

  /** What several rows share, started when first needed: a ZooKeeper for the ZooKeeper-mode brokers, a Kafka for Flume's sink. */
  private static final class Shared implements AutoCloseable {
    private final Path base;
    private ZooKeeperEnsemble zookeeper;
    private KafkaCluster kafka;

    Shared(Path base) {
      this.base = base;
    }

    ZooKeeperEnsemble zookeeper() {
      if (zookeeper == null) zookeeper = ZooKeeperEnsemble.start(base.resolve("shared-zookeeper"), 1);
      return zookeeper;
    }

    KafkaCluster kafka() {
      if (kafka == null) kafka = KafkaCluster.startKraft(base.resolve("shared-kafka"));
      return kafka;
    }

    @Override
    public void close() {
      if (kafka != null) kafka.close();
      if (zookeeper != null) zookeeper.close();
    }
  }

  private static void zooKeeperMode(Row row, Path base, Shared shared, ApacheRuntime runtime) throws Exception {
    ZooKeeperEnsemble zk = shared.zookeeper();
    try (KafkaCluster kafka = KafkaCluster.start(base, zk, 1, "/kafka-" + runtime.version(), BrokerSettings.TEST.withRuntime(runtime))) {
      watchKafka(row, base, MonitorJson.of(storage(base), 2, CLUSTER, null, kafka, null, true), kafka.clientProperties(), (short) 1);
    }
  }

  private static void kraftCombined(Row row, Path base, ApacheRuntime runtime) throws Exception {
    BrokerSettings settings = BrokerSettings.TEST.withRuntime(runtime);
    if (runtime.atLeast("3.7")) {
      // KIP-848's consumer protocol: early access in 3.7, preview in 3.8/3.9, off by default until 4.0
      settings = settings.withProperty("group.coordinator.rebalance.protocols", "classic,consumer");
      if (!runtime.atLeast("3.8")) settings = settings.withProperty("group.coordinator.new.enable", "true");
      row.note = "consumer protocol enabled (group.coordinator.rebalance.protocols=classic,consumer"
          + (runtime.atLeast("3.8") ? ")" : ", group.coordinator.new.enable=true)");
    }
    try (KafkaCluster kafka = KafkaCluster.startKraft(base, settings)) {
      watchKafka(row, base, MonitorJson.of(storage(base), 2, CLUSTER, null, kafka, null, true), kafka.clientProperties(), (short) 1);
    }
  }

  private static void kraftDedicated(Row row, Path base, ApacheRuntime runtime) throws Exception {
    BrokerSettings settings = BrokerSettings.TEST.withRuntime(runtime);
    try (KraftCluster kafka = KraftCluster.start(base, 3, 2, settings, settings, Collections.<String, String>emptyMap())) {
      watchKafka(row, base, MonitorJson.kraft(storage(base), 2, CLUSTER, kafka, true), kafka.clientProperties(), (short) 2);
    }
  }

  private static Path storage(Path base) throws IOException {
    return Files.createDirectories(base.resolve("rrd"));
  }

  /** Traffic, a classic and a consumer-protocol group, then the monitor and the probe for {@link #WATCH}. */
  private static void watchKafka(Row row, Path base, String json, Properties client, short replication) throws Exception {
    try (Monitor monitor = Monitor.open(MonitorConfig.parse(json), System.currentTimeMillis())) {
      Reads reads = new Reads(monitor);
      Watching.createTopic(client, TOPIC, 2, replication);
      Watching.produce(client, TOPIC, 100);
      Watching.consumeAndCommit(client, TOPIC, "matrix-classic", "classic", 100);
      String consumerProtocol = null;
      try {
        if (Watching.consumeAndCommit(client, TOPIC, "matrix-consumer", "consumer", 100) != 100) consumerProtocol = "no (the group read nothing)";
      } catch (RuntimeException e) {
        consumerProtocol = "no (the broker does not offer it: " + e.getClass().getSimpleName() + ")";
        System.out.println("   consumer protocol: " + e);
      }
      Watching.produce(client, TOPIC, 20);
      if (!Watching.tickUntil(monitor, Duration.ofSeconds(120), () -> Watching.allUp(monitor))) {
        String states = Watching.states(monitor);
        System.out.println("   not every target came up:" + states);
        row.note = join(row.note, "not every target UP:" + states.replace('\n', ' '));
      }
      Watching.tickUntil(monitor, WATCH, () -> false);
      metrics(row, reads, monitor, "cluster", CLUSTER);
      Map<String, LagRow> lag = new TreeMap<>();
      for (LagRow r : reads.lag().lag(CLUSTER, "matrix-", "group", false, 0, Page.MAX_LIMIT).rows) lag.put(r.group, r);
      row.lag = lagOf(lag.get("matrix-classic"));
      row.consumerLag = consumerProtocol != null ? consumerProtocol : lagOf(lag.get("matrix-consumer"));
      Double produce = Watching.current(reads, CLUSTER, "kafka.probe.cluster_produce_availability", null, 0);
      Double consume = Watching.current(reads, CLUSTER, "kafka.probe.cluster_consume_availability", null, 0);
      row.probe = produce == null || consume == null ? "no" : String.format("%.2f / %.2f", produce, consume);
    }
  }

  private static void zooKeeper(Row row, Path base, ApacheRuntime runtime) throws Exception {
    try (ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(base, 1, runtime);
         Monitor monitor = Monitor.open(MonitorConfig.parse(MonitorJson.of(storage(base), 2, CLUSTER, zk, null, null)),
             System.currentTimeMillis())) {
      watchShort(row, monitor);
      metrics(row, new Reads(monitor), monitor, "ensemble", CLUSTER + "-zk");
    }
  }

  private static void flume(Row row, Path base, Shared shared, ApacheRuntime runtime) throws Exception {
    KafkaCluster kafka = shared.kafka();
    try (FlumeAgent agent = FlumeAgent.startKafkaFlow(runtime, base.resolve("agent"), kafka.bootstrapServers(), "flume-" + runtime.version());
         Monitor monitor = Monitor.open(MonitorConfig.parse(MonitorJson.of(storage(base), 2, CLUSTER, null, null,
             Collections.singletonList(agent))), System.currentTimeMillis())) {
      List<String> events = new ArrayList<>();
      for (int i = 0; i < 50; i++) events.add("event " + i);
      int status = agent.postEvents(events);
      if (status != 200) row.note = "the HTTP source answered " + status;
      watchShort(row, monitor);
      metrics(row, new Reads(monitor), monitor, "agent", agent.agentName());
      long drained = agent.metric(FlumeAgent.SINK, "EventDrainSuccessCount");
      row.note = join(row.note, "Kafka sink drained " + drained + " of 50 events");
    }
  }

  private static void watchShort(Row row, Monitor monitor) throws InterruptedException {
    if (!Watching.tickUntil(monitor, Duration.ofSeconds(60), () -> Watching.allUp(monitor))) {
      row.note = join(row.note, "not every target UP:" + Watching.states(monitor).replace('\n', ' '));
    }
    Watching.tickUntil(monitor, SHORT_WATCH, () -> false);
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "; " + b;
  }

  /**
   * "n of m": catalogue metrics of the monitor's targets with a current series labelled
   * {@code label=value}; the others go to the row's marked (the catalogue's notOn) or unexplained.
   */
  private static void metrics(Row row, Reads reads, Monitor monitor, String label, String value) {
    Set<String> systems = new LinkedHashSet<>();
    for (Monitor.Target t : monitor.targets()) systems.add(t.system);
    Map<String, MetricSpec> expected = new TreeMap<>();
    for (String system : systems) {
      for (MetricSpec s : monitor.catalogue().of(system)) {
        // a client JVM's own MBeans are not configured here; host figures are not the product's
        if (!(s.system.equals("kafka-consumer") && s.source.startsWith("jmx ")) && !s.system.equals("host")) expected.put(s.name, s);
      }
    }
    int arrived = 0;
    for (MetricSpec s : expected.values()) {
      Map<String, String> labels = new HashMap<>();
      labels.put(label, value);
      int[] ids = reads.engine().select(s.name, labels);
      boolean any = false;
      if (ids.length > 0) {
        LatestValues v = reads.current().latest(ids, System.currentTimeMillis());
        for (int i = 0; i < ids.length && !any; i++) any = Current.orNull(v, i) != null;
      }
      if (any) arrived++;
      else if (s.notOn != null) row.marked.put(s.name, s.notOn);
      else row.unexplained.add(s.name);
    }
    row.metrics = arrived + " of " + expected.size();
  }

  private static String lagOf(LagRow r) {
    return r == null || r.totalLag == null ? "no" : "yes (" + r.totalLag + ", " + r.protocol + ")";
  }
}
