package org.doflamingo.collect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.config.Credentials;
import org.doflamingo.collect.config.FlumeAgentConfig;
import org.doflamingo.collect.config.KafkaClusterConfig;
import org.doflamingo.collect.config.MonitorConfig;
import org.doflamingo.collect.config.ZooKeeperEnsembleConfig;
import org.doflamingo.collect.flume.FlumeCollector;
import org.doflamingo.collect.jmx.JmxCollector;
import org.doflamingo.collect.jmx.JmxSource;
import org.doflamingo.collect.kafka.AdminCollector;
import org.doflamingo.collect.zookeeper.ZooKeeperCollector;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.Scheduler;

/**
 * Everything one configuration watches: the engine at the storage path, and every target the
 * configuration names, each with its collector on one {@link CollectionService}. The host (the
 * Flamingo module's job, the standalone server, a test) calls {@link #tick(long)}; pages read the
 * {@link #engine()} and {@link #targets()}.
 *
 * <p>Series labels: Kafka series carry {@code cluster} (and {@code broker}: its configured id, else
 * host:jmxPort; {@code client} for client JVMs), ZooKeeper series {@code ensemble} and
 * {@code server} (host:clientPort), Flume series {@code agent}.
 */
public final class Monitor implements AutoCloseable {
  /** One watched target, as pages show it. */
  public static final class Target {
    public final int id;
    /** Catalogue system: kafka-broker, kafka-cluster, kafka-consumer, kafka-probe, zookeeper, flume. */
    public final String system;
    /** The cluster, ensemble or agent name from the configuration. */
    public final String group;
    /** The member within the group: broker label, server, agent, client; the group itself for cluster-wide targets. */
    public final String member;
    /** What is read and where, e.g. "JMX k1:9999". */
    public final String address;

    Target(int id, String system, String group, String member, String address) {
      this.id = id;
      this.system = system;
      this.group = group;
      this.member = member;
      this.address = address;
    }

    @Override
    public String toString() {
      return system + " " + group + "/" + member + " (" + address + ")";
    }
  }

  /** Scrapes in flight at once: one worker per target up to this, so a hung target never starves the others. */
  private static final int MAX_WORKERS = 16;

  private final MonitorConfig config;
  private final MetricCatalogue catalogue;
  private final Engine engine;
  private final CollectionService collection;
  private final Map<Integer, Target> targets = new LinkedHashMap<>();

  private Monitor(MonitorConfig config, MetricCatalogue catalogue, Engine engine, CollectionService collection) {
    this.config = config;
    this.catalogue = catalogue;
    this.engine = engine;
    this.collection = collection;
  }

