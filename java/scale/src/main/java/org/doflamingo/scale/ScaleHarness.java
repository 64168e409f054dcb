package org.doflamingo.scale;

import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.doflamingo.bench.BrokerCpu;
import org.doflamingo.cluster.KafkaBroker;
import org.doflamingo.config.MonitorConfig;

/**
 * The scale harness: a real cluster of the shape on this machine, Doflamingo watching it
 * through its public entry points, and the peers on the same cluster in the same run, reported as
 * one table (stdout and {@code <dir>/report.md}). Phases, each timed and bounded:
 * <ol>
 *   <li>ZooKeeper and the brokers ({@link ScaleCluster}); the topics, records and groups' committed
 *       offsets ({@link Setup}, skipped with {@code --reuse} when the shape matches);
 *   <li>the load JVM ({@link LoadMain}): producers on the written topics, the live groups' consumers;
 *   <li>the broker's CPU while nobody watches it; jmx_exporter's javaagent scraped for a while;
 *   <li>the peers' full lag pictures ({@link Peers});
 *   <li>Doflamingo for {@code --minutes} ({@link DoflamingoRun}), REST lists at the end.
 * </ol>
 * Child processes end with the harness: brokers, ZooKeeper and the load JVM through java/cluster's
 * watchdog (even on kill -9), the rest through a shutdown hook.
 */
public final class ScaleHarness {
  private static final String CLUSTER = "scale";

  private ScaleHarness() {
  }

