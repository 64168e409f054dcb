package org.doflamingo.server;

import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.doflamingo.collect.CollectionService;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.collect.series.EngineSeam;
import org.doflamingo.collect.series.ScopeKeys;
import org.doflamingo.collect.series.SeriesPolicy;
import org.doflamingo.config.ConfigException;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.config.RetentionClassSpec;
import org.doflamingo.config.SeriesConfig;
import org.doflamingo.config.TierSpec;
import org.doflamingo.engine.SeriesKey;

/**
 * {@code doflamingo sizing}: the series, disk and memory of watching a cluster of a given shape,
 * per retention class, without an engine or a cluster. Series counts come from the catalogue
 * (each metric's scopes, {@code per}, and series per scope, {@code each}) times the shape's count
 * of each scope; each scope's class from the series policy (the defaults, or {@code --config}'s
 * classes, rules and excludes); bytes per series from the engine's sizes ({@link EngineSeam}).
 * Assumptions, printed with the figures: each broker hosts every topic (per-topic broker series
 * are an upper bound), one probe partition per broker, one Kafka cluster.
 */
final class Sizing {
  static final String OPTIONS = "[--partitions N] [--groups N] [--brokers N] [--controllers N] [--replication N] [--topics N]"
      + " [--partitions-per-group N] [--zookeeper N] [--clients N] [--flume-agents N] [--flume-components N] [--config FILE]";
  /**
   * Java heap per series, bytes: its key, one copy shared by the collectors' id map and the read
   * side ({@code SeriesKeys}), measured by java/bench's {@code KeyHeapBenchmark} (517-546 B on this
   * machine's JDK 17, 64-bit, compressed references; the second copy the read side kept before
   * cost 480 B more), plus the smaller per-series caches (kinds, partition ids, group slots, policy
   * answers for excluded keys) estimated at 100 B.
   */
  static final long HEAP_BYTES_PER_SERIES = 650;

  private final Map<String, Long> scopes = new LinkedHashMap<>();
  private long brokers = 3;
  /** Dedicated KRaft controllers watched over JMX (none: ZooKeeper mode, or controllers not listed). */
  private long controllers;
  private long replication = 3;
  private long partitions = 20_000;
  private long topics = -1;
  private long groups;
  private long partitionsPerGroup = 4;
  private long zookeeper = 3;
  private long clients;
  private long flumeAgents;
  private long flumeComponents;
  private MonitorConfig config;
  private MetricCatalogue catalogue;
  private SeriesPolicy policy;

  private Sizing() {}