  /**
   * Opens the engine under the configured storage path and registers every target, all due at
   * {@code nowMs}. Throws {@link org.doflamingo.engine.StorageException} when the storage cannot
   * be opened; nothing is contacted until the first tick.
   */
  public static Monitor open(MonitorConfig config, long nowMs) {
    MetricCatalogue catalogue = MetricCatalogue.load();
    Engine engine = Engine.open(engineConfig(config));
    Monitor m = null;
    try {
      int targetCount = countTargets(config);
      m = new Monitor(config, catalogue, engine, new CollectionService(engine, Math.min(MAX_WORKERS, Math.max(2, targetCount))));
      m.addAll(nowMs);
      return m;
    } catch (RuntimeException | CollectException e) {
      if (m != null) m.close();
      else engine.close();
      if (e instanceof RuntimeException) throw (RuntimeException) e;
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  static EngineConfig engineConfig(MonitorConfig config) {
    EngineConfig ec = EngineConfig.at(config.storagePath);
    // The first tier's step is the collection interval: a 5 s interval on 2 s rows would leave
    // every other row unknown.
    if (config.tiers != null) ec.tiers(config.tiers);
    else if (config.intervalSeconds != 2) ec.tiers(config.intervalSeconds + "s:1d,1m:14d,15m:180d,1h:5y");
    if (config.rrdcached != null) ec.rrdcached(config.rrdcached);
    return ec;
  }

  private static int countTargets(MonitorConfig config) {
    int n = 0;
    for (KafkaClusterConfig k : config.kafka) n += 1 + k.brokers.size() + k.clients.size();
    for (ZooKeeperEnsembleConfig z : config.zookeeper) {
      for (ZooKeeperEnsembleConfig.Server s : z.servers) n += s.jmxPort > 0 ? 2 : 1;
    }
    for (FlumeAgentConfig f : config.flume) n += (f.httpPort > 0 ? 1 : 0) + (f.jmxPort > 0 ? 1 : 0);
    return n;
  }

  private long intervalMs() {
    return config.intervalSeconds * 1000L;
  }

  /** A scrape may take most of an interval but never more: a late scrape is worth less than the next one. */
  private long timeoutMs() {
    long interval = intervalMs();
    return Math.max(1000, interval - Math.min(500, interval / 4));
  }

  private void addAll(long nowMs) throws CollectException {
    long interval = intervalMs();
    long timeout = timeoutMs();
    List<JmxSource> brokerSources = jmxSources("kafka-broker", "host");
    List<JmxSource> clientSources = jmxSources("kafka-consumer", "host");
    List<JmxSource> zkSources = jmxSources("zookeeper", "host");
    List<JmxSource> flumeSources = jmxSources("flume", "host");
    for (KafkaClusterConfig k : config.kafka) {
      AdminCollector admin = new AdminCollector(k, timeout);
      admin.seedLagWindow(engine, nowMs); // after a restart, lag statuses are judged from the first scrape
      add("kafka-cluster", k.name, k.name, "Admin API " + k.bootstrapServers(), admin, interval, timeout, nowMs);
      for (KafkaClusterConfig.Broker b : k.brokers) {
        String broker = b.id >= 0 ? String.valueOf(b.id) : b.host + ":" + b.jmxPort;
        add("kafka-broker", k.name, broker, "JMX " + b.host + ":" + b.jmxPort,
            jmx(b.host, b.jmxPort, k.jmx, k.jmxSsl, brokerSources, labels("cluster", k.name, "broker", broker), timeout),
            interval, timeout, nowMs);
      }
      for (KafkaClusterConfig.Client c : k.clients) {
        add("kafka-consumer", k.name, c.name, "JMX " + c.host + ":" + c.jmxPort,
            jmx(c.host, c.jmxPort, k.jmx, k.jmxSsl, clientSources, labels("cluster", k.name, "client", c.name), timeout),
            interval, timeout, nowMs);
      }
    }
    for (ZooKeeperEnsembleConfig z : config.zookeeper) {
      for (ZooKeeperEnsembleConfig.Server s : z.servers) {
        String server = s.host + ":" + s.clientPort;
        add("zookeeper", z.name, server, "mntr " + server, new ZooKeeperCollector(z, s, catalogue), interval, timeout, nowMs);
        if (s.jmxPort > 0) {
          add("zookeeper", z.name, server, "JMX " + s.host + ":" + s.jmxPort,
              jmx(s.host, s.jmxPort, z.jmx, false, zkSources, labels("ensemble", z.name, "server", server), timeout),
              interval, timeout, nowMs);
        }
      }
    }
    for (FlumeAgentConfig f : config.flume) {
      if (f.httpPort > 0) {
        add("flume", f.name, f.name, "HTTP " + f.host + ":" + f.httpPort, new FlumeCollector(f, catalogue), interval, timeout, nowMs);
      }
      if (f.jmxPort > 0) {
        add("flume", f.name, f.name, "JMX " + f.host + ":" + f.jmxPort,
            jmx(f.host, f.jmxPort, f.jmx, false, flumeSources, labels("agent", f.name), timeout), interval, timeout, nowMs);
      }
    }
  }

  private List<JmxSource> jmxSources(String... systems) {
    List<JmxSource> out = new ArrayList<>();
    for (String s : systems) out.addAll(JmxSource.of(catalogue.of(s)));
    return out;
  }

  private static JmxCollector jmx(String host, int port, Credentials credentials, boolean ssl, List<JmxSource> sources,
      Map<String, String> labels, long timeoutMs) throws CollectException {
    return new JmxCollector(host, port, credentials, ssl, sources, labels, timeoutMs, 4);
  }

  private static Map<String, String> labels(String... keysAndValues) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) out.put(keysAndValues[i], keysAndValues[i + 1]);
    return out;
  }

  private void add(String system, String group, String member, String address, Collector collector, long intervalMs,
      long timeoutMs, long nowMs) {
    int id = collection.add(collector, intervalMs, timeoutMs, nowMs);
    synchronized (targets) {
      targets.put(id, new Target(id, system, group, member, address));
    }
  }

  /**
   * Adds a target the configuration does not build itself (the synthetic probe of java/probe,
   * which depends on this module), on the configured interval and timeout, due at once; the
   * monitor closes it. Its scrape should be quick: workers were counted at {@link #open}.
   * Returns its id in {@link #targets()}.
   */
  public int add(String system, String group, String member, String address, Collector collector) {
    long now = System.currentTimeMillis();
    int id = collection.add(collector, intervalMs(), timeoutMs(), now);
    synchronized (targets) {
      targets.put(id, new Target(id, system, group, member, address));
    }
    return id;
  }

  /** Starts the scrapes due at {@code nowMs}; returns at once. */
  public void tick(long nowMs) {
    collection.tick(nowMs);
  }

  /** Milliseconds until the next scrape is due. */
  public long millisUntilNextDue(long nowMs) {
    return collection.millisUntilNextDue(nowMs);
  }

  public void addListener(CollectionService.Listener listener) {
    collection.addListener(listener);
  }

  public MonitorConfig config() {
    return config;
  }

  public MetricCatalogue catalogue() {
    return catalogue;
  }

  public Engine engine() {
    return engine;
  }

  /** Every target in configuration order. */
  public List<Target> targets() {
    synchronized (targets) {
      return Collections.unmodifiableList(new ArrayList<>(targets.values()));
    }
  }

  public Target target(int id) {
    synchronized (targets) {
      return targets.get(id);
    }
  }

  public Scheduler.Status status(int targetId) {
    return collection.status(targetId);
  }

  /** Stops collection, then writes back what the engine buffers and closes it. */
  @Override
  public void close() {
    try {
      collection.close();
    } finally {
      engine.close();
    }
  }
}
