package org.doflamingo.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.events.EventRecorder;
import org.doflamingo.collect.kafka.ReplicaAssignments;
import org.doflamingo.collect.series.SeriesPolicy;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.Engine;

/**
 * Builds the targets of one kind of collector for a configuration. {@link Monitor} knows no
 * collector itself: it runs the targets of every factory on the class path, found through
 * {@link ServiceLoader} ({@code META-INF/services/org.doflamingo.collect.CollectorFactory}), so a
 * module above the collectors (the synthetic probe) registers as the collectors' own do, and any
 * caller of {@link Monitor#open} gets every configured collector there is.
 */
public interface CollectorFactory {
  /** What a factory may use while it builds targets. */
  final class Context {
    public final MonitorConfig config;
    public final MetricCatalogue catalogue;
    /** The monitor's engine, for collectors that refill their state from history (lag windows). */
    public final Engine engine;
    /** How often each target is scraped. */
    public final long intervalMs;
    /** The longest a scrape may take unless its target says otherwise: a little less than the interval. */
    public final long timeoutMs;
    /** The time the monitor opens. */
    public final long nowMs;
    /**
     * Which series are collected: collectors may skip reading what it excludes entirely
     * ({@link SeriesPolicy#excludesTopic}, {@link SeriesPolicy#excludesGroup}); whatever they
     * write is filtered where it is interned anyway.
     */
    public final SeriesPolicy series;
    /** Where a collector records the transitions it sees (a leader moved, a group went STALL). */
    public final EventRecorder events;
    /** Where the Kafka Admin collectors keep each partition's replica and in-sync broker ids (not series: see there). */
    public final ReplicaAssignments replicaAssignments;

    Context(MonitorConfig config, MetricCatalogue catalogue, Engine engine, long timeoutMs, long nowMs, SeriesPolicy series,
        EventRecorder events, ReplicaAssignments replicaAssignments) {
      this.config = config;
      this.catalogue = catalogue;
      this.engine = engine;
      this.intervalMs = config.intervalSeconds * 1000L;
      this.timeoutMs = timeoutMs;
      this.nowMs = nowMs;
      this.series = series;
      this.events = events;
      this.replicaAssignments = replicaAssignments;
    }
  }

  /**
   * Adds the targets of the configuration this factory collects to {@code out}, in configuration
   * order; none when the configuration asks for none. When any factory fails, the monitor closes
   * every collector already in {@code out}.
   */
  void addTargets(Context context, List<Target> out) throws CollectException;

  /** A target to schedule, with the collector that reads it. */
  final class Target extends TargetDescription {
    public final Collector collector;
    /** Its scrape timeout; 0: the context's. */
    public final long timeoutMs;

    public Target(String system, String group, String member, String address, Collector collector) {
      this(system, group, member, address, collector, 0);
    }

    public Target(String system, String group, String member, String address, Collector collector, long timeoutMs) {
      super(system, group, member, address);
      this.collector = collector;
      this.timeoutMs = timeoutMs;
    }
  }

  /** Every factory on the class path of this interface, in the order the service files list them. */
  static List<CollectorFactory> installed() {
    List<CollectorFactory> out = new ArrayList<>();
    for (CollectorFactory f : ServiceLoader.load(CollectorFactory.class, CollectorFactory.class.getClassLoader())) out.add(f);
    return out;
  }
}