  static Sizing parse(String[] args) throws ConfigException {
    Sizing s = new Sizing();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
      String v = args[++i];
      switch (a) {
        case "--partitions": s.partitions = count(a, v, 1); break;
        case "--groups": s.groups = count(a, v, 0); break;
        case "--brokers": s.brokers = count(a, v, 1); break;
        case "--controllers": s.controllers = count(a, v, 0); break;
        case "--replication": s.replication = count(a, v, 1); break;
        case "--topics": s.topics = count(a, v, 1); break;
        case "--partitions-per-group": s.partitionsPerGroup = count(a, v, 1); break;
        case "--zookeeper": s.zookeeper = count(a, v, 0); break;
        case "--clients": s.clients = count(a, v, 0); break;
        case "--flume-agents": s.flumeAgents = count(a, v, 0); break;
        case "--flume-components": s.flumeComponents = count(a, v, 0); break;
        case "--config": s.config = MonitorConfig.load(Paths.get(v)); break;
        default: throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    if (s.replication > s.brokers) throw new IllegalArgumentException("--replication " + s.replication + " exceeds --brokers " + s.brokers);
    if (s.topics < 0) s.topics = Math.max(1, s.partitions / 20);
    if (s.topics > s.partitions) throw new IllegalArgumentException("--topics " + s.topics + " exceeds --partitions " + s.partitions);
    s.scopes.put("cluster", 1L);
    s.scopes.put("broker", s.brokers);
    s.scopes.put("controller", s.controllers);
    s.scopes.put("broker-topic", s.brokers * s.topics);
    s.scopes.put("topic", s.topics);
    s.scopes.put("partition", s.partitions);
    s.scopes.put("replica", s.partitions * s.replication);
    s.scopes.put("group", s.groups);
    s.scopes.put("group-partition", s.groups * s.partitionsPerGroup);
    s.scopes.put("probe-partition", s.brokers);
    s.scopes.put("client", s.clients);
    s.scopes.put("zookeeper-server", s.zookeeper);
    s.scopes.put("flume-agent", s.flumeAgents);
    s.scopes.put("flume-component", s.flumeComponents);
    s.scopes.put("jvm", s.brokers + s.controllers + s.clients + s.zookeeper + s.flumeAgents);
    // every JMX target, the cluster's Admin and probe targets, each ZooKeeper server's and Flume agent's
    s.scopes.put("target", s.brokers + s.controllers + s.clients + 2 + 2L * s.zookeeper + s.flumeAgents);
    s.catalogue = MetricCatalogue.load();
    s.policy = s.config == null ? new SeriesPolicy(SeriesConfig.defaults(), Collections.emptyList(), s.catalogue)
        : SeriesPolicy.of(s.config, s.catalogue);
    if (!s.scopes.keySet().equals(MetricCatalogue.SCOPES.keySet())) {
      throw new IllegalStateException("sizing knows scopes " + s.scopes.keySet() + ", the catalogue " + MetricCatalogue.SCOPES.keySet());
    }
    return s;
  }

  private static long count(String option, String v, long min) {
    try {
      long n = Long.parseLong(v);
      if (n >= min && n <= 100_000_000L) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + ": expected a whole number from " + min + " to 100000000, got " + v);
  }

  /** The series of each class (insertion order: the policy's classes), and those the policy leaves out under "excluded". */
  Map<String, Long> seriesByClass() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String cls : policy.classes().keySet()) out.put(cls, 0L);
    for (MetricSpec m : catalogue.all()) {
      for (String scope : m.per) add(out, policy.classOf(ScopeKeys.key(m.name, scope)), scopes.get(scope) * m.each);
    }
    // each target's up series: a JMX target per broker, client, ZooKeeper server and Flume agent, the Admin API's and the probe's
    long targets = brokers + controllers + clients + zookeeper + flumeAgents + 2;
    add(out, policy.classOf(SeriesKey.of(CollectionService.UP_SERIES, "target", "sized")), targets);
    return out;
  }

  private static void add(Map<String, Long> out, String cls, long n) {
    out.merge(cls == null ? "excluded" : cls, n, Long::sum);
  }

  /** The classes as the engine would create them (the interval fitted as the monitor does). */
  Map<String, RetentionClassSpec> engineClasses() {
    Map<String, RetentionClassSpec> out = new LinkedHashMap<>();
    for (RetentionClassSpec c : policy.engineClasses(config == null ? 2 : config.intervalSeconds)) out.put(c.name, c);
    return out;
  }

  String render() {
    Map<String, Long> series = seriesByClass();
    Map<String, RetentionClassSpec> classes = engineClasses();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Doflamingo sizing: %d brokers, %d topics, %d partitions (replication %d), %d consumer groups"
        + " x %d partitions, %d ZooKeeper servers, %d client JVMs, %d Flume agents (%d components)%n", brokers, topics, partitions,
        replication, groups, partitionsPerGroup, zookeeper, clients, flumeAgents, flumeComponents));
    sb.append(config == null ? "classes: the defaults\n" : "classes, rules and excludes: the configuration's\n");
    sb.append(String.format(Locale.ROOT, "%-16s %-30s %4s %7s %12s %11s %11s %11s %11s%n", "class", "tiers", "min", "live",
        "series", "disk/series", "ring/series", "disk", "ring"));
    long totalSeries = 0;
    long disk = 0;
    long ring = 0;
    for (Map.Entry<String, RetentionClassSpec> e : classes.entrySet()) {
      RetentionClassSpec c = e.getValue();
      long n = series.getOrDefault(e.getKey(), 0L);
      long file = EngineSeam.fileBytes(c);
      long live = EngineSeam.ringBytes(c);
      totalSeries += n;
      disk += n * file;
      ring += n * live;
      sb.append(String.format(Locale.ROOT, "%-16s %-30s %4s %7s %12d %11s %11s %11s %11s%n", c.name, c.tiers.text, c.minMax ? "yes" : "no",
          duration(c.liveWindowSeconds), n, bytes(file), bytes(live), bytes(n * file), bytes(n * live)));
    }
    long registry = totalSeries * EngineSeam.REGISTRY_BYTES_PER_SERIES;
    sb.append(String.format(Locale.ROOT, "%-16s %-30s %4s %7s %12d %11s %11s %11s %11s%n", "total", "", "", "", totalSeries, "", "",
        bytes(disk), bytes(ring)));
    long excluded = series.getOrDefault("excluded", 0L);
    if (excluded > 0) sb.append(String.format(Locale.ROOT, "left out by the series policy: %d series%n", excluded));
    sb.append(String.format(Locale.ROOT, "disk: %s (RRD files, fully allocated when created)%n", bytes(disk)));
    sb.append(String.format(Locale.ROOT, "native memory: %s = live rings %s + registry, state and buffers %s (%d B/series, measured)%n",
        bytes(ring + registry), bytes(ring), bytes(registry), EngineSeam.REGISTRY_BYTES_PER_SERIES));
    sb.append(String.format(Locale.ROOT, "heap: %s (%d B/series: keys measured, caches estimated)%n", bytes(totalSeries * HEAP_BYTES_PER_SERIES),
        HEAP_BYTES_PER_SERIES));
    sb.append("history kept:");
    for (RetentionClassSpec c : classes.values()) {
      TierSpec.Tier last = c.tiers.tiers.get(c.tiers.tiers.size() - 1);
      sb.append(' ').append(c.name).append(' ').append(duration(last.retentionSeconds)).append(" (").append(duration(last.stepSeconds))
          .append(" rows)").append(c.name.equals("cluster") ? " for cluster, broker, ZooKeeper, Flume, probe and own series" : "")
          .append(';');
    }
    sb.setLength(sb.length() - 1);
    sb.append('\n');
    sb.append("assumed: every broker hosts every topic; one probe partition per broker\n");
    return sb.toString();
  }

  static String bytes(long b) {
    if (b < 1024) return b + " B";
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = b;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
  }

  static String duration(long seconds) {
    if (seconds == 0) return "0";
    long[] sizes = {365L * 86400, 7L * 86400, 86400, 3600, 60, 1};
    String[] units = {"y", "w", "d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) if (seconds % sizes[i] == 0) return seconds / sizes[i] + units[i];
    return seconds + "s";
  }
}
