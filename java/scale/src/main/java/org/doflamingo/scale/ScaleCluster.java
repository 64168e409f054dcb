package org.doflamingo.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.doflamingo.cluster.BrokerSettings;
import org.doflamingo.cluster.KafkaBroker;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.Ports;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.jmx.JmxSource;

/**
 * One ZooKeeper (3.9 ZooKeeper mode, as java/cluster runs it) and the brokers, as production runs
 * them (G1, full JIT; {@link BrokerSettings#production}), sized for tens of thousands of partitions:
 * the open-file limit raised for the harness and so its children (one descriptor per log segment),
 * small segments and indexes so that every partition's files fit the disk, and jmx_exporter's
 * javaagent in each broker (idle until scraped) so that it can be measured in the same run.
 */
final class ScaleCluster implements AutoCloseable {
  /** Kafka keeps each partition's active segment open; the rest is sockets, jars, the JVM's own. */
  private static final int FILES_BESIDE_SEGMENTS = 3_000;

  final ZooKeeperEnsemble zookeeper;
  final KafkaCluster kafka;
  /** Each broker's jmx_exporter agent HTTP port, by broker id. */
  final Map<Integer, Integer> agentPorts;
  final List<String> brokerFlags;

  private ScaleCluster(ZooKeeperEnsemble zookeeper, KafkaCluster kafka, Map<Integer, Integer> agentPorts,
      List<String> brokerFlags) {
    this.zookeeper = zookeeper;
    this.kafka = kafka;
    this.agentPorts = agentPorts;
    this.brokerFlags = brokerFlags;
  }

  static ScaleCluster start(ScaleOptions o, Path dir, Path agentJar, Report report) throws Exception {
    raiseFileLimit(o, report);
    checkMapCount(o, report);
    Path agentConfig = dir.resolve("jmx-exporter-agent.yml");
    Files.createDirectories(dir);
    Files.write(agentConfig, agentYaml().getBytes(StandardCharsets.UTF_8));
    BrokerSettings settings = BrokerSettings.production(o.brokerHeap).keepingData(o.reuse)
        .withProperty("log.segment.bytes", "1048576")
        .withProperty("log.index.size.max.bytes", "65536")
        .withProperty("num.network.threads", "3")
        .withProperty("num.io.threads", "4")
        .withProperty("zookeeper.session.timeout.ms", "18000")
        .withProperty("offsets.topic.num.partitions", "10")
        .withProperty("auto.create.topics.enable", "false");
    Map<Integer, Integer> agentPorts = new TreeMap<>();
    for (int id = 1; id <= o.brokers; id++) {
      int port = Ports.free();
      agentPorts.put(id, port);
      settings = settings.withJvmOption(id, "-javaagent:" + agentJar + "=" + Ports.HOST + ":" + port + ":" + agentConfig);
    }
    ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(dir, 1, Duration.ofSeconds(120), o.reuse);
    try {
      KafkaCluster kafka = KafkaCluster.start(dir, zk, o.brokers, "/kafka", settings);
      return new ScaleCluster(zk, kafka, agentPorts, settings.jvmOptions(1));
    } catch (RuntimeException e) {
      zk.close();
      throw e;
    }
  }

  /**
   * jmx_exporter at its best for this job: only the catalogue's MBeans ({@code includeObjectNames},
   * the same patterns Doflamingo's catalogue reads), and one catch-all rule with {@code cache: true}
   * (each MBean attribute's rule match remembered across scrapes).
   */
  static String agentYaml() {
    Set<String> names = new LinkedHashSet<>();
    for (JmxSource s : JmxSource.of(MetricCatalogue.load().of("kafka-broker"))) names.add(s.pattern.toString());
    StringBuilder y = new StringBuilder("lowercaseOutputName: true\nincludeObjectNames:\n");
    for (String n : names) y.append("  - \"").append(n.replace("\"", "\\\"")).append("\"\n");
    return y.append("rules:\n  - pattern: \".*\"\n    cache: true\n").toString();
  }