  public static void main(String[] args) throws Exception {
    if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
      System.out.println(ScaleOptions.USAGE);
      return;
    }
    ScaleOptions o;
    try {
      o = ScaleOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(ScaleOptions.USAGE);
      System.exit(2);
      return;
    }
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    int code = run(o);
    System.exit(code);
  }

  private static int run(ScaleOptions o) throws Exception {
    Path dir = o.dir.toAbsolutePath();
    if (!o.reuse) wipe(dir);
    Files.createDirectories(dir);
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path storage = dir.resolve("doflamingo");
    if (Files.exists(storage)) System.out.println("== removing the storage an interrupted run left in " + storage);
    wipe(storage);
    Files.createDirectories(storage);
    Path peersDir = Peers.defaultPeersDir().toAbsolutePath();
    Path agentJar = peersDir.resolve("jmx_prometheus_javaagent.jar");
    if (!Files.isRegularFile(agentJar) || !Files.isRegularFile(peersDir.resolve("classpath-kafka-tools.txt"))) {
      System.err.println("no " + agentJar + " or classpath-kafka-tools.txt in " + peersDir
          + ": build the module first (mvn -B -q -pl java/scale -am install -DskipTests)");
      return 2;
    }
    GroupPlan plan = new GroupPlan(o);
    Report report = new Report(String.format(Locale.ROOT, "Doflamingo at scale: %,d partitions (%d x %d), %,d groups, %d broker(s)",
        o.partitions(), o.topics, o.partitionsPerTopic, o.groups + o.liveGroups, o.brokers));
    report.line(String.format(Locale.ROOT, "Shape: %s; %d live groups (%d lagging), %d stopped, producers %d rec/s on %d topics;"
        + " Doflamingo for %d min. Machine: %d cores, %s RAM. Data under %s.", o.setupShape(), o.liveGroups, o.laggingGroups,
        o.stoppedGroups, o.produceRate, o.writtenTopics, o.minutes, Runtime.getRuntime().availableProcessors(),
        Report.mb(totalMemory()), dir));
    Phases phases = new Phases(report);
    ScaleCluster[] cluster = new ScaleCluster[1];
    Child[] load = new Child[1];
    Thread hook = new Thread(() -> stopAll(load[0], cluster[0]), "scale-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    int code = 0;
    try {
      phases.run("start ZooKeeper and " + o.brokers + " broker(s)", () -> cluster[0] = ScaleCluster.start(o, dir, agentJar, report));
      report.line("Broker JVM flags: `" + String.join(" ", cluster[0].brokerFlags) + "`");
      for (String b : cluster[0].describe()) System.out.println("   " + b);
      if (o.reuse && Setup.done(dir, o)) {
        phases.run("reuse the cluster of " + dir + ": wait for every partition's leader", () -> Setup.awaitLeaders(cluster[0].kafka, o, plan));
      } else {
        Setup.run(cluster[0].kafka, o, plan, dir, phases);
      }
      phases.run("start the load JVM and wait for " + o.liveGroups + " live groups", () -> load[0] = startLoad(o, plan, cluster[0], logs));
      for (KafkaBroker b : cluster[0].kafka.brokers()) {
        report.add("broker " + b.id() + " footprint after setup", "broker", ScaleCluster.footprint(b), "/proc of the broker JVM");
      }
      measure(o, plan, cluster[0], load[0], storage, logs, peersDir, report);
    } catch (Exception e) {
      report.add("run", "harness", "FAILED", e.toString());
      e.printStackTrace();
      code = 1;
    } finally {
      Path md = dir.resolve("report.md");
      report.write(md);
      System.out.println();
      System.out.println(report.markdown());
      System.out.println("(written to " + md + ")");
      stopAll(load[0], cluster[0]);
      Runtime.getRuntime().removeShutdownHook(hook);
      // measured already (disk is in the table); hundreds of thousands of RRD files are not worth keeping
      System.out.println("removing Doflamingo's storage " + storage);
      wipe(storage);
    }
    return code;
  }

  private static void measure(ScaleOptions o, GroupPlan plan, ScaleCluster cluster, Child load, Path storage, Path logs, Path peersDir,
      Report report) throws Exception {
    KafkaBroker first = cluster.kafka.brokers().get(0);
    Path config = DoflamingoRun.writeConfig(storage.getParent().resolve("doflamingo.json"), storage, o, cluster.kafka.brokers(), CLUSTER);
    int interval = MonitorConfig.load(config).intervalSeconds;
    report.line("Doflamingo configuration: " + config + " (intervalSeconds " + interval + ", tiers "
        + (o.tiers == null ? "the engine's defaults" : o.tiers) + ")");
    try (BrokerCpu brokerCpu = new BrokerCpu(first.host(), first.jmxPort())) {
      Duration window = Duration.ofSeconds(o.jmxWindowSeconds);
      System.out.println("== broker 1 CPU while nobody watches it (" + window.getSeconds() + " s)");
      double idle = brokerCpu.idle(window.toMillis());
      report.add("broker 1 CPU, not watched", "broker", String.format(Locale.ROOT, "%,.0f ms/min", idle * 60_000),
          "ProcessCpuTime over " + window.getSeconds() + " s, load JVM running");

      System.out.println("== jmx_exporter javaagent in broker 1, scraped every " + interval + " s for " + window.getSeconds() + " s");
      ExporterAgentRun agent = ExporterAgentRun.measure(cluster.agentPorts.get(1), brokerCpu, interval * 1000L, window);
      report.add("JMX scrape of broker 1, p50 / p99", "jmx_exporter agent", Report.ms(ExporterAgentRun.pct(agent.scrapeMs, 50)) + " / "
          + Report.ms(ExporterAgentRun.pct(agent.scrapeMs, 99)), String.format(Locale.ROOT,
          "%d scrapes, %,d samples each, %d failed%s; includeObjectNames = the catalogue's patterns, rule cache: true",
          agent.scrapeMs.size(), agent.samples, agent.failures, agent.firstError == null ? "" : " (" + agent.firstError + ")"));
      report.add("broker 1 CPU spent on being watched", "jmx_exporter agent", cpuCost(agent.brokerCpuMsPerMinute, idle),
          "broker CPU while scraped less not watched");

      List<Peers.Run> peerRuns = o.peers ? peers(o, plan, cluster, logs, peersDir, report) : new ArrayList<>();

      System.out.println("== Doflamingo (standalone server in this JVM) for " + o.minutes + " min");
      String[][] rest = restCalls(plan);
      // the filter typed into the page: a prefix that narrows 50,000 groups to ten
      String filter = plan.group(Math.min(123, plan.stableGroups() - 1));
      DoflamingoRun d = DoflamingoRun.measure(config, storage, o, brokerCpu, rest, o.groups + o.liveGroups,
          filter.substring(0, filter.length() - 1), logs);
      doflamingoRows(o, plan, d, idle, report);
      compare(d, peerRuns, plan, o, report);
    }
    if (!load.isAlive()) report.add("load JVM", "harness", "ENDED during the run", "see " + logs.resolve("load.out"));
  }

  private static void doflamingoRows(ScaleOptions o, GroupPlan plan, DoflamingoRun d, double idle, Report report) {
    if (d.stoppedEarly != null) report.line("Doflamingo " + d.stoppedEarly);
    for (DoflamingoRun.TargetTimes t : d.targets.values()) {
      List<Double> s = DoflamingoRun.sorted(t.ms);
      boolean admin = t.name.contains(" admin ");
      // an Admin scrape reads a share of the partition and group batches: a full lag cycle spans several
      report.add((admin ? "Admin scrape (a share of the lag cycle)" : "scrape") + " p50 / p99 / max", "doflamingo " + t.name,
          s.isEmpty() ? "no successful scrape" : Report.ms(ExporterAgentRun.pct(s, 50)) + " / " + Report.ms(ExporterAgentRun.pct(s, 99))
              + " / " + Report.ms(s.get(s.size() - 1)),
          String.format(Locale.ROOT, "%d ok, %d failed, %d timed out; first success %s after start%s", s.size(), t.failures, t.timeouts,
              t.firstSuccessMs < 0 ? "never" : Report.ms(t.firstSuccessMs), t.lastError == null || t.lastError.isEmpty() ? ""
                  : "; last error: " + t.lastError));
    }
    if (d.workerSamples > 0) {
      report.add("where the busy collection workers were", "doflamingo", String.join("; ", d.topWorkerFrames(3)),
          d.workerSamples + " samples of doflamingo-collect-* threads not idle, every 250 ms");
    }
    report.add("CPU of the whole server (collection, engine, flushers)", "doflamingo",
        String.format(Locale.ROOT, "%,.0f ms/min (%.0f%% of one core)", d.cpuMsPerMinute, d.cpuMsPerMinute / 600),
        String.format(Locale.ROOT, "process CPU over %.1f min", d.minutes));
    report.add("broker 1 CPU spent on being watched", "doflamingo", cpuCost(d.brokerCpuMsPerMinute, idle),
        "broker CPU while watched (JMX and Admin API) less not watched");
    report.add("heap after full GC / committed", "doflamingo", Report.mb(d.heapAfterGc) + " / " + Report.mb(d.heapCommitted),
        String.format(Locale.ROOT, "after %.1f min", d.minutes));
    report.add("native memory (RSS - committed heap)", "doflamingo", Report.mb(d.rss - d.heapCommitted),
        "RSS " + Report.mb(d.rss) + " (the harness's JVM: only Doflamingo runs in it then)");
    report.add("series / live ring", "doflamingo", String.format(Locale.ROOT, "%,d / %s", d.seriesCount, Report.mb(d.liveRingBytes)),
        String.format(Locale.ROOT, "engine stats at the end; %,d samples written to RRD, %,d still buffered", d.samplesWritten,
            d.samplesBuffered));
    report.add("disk of the storage", "doflamingo", Report.mb(d.diskBytes),
        String.format(Locale.ROOT, "%,d RRD files, tiers %s; after the server's stop: %s, %,d files", d.rrdFiles,
            o.tiers == null ? "default" : o.tiers, Report.mb(d.diskAfterClose), d.rrdFilesAfterClose));
    report.add("server stop (write-back of what the engine buffers)", "doflamingo", Report.ms(d.closeMs), "Host.close()");
    for (java.util.Map.Entry<String, org.doflamingo.bench.RestTimings> r : d.rest.entrySet()) {
      report.add("REST " + r.getKey() + " p50 / p99", "doflamingo", Report.ms1(r.getValue().pct(50)) + " / " + Report.ms1(r.getValue().pct(99)),
          o.restRequests + " requests while collection runs; " + DoflamingoRun.describeAnswer(r.getValue().body));
    }
    for (String line : d.page) report.add("consumer-groups page in Chromium", "doflamingo", line, "webapp/bench/groups.bench.mjs, 5 rounds");
    report.add("lag list: groups / with a status", "doflamingo", d.groupsListed + " / " + d.groupsWithStatus,
        "of " + (o.groups + o.liveGroups) + " groups");
    report.add("lag agreement with the plan", "doflamingo", d.picture.agreement(plan, o), "/monitoring/kafka/lag totalLag and maxLag");
  }

  /** Doflamingo's full lag cycle (p50) against the fastest peer, and the fastest whose lag was right. */
  private static void compare(DoflamingoRun d, List<Peers.Run> peers, GroupPlan plan, ScaleOptions o, Report report) {
    List<Double> cycle = null;
    for (DoflamingoRun.TargetTimes t : d.targets.values()) if (t.name.contains(" admin ")) cycle = DoflamingoRun.sorted(t.ms);
    if (cycle == null || cycle.isEmpty() || peers.isEmpty()) return;
    double ours = ExporterAgentRun.pct(cycle, 50);
    Peers.Run fastest = null;
    Peers.Run fastestRight = null;
    for (Peers.Run r : peers) {
      if (fastest == null || r.wallMs < fastest.wallMs) fastest = r;
      if (r.picture.exact(plan, o) == plan.stableGroups() && (fastestRight == null || r.wallMs < fastestRight.wallMs)) fastestRight = r;
    }
    report.add("full lag picture vs the fastest peer", "doflamingo", String.format(Locale.ROOT, "%.1fx faster than %s", fastest.wallMs / ours,
        fastest.picture.tool), "p50 cycle " + Report.ms(ours) + " vs " + Report.ms(fastest.wallMs));
    if (fastestRight != null && fastestRight != fastest) {
      report.add("full lag picture vs the fastest peer with every lag right", "doflamingo", String.format(Locale.ROOT, "%.1fx faster than %s",
          fastestRight.wallMs / ours, fastestRight.picture.tool), "p50 cycle " + Report.ms(ours) + " vs " + Report.ms(fastestRight.wallMs));
    }
  }

  private static List<Peers.Run> peers(ScaleOptions o, GroupPlan plan, ScaleCluster cluster, Path logs, Path peersDir, Report report) {
    Peers peers = new Peers(peersDir, Peers.defaultPeersDir().toAbsolutePath().resolveSibling("venvs"), logs,
        cluster.kafka.bootstrapServers());
    Duration timeout = Duration.ofMinutes(Math.max(10, o.groups / 2500));
    List<Peers.Run> runs = new ArrayList<>();
    peer("kafka-consumer-groups --describe --all-groups", report, plan, o, runs, () -> peers.kafkaConsumerGroups(timeout));
    peer("kafkatop --summary-json --all", report, plan, o, runs, () -> peers.kafkatop(timeout));
    peer("prometheus-kafka-consumer-group-exporter", report, plan, o, runs, () -> peers.exporter(o.groups + o.liveGroups, timeout));
    return runs;
  }

  private interface PeerRun {
    Peers.Run run() throws Exception;
  }

  private static void peer(String name, Report report, GroupPlan plan, ScaleOptions o, List<Peers.Run> runs, PeerRun body) {
    System.out.println("== " + name);
    try {
      Peers.Run r = body.run();
      if (r.picture.groups() == 0) {
        report.add("time to a full lag picture", name, "NO PICTURE after " + Report.ms(r.wallMs), r.note);
        return;
      }
      runs.add(r);
      report.add("time to a full lag picture", name, Report.ms(r.wallMs), r.note);
      report.add("peak RSS", name, Report.mb(r.peakRssBytes), "VmHWM, sampled every 100 ms");
      report.add("lag agreement with the plan", name, r.picture.agreement(plan, o), r.picture.groups() + " groups reported");
    } catch (Exception e) {
      report.add("time to a full lag picture", name, "FAILED", e.getMessage());
    }
  }

  private static String cpuCost(double watchedMsPerMinute, double idle) {
    double cost = watchedMsPerMinute - idle * 60_000;
    return String.format(Locale.ROOT, "%,.0f ms/min (%.1f%% of one core)", cost, cost / 600);
  }

  private static String[][] restCalls(GroupPlan plan) throws Exception {
    String topic = URLEncoder.encode(GroupPlan.topic(0), "UTF-8");
    return new String[][] {
        {"lag sorted by maxLag", "/monitoring/kafka/lag?sort=maxLag&dir=DESC&limit=100"},
        {"lag filtered", "/monitoring/kafka/lag?sort=maxLag&dir=DESC&limit=100&filter=scale-g-012"},
        {"partitions sorted by leader", "/monitoring/kafka/partitions?sort=leader&dir=ASC&limit=100"},
        {"partitions sorted by logEndOffset", "/monitoring/kafka/partitions?sort=logEndOffset&dir=DESC&limit=100"},
        {"partitions of one topic", "/monitoring/kafka/partitions?topic=" + topic + "&sort=partition&limit=100"},
        {"topics", "/monitoring/kafka/topics?sort=logEndOffset&dir=DESC&limit=100"},
        {"brokers", "/monitoring/kafka/brokers"},
        {"health", "/monitoring/kafka/health"},
        {"targets", "/monitoring/kafka/targets"}};
  }

  private static Child startLoad(ScaleOptions o, GroupPlan plan, ScaleCluster cluster, Path logs) throws Exception {
    Child load = Child.java("load", Child.list("-Xmx768m", "-XX:+UseSerialGC", "-Xss512k"), System.getProperty("java.class.path"),
        LoadMain.class.getName(), Child.list(cluster.kafka.bootstrapServers(), String.join(",", plan.writtenTopics()),
            String.valueOf(o.partitionsPerTopic), String.valueOf(o.produceRate), String.valueOf(o.liveGroups),
            String.valueOf(o.laggingGroups)), logs.resolve("load.out"));
    List<String> live = new ArrayList<>();
    for (int i = 0; i < o.liveGroups; i++) live.add(GroupPlan.liveGroup(i));
    try (Admin admin = cluster.kafka.admin()) {
      long deadline = System.currentTimeMillis() + 600_000;
      while (true) {
        if (!load.isAlive()) throw new IllegalStateException("the load JVM ended: see " + logs.resolve("load.out"));
        int stable = 0;
        for (int i = 0; i < live.size(); i += 500) {
          for (org.apache.kafka.clients.admin.ConsumerGroupDescription d : admin.describeConsumerGroups(
              live.subList(i, Math.min(live.size(), i + 500))).all().get(60, TimeUnit.SECONDS).values()) {
            if (!d.members().isEmpty()) stable++;
          }
        }
        Phases.progress("live groups with a member", stable, live.size());
        if (stable == live.size()) return load;
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("only " + stable + " of " + live.size() + " live groups have a member after 10 minutes");
        }
        Thread.sleep(3000);
      }
    }
  }

  private static synchronized void stopAll(Child load, ScaleCluster cluster) {
    if (load != null) load.close();
    if (cluster != null) cluster.close();
  }

  private static long totalMemory() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
  }

  private static void wipe(Path dir) throws Exception {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
