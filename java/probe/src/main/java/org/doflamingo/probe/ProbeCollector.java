package org.doflamingo.probe;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.Collector;
import org.doflamingo.collect.Scrape;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.events.EventRecorder;
import org.doflamingo.collect.kafka.KafkaClientSecurity;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * The synthetic probe of one Kafka cluster as a collection target: it starts the probe at its
 * first scrape (nothing is contacted before, as with every target), and each scrape turns the
 * probe's window into series. Labels: {@code cluster} on all; per partition {@code partition}
 * and {@code broker} = the partition's preferred leader (stable: a partition's history stays one
 * series when leadership moves, and "broker 2's partitions" are the ones the topic manager made
 * broker 2 lead); per broker {@code broker} for the attribution. The scrape itself only reads
 * memory: it is quick whatever the cluster does.
 *
 * <p>Series (see docs/metrics.md, system kafka-probe): per partition
 * {@code kafka.probe.produce_availability}, {@code consume_availability}, {@code records_lost},
 * {@code records_duplicated}, {@code records_delayed}; per broker
 * {@code kafka.probe.broker_produce_availability}, {@code broker_partitions_led}; per cluster
 * {@code kafka.probe.cluster_produce_availability}, {@code cluster_consume_availability},
 * {@code latency_p50_ms}, {@code latency_p99_ms}, {@code latency_p999_ms}, and the counters
 * {@code records_produced}, {@code produce_errors}, {@code records_consumed}.
 */
public final class ProbeCollector implements Collector {
  static final String PREFIX = "kafka.probe.";

  private final ProbeConfig config;
  private Probe probe;
  private long startedMs;
  /** Why the brokers refused the last probe, until one reads its topic again. */
  private String lastRefusal;
  private boolean closed;
  private final ProbeEvents events;

  public ProbeCollector(ProbeConfig config) {
    this(config, null, EventRecorder.NONE);
  }

  /** Records the cluster availability crossing the catalogue's rule to {@code events}. */
  public ProbeCollector(ProbeConfig config, MetricCatalogue catalogue, EventRecorder events) {
    this.config = config;
    this.events = new ProbeEvents(config.cluster, catalogue, events);
  }

  @Override
  public String target() {
    return "kafka " + config.cluster + " probe " + config.topic;
  }

  public ProbeConfig config() {
    return config;
  }

  /** The running probe, started on first use; null once closed. */
  synchronized Probe probe(long nowMs) throws CollectException {
    if (closed) return null;
    if (probe == null) {
      try {
        Probe p = new Probe(config, nowMs);
        p.start();
        probe = p;
        startedMs = nowMs;
      } catch (RuntimeException e) {
        throw new CollectException(KafkaClientSecurity.creationFailure(config.cluster, config.security, e) + " (the probe)", e);
      }
    }
    return probe;
  }

  @Override
  public void scrape(Scrape out) throws CollectException {
    long now = out.timeMillis();
    Probe p = probe(now);
    if (p == null) throw new CollectException(target() + ": closed");
    String refused = p.refused();
    if (refused != null) {
      // its clients would reconnect and be refused (and logged) every second: closed, made again at
      // the next scrape, which the scheduler's backoff spaces out
      drop(p);
      lastRefusal = refused;
    }
    ProbeTopic.Layout layout = refused != null ? null : p.layout();
    if (layout != null) lastRefusal = null;
    // a probe made again after a refusal is still refused until it has read its topic: never UP meanwhile
    if (lastRefusal != null) throw new CollectException("Kafka cluster " + config.cluster + ": the probe is refused: " + lastRefusal);
    if (layout == null) {
      // The topic is being made: nothing to say yet, unless that has taken a whole window.
      if (now - startedMs < config.windowMs) return;
      throw new CollectException("Kafka cluster " + config.cluster + ": probe topic " + config.topic + " not ready: "
          + (p.topicError() == null ? "no answer yet" : p.topicError()));
    }
    Set<Integer> known = new TreeSet<>(layout.liveBrokers);
    known.addAll(config.configuredBrokers);
    ProbeStats.Snapshot snapshot = p.stats().snapshot(now, layout.liveBrokers, config.configuredBrokers);
    emit(out, config.cluster, layout, snapshot, p.leaders(), known);
    // a window not yet full since the probe started reads partial (0 before any traffic): not judged
    if (now - startedMs >= config.windowMs) events.read(snapshot.produceAvailability, snapshot.consumeAvailability, now);
  }