  /**
   * What a broker holds of the machine's per-process limits: open files and memory maps (of
   * /proc/PID), with its resident memory; found by its server.properties on its command line.
   */
  static String footprint(KafkaBroker broker) {
    String props = broker.dir().resolve("server.properties").toString();
    for (ProcessHandle p : (Iterable<ProcessHandle>) ProcessHandle.allProcesses()::iterator) {
      Path proc = Path.of("/proc", String.valueOf(p.pid()));
      String cmd;
      try {
        // ProcessHandle.Info cuts long command lines (a broker's classpath is long): /proc has it all
        cmd = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
      } catch (IOException e) {
        continue; // ended, or not ours to read
      }
      if (!cmd.contains("kafka.Kafka") || !cmd.contains(props)) continue;
      try (java.util.stream.Stream<Path> fds = Files.list(proc.resolve("fd"))) {
        long files = fds.count();
        long maps = Files.readAllLines(proc.resolve("maps")).size();
        return String.format(java.util.Locale.ROOT, "%,d open files, %,d memory maps, RSS %s", files, maps, Report.mb(Child.vmRss(p.pid())));
      } catch (IOException e) {
        return "unreadable: " + e;
      }
    }
    return "process not found";
  }

  /** Every broker: its id, address, JMX port, pid. */
  List<String> describe() {
    List<String> out = new ArrayList<>();
    for (KafkaBroker b : kafka.brokers()) out.add(b.toString());
    return out;
  }

  /**
   * Makes sure a broker may open a descriptor per replica's segment and then some: a JVM raises its
   * soft limit to the hard one by itself, so the hard limit is what counts. When it is too low the
   * harness raises it with {@code prlimit} (needs CAP_SYS_RESOURCE), else fails naming the way out.
   */
  private static void raiseFileLimit(ScaleOptions o, Report report) throws Exception {
    long need = o.replicasPerBroker() + FILES_BESIDE_SEGMENTS;
    long[] now = fileLimit();
    if (now[1] >= need) {
      report.line("open files: limit " + now[0] + " (soft) / " + now[1] + " (hard; each JVM raises its soft limit to it),"
          + " a broker needs about " + need + " (" + o.replicasPerBroker() + " replicas + " + FILES_BESIDE_SEGMENTS + ")");
      return;
    }
    Process p = new ProcessBuilder("prlimit", "--pid", String.valueOf(ProcessHandle.current().pid()),
        "--nofile=" + need + ":" + need).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("a broker needs about " + need + " open files (" + o.replicasPerBroker() + " partition replicas,"
          + " one open segment each, + " + FILES_BESIDE_SEGMENTS + ") and the hard limit here is " + now[1] + "; prlimit could not"
          + " raise it (" + out + "): run the harness where `ulimit -Hn " + need + "` works, or spread the replicas"
          + " (--brokers N, --replication R: " + o.replicasPerBroker() + " replicas per broker now)");
    }
    long[] raised = fileLimit();
    report.line("open files: raised from " + now[0] + "/" + now[1] + " to " + raised[0] + "/" + raised[1]
        + " (soft/hard, prlimit on the harness; the brokers inherit it), a broker needs about " + need);
  }

  /** Soft and hard {@code Max open files} of this process (/proc/self/limits). */
  private static long[] fileLimit() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      if (line.startsWith("Max open files")) {
        String[] f = line.substring("Max open files".length()).trim().split("\\s+");
        return new long[] {parseLimit(f[0]), parseLimit(f[1])};
      }
    }
    throw new IOException("no 'Max open files' in /proc/self/limits");
  }

  private static long parseLimit(String s) {
    return s.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(s);
  }

  /** Two memory maps per partition (offset and time index): warns when vm.max_map_count is too low. */
  private static void checkMapCount(ScaleOptions o, Report report) throws IOException {
    long maps = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/vm/max_map_count")).get(0).trim());
    long need = 2L * o.replicasPerBroker() + 5_000;
    report.line("memory maps: vm.max_map_count " + maps + ", a broker needs about " + need
        + (maps < need ? " -- TOO LOW: raise it (sysctl vm.max_map_count=" + (need * 2) + ") or the brokers fail" : ""));
  }

  /** Brokers first (SIGTERM, so a reused cluster starts without log recovery), then ZooKeeper. */
  @Override
  public void close() {
    for (KafkaBroker b : kafka.brokers()) b.stop();
    kafka.close();
    zookeeper.close();
  }
}
