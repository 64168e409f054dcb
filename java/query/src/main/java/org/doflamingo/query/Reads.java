package org.doflamingo.query;

import org.doflamingo.collect.Monitor;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.SeriesData;
import org.doflamingo.query.events.EventReads;
import org.doflamingo.query.flume.FlumeFlows;
import org.doflamingo.query.kafka.ConsumerLag;
import org.doflamingo.query.kafka.KafkaQuorum;
import org.doflamingo.query.kafka.KafkaTables;

/**
 * The read side of one monitor: every read of its engine that the pages make, over one key cache
 * ({@link SeriesIndex}) and one meaning of "current" ({@link Current}). Made with the monitor and
 * dropped with it (the Flamingo module holds both), so nothing is cached past a closed engine.
 * Safe for many threads.
 */
public final class Reads {
  private final Monitor monitor;
  private final SeriesIndex index;
  private final Current current;
  private final KafkaTables kafka;
  private final ConsumerLag lag;
  private final KafkaQuorum quorum;
  private final FlumeFlows flume;
  private final EventReads events;

  public Reads(Monitor monitor) {
    this.monitor = monitor;
    this.index = new SeriesIndex(monitor.engine(), monitor.seriesKeys());
    this.current = new Current(monitor);
    this.kafka = new KafkaTables(this);
    this.lag = new ConsumerLag(this);
    this.quorum = new KafkaQuorum(this);
    this.flume = new FlumeFlows(this);
    this.events = new EventReads(monitor.engine());
  }

  public Monitor monitor() {
    return monitor;
  }

  public Engine engine() {
    return monitor.engine();
  }

  public SeriesIndex index() {
    return index;
  }

  public Current current() {
    return current;
  }

  /** Targets, series, history, group-bys, health and retention of one area. */
  public AreaReads area(Area area) {
    return new AreaReads(this, area);
  }

  /** The event log: what changed when, per area. */
  public EventReads events() {
    return events;
  }

  /** The brokers, topics and partitions tables. */
  public KafkaTables kafka() {
    return kafka;
  }

  /** The consumer groups' lag list and a group's partitions. */
  public ConsumerLag lag() {
    return lag;
  }

  /** The Kafka clusters' KRaft metadata quorums. */
  public KafkaQuorum quorum() {
    return quorum;
  }

  /** The Flume transport network. */
  public FlumeFlows flume() {
    return flume;
  }

  /**
   * The value each series got at {@code stampMs} exactly (NaN where none), all in one read: what
   * live push sends after a scrape. Inside the live ring, so from memory.
   */
  public double[] valuesAt(int[] ids, long stampMs) {
    double[] out = new double[ids.length];
    if (ids.length == 0) return out;
    java.util.List<SeriesData> data = engine().query(ids, stampMs, stampMs, current.stepMs());
    for (int i = 0; i < ids.length; i++) out[i] = data.get(i).valueAt(stampMs);
    return out;
  }
}