  /** The series of one snapshot; {@code leaders}: partition to current leader, {@code known}: brokers always reported. */
  static void emit(Scrape out, String cluster, ProbeTopic.Layout layout, ProbeStats.Snapshot s, Map<Integer, Integer> leaders,
      Set<Integer> known) {
    for (ProbeStats.PartitionFigures f : s.partitions) {
      ProbeTopic.Placement placement = layout.partitions.get(f.partition);
      String broker = String.valueOf(placement == null ? -1 : placement.preferred());
      String partition = String.valueOf(f.partition);
      out.add(key(cluster, "produce_availability", "partition", partition, "broker", broker), SeriesKind.GAUGE, f.produceAvailability);
      out.add(key(cluster, "consume_availability", "partition", partition, "broker", broker), SeriesKind.GAUGE, f.consumeAvailability);
      out.add(key(cluster, "records_lost", "partition", partition, "broker", broker), SeriesKind.GAUGE, f.lost);
      out.add(key(cluster, "records_duplicated", "partition", partition, "broker", broker), SeriesKind.GAUGE, f.duplicated);
      out.add(key(cluster, "records_delayed", "partition", partition, "broker", broker), SeriesKind.GAUGE, f.delayed);
    }
    for (Map.Entry<Integer, Double> b : s.brokerProduceAvailability.entrySet()) {
      out.add(key(cluster, "broker_produce_availability", "broker", String.valueOf(b.getKey())), SeriesKind.GAUGE, b.getValue());
    }
    Map<Integer, Integer> led = new TreeMap<>();
    for (Integer b : known) led.put(b, 0);
    for (Integer leader : leaders.values()) if (leader >= 0) led.put(leader, led.containsKey(leader) ? led.get(leader) + 1 : 1);
    for (Map.Entry<Integer, Integer> b : led.entrySet()) {
      out.add(key(cluster, "broker_partitions_led", "broker", String.valueOf(b.getKey())), SeriesKind.GAUGE, b.getValue());
    }
    out.add(key(cluster, "cluster_produce_availability"), SeriesKind.GAUGE, s.produceAvailability);
    out.add(key(cluster, "cluster_consume_availability"), SeriesKind.GAUGE, s.consumeAvailability);
    out.add(key(cluster, "latency_p50_ms"), SeriesKind.GAUGE, s.latencyP50);
    out.add(key(cluster, "latency_p99_ms"), SeriesKind.GAUGE, s.latencyP99);
    out.add(key(cluster, "latency_p999_ms"), SeriesKind.GAUGE, s.latencyP999);
    out.add(key(cluster, "records_produced"), SeriesKind.COUNTER, s.totalProduced);
    out.add(key(cluster, "produce_errors"), SeriesKind.COUNTER, s.totalProduceErrors);
    out.add(key(cluster, "records_consumed"), SeriesKind.COUNTER, s.totalConsumed);
  }

  private static SeriesKey key(String cluster, String name, String... labels) {
    String[] kv = new String[labels.length + 2];
    kv[0] = "cluster";
    kv[1] = cluster;
    System.arraycopy(labels, 0, kv, 2, labels.length);
    return SeriesKey.of(PREFIX + name, kv);
  }

  private synchronized void drop(Probe p) {
    if (probe == p) probe = null;
    p.close();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (probe != null) {
      probe.close();
      probe = null;
    }
  }
}
