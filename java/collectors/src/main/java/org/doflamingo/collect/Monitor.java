package org.doflamingo.collect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.events.MonitorEvents;
import org.doflamingo.collect.events.TargetEvents;
import org.doflamingo.collect.kafka.ReplicaAssignments;
import org.doflamingo.collect.series.EngineSeam;
import org.doflamingo.collect.series.SeriesCounts;
import org.doflamingo.collect.series.SeriesKeys;
import org.doflamingo.collect.series.SeriesPolicy;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.Event;
import org.doflamingo.engine.EventPage;
import org.doflamingo.engine.EventQuery;
import org.doflamingo.engine.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of collection: the engine at the storage path, and every target the
 * configuration names, each with its collector on one {@link CollectionService}. It knows no
 * collector: the targets come from the {@link CollectorFactory}s (the collectors' own, the
 * probe's). The host (the
 * Flamingo module's job, the standalone server, a test) calls {@link #tick(long)}; pages read the
 * {@link #engine()} and {@link #targets()}, and the one thing collectors know that is not a series,
 * the Kafka partitions' replica broker ids ({@link #replicaAssignments()}).
 *
 * <p>Series labels: Kafka series carry {@code cluster} (and {@code broker}: its configured id, else
 * host:jmxPort; {@code client} for client JVMs), ZooKeeper series {@code ensemble} and
 * {@code server} (host:clientPort), Flume series {@code agent}.
 */
public final class Monitor implements AutoCloseable {
  /** One watched target, as pages show it, by its id in the scheduler. */
  public static final class Target extends TargetDescription {
    public final int id;
    /** The {@code target} label of its {@link CollectionService#UP_SERIES} series (its collector's own name for it). */
    public final String upLabel;

    Target(int id, TargetDescription d, String upLabel) {
      super(d.system, d.group, d.member, d.address);
      this.id = id;
      this.upLabel = upLabel;
    }
  }

  /** Scrapes in flight at once: one worker per target up to this, so a hung target never starves the others. */
  private static final int MAX_WORKERS = 16;

  private final MonitorConfig config;
  private final MetricCatalogue catalogue;
  private final Engine engine;
  private final CollectionService collection;
  private final Map<Integer, Target> targets = new LinkedHashMap<>();
  private final SeriesPolicy policy;
  private final SeriesCounts counts;
  private final SeriesKeys keys;
  private final MonitorEvents events;
  private final ReplicaAssignments replicaAssignments;
  private static final Logger log = LoggerFactory.getLogger(Monitor.class);
  /** Doflamingo's own events' kinds. */
  public static final String START = "doflamingo.start";
  public static final String STOP = "doflamingo.stop";

  private Monitor(MonitorConfig config, MetricCatalogue catalogue, Engine engine, CollectionService collection,
      SeriesPolicy policy, SeriesCounts counts, SeriesKeys keys, MonitorEvents events, ReplicaAssignments replicaAssignments) {
    this.config = config;
    this.replicaAssignments = replicaAssignments;
    this.events = events;
    this.keys = keys;
    this.policy = policy;
    this.counts = counts;
    this.catalogue = catalogue;
    this.engine = engine;
    this.collection = collection;
    TargetEvents up = new TargetEvents(events);
    collection.addOutcomeListener((id, name, timeMs, error) -> {
      Target t = target(id);
      if (t != null) up.outcome(id, t, name, timeMs, error);
    });
  }

  /**
   * Opens the engine under the configured storage path and registers every target of every
   * {@link CollectorFactory} on the class path ({@link CollectorFactory#installed()}), all due at
   * {@code nowMs}. Throws {@link org.doflamingo.engine.StorageException} when the storage cannot
   * be opened; nothing is contacted until the first tick.
   */
  public static Monitor open(MonitorConfig config, long nowMs) {
    return open(config, nowMs, CollectorFactory.installed());
  }

  /** As {@link #open(MonitorConfig, long)}, with these factories' targets only, in this order. */
  public static Monitor open(MonitorConfig config, long nowMs, List<CollectorFactory> factories) {
    for (String w : config.warnings) log.warn("configuration: {}", w);
    MetricCatalogue catalogue = MetricCatalogue.load();
    SeriesPolicy policy = SeriesPolicy.of(config, catalogue);
    SeriesCounts counts = new SeriesCounts(policy.maxSeries(), policy.maxSeriesPerTarget());
    Engine engine = Engine.open(engineConfig(config, policy));
    List<CollectorFactory.Target> built = new ArrayList<>();
    CollectionService collection = null;
    int registered = 0;
    try {
      MonitorEvents events = new MonitorEvents(engine);
      ReplicaAssignments assignments = new ReplicaAssignments();
      CollectorFactory.Context context = new CollectorFactory.Context(config, catalogue, engine, timeoutMs(config), nowMs, policy, events,
          assignments);
      for (CollectorFactory f : factories) f.addTargets(context, built);
      EngineScrape.Ids ids = new EngineScrape.Ids(engine, policy, counts);
      collection = new CollectionService(engine, Math.min(MAX_WORKERS, Math.max(2, built.size())), ids);
      Monitor m = new Monitor(config, catalogue, engine, collection, policy, counts, ids.keys(), events, assignments);
      for (; registered < built.size(); registered++) m.add(built.get(registered), nowMs);
      m.recordStart(nowMs);
      return m;
    } catch (RuntimeException | CollectException e) {
      // the service closes the collectors it took; the others are closed here
      if (collection != null) collection.close();
      for (CollectorFactory.Target t : built.subList(registered, built.size())) t.collector.close();
      engine.close();
      if (e instanceof RuntimeException) throw (RuntimeException) e;
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  static EngineConfig engineConfig(MonitorConfig config, SeriesPolicy policy) {
    EngineConfig ec = EngineConfig.at(config.storagePath);
    EngineSeam.defineClasses(ec, policy.engineClasses(config.intervalSeconds));
    // The first tier's step is the collection interval: a 5 s interval on 2 s rows would leave
    // every other row unknown. The other tiers are the engine's defaults.
    String firstStep = config.intervalSeconds + "s";
    String defaults = EngineConfig.DEFAULT_TIERS;
    if (config.tiers != null) ec.tiers(config.tiers);
    else if (!defaults.startsWith(firstStep + ":")) ec.tiers(firstStep + defaults.substring(defaults.indexOf(':')));
    if (config.rrdcached != null) ec.rrdcached(config.rrdcached);
    ec.eventRetention(config.eventMaxAgeDays * 86_400, config.eventMaxMegabytes << 20);
    return ec;
  }

  /** A scrape may take most of an interval but never more: a late scrape is worth less than the next one. */
  private static long timeoutMs(MonitorConfig config) {
    long interval = config.intervalSeconds * 1000L;
    return Math.max(1000, interval - Math.min(500, interval / 4));
  }

  private void add(CollectorFactory.Target t, long nowMs) {
    int id = collection.add(t.collector, config.intervalSeconds * 1000L, t.timeoutMs > 0 ? t.timeoutMs : timeoutMs(config), nowMs);
    counts.name(id, t.toString());
    synchronized (targets) {
      targets.put(id, new Target(id, t, t.collector.target()));
    }
  }

  /** Starts the scrapes due at {@code nowMs} and stores the events recorded since the last tick; returns at once. */
  public void tick(long nowMs) {
    collection.tick(nowMs);
    events.flush();
  }

  /**
   * Doflamingo's own start, stored at once: a person reading the Timeline sees where collection
   * began, and, when the previous run's last word was a start and not a stop, that it ended
   * without one (killed or crashed), which explains a gap in every chart.
   */
  private void recordStart(long nowMs) {
    EventPage last = engine.events(EventQuery.range(0, nowMs)
        .kinds(Arrays.asList(START, STOP)).page(0, 1));
    String collecting = "collecting from " + targets().size() + " targets every " + config.intervalSeconds + " s";
    Event.Builder start = Event.at(nowMs, "doflamingo", START, Event.Severity.INFO).message(collecting);
    if (!last.events.isEmpty() && STOP.equals(last.events.get(0).kind)) {
      start.change("stopped", "running");
    } else if (!last.events.isEmpty()) {
      start = Event.at(nowMs, "doflamingo", START, Event.Severity.WARNING).change("ended without a stop", "running")
          .message("the previous run (started " + java.time.Instant.ofEpochMilli(last.events.get(0).timeMs)
              + ") ended without a stop: killed or crashed; " + collecting);
    }
    events.record(start.build());
    events.flush();
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

  /** Every Kafka partition's replica and in-sync broker ids as its cluster's Admin collector last described them. */
  public ReplicaAssignments replicaAssignments() {
    return replicaAssignments;
  }

  public Engine engine() {
    return engine;
  }

  /** Where transitions are recorded, and where live push listens for them. */
  public MonitorEvents events() {
    return events;
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

  /** The key of each series id the collectors interned: the one copy the read side looks keys up in too. */
  public SeriesKeys seriesKeys() {
    return keys;
  }

  public SeriesPolicy seriesPolicy() {
    return policy;
  }

  /** Series created and refused per target and class. */
  public SeriesCounts.Target seriesCounts(int targetId) {
    return counts.of(targetId);
  }

  public Scheduler.Status status(int targetId) {
    return collection.status(targetId);
  }

  /** What a target starting up is waiting for (its first connection, its first discovery), or null. */
  public String pending(int targetId) {
    return collection.pending(targetId);
  }

  /** What a target's last good scrape could not read yet because it answers slowly, or null. */
  public String behind(int targetId) {
    return collection.behind(targetId);
  }

  /** Stops collection, stores the events recorded until then and Doflamingo's stop, then writes back what the engine buffers and closes it. */
  @Override
  public void close() {
    try {
      collection.close();
    } finally {
      try {
        events.record(Event.at(System.currentTimeMillis(), "doflamingo", STOP, Event.Severity.INFO)
            .change("running", "stopped").message("collection stopped").build());
        events.close();
      } catch (RuntimeException e) {
        log.error("storing the last events failed: {}", e.toString());
      } finally {
        engine.close();
      }
    }
  }
}
