package org.doflamingo.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.doflamingo.config.KafkaSecurity;
import org.doflamingo.config.KafkaClusterConfig;

/**
 * What one cluster's probe runs with: the cluster (name, bootstrap, security, configured broker ids)
 * and the {@code "probe"} settings of its configuration, plus the few timings the configuration
 * does not expose. Immutable; the {@code with...} methods give changed copies (tests use short ones).
 *
 * <p>Rate: {@link #recordsPerSecond} is per partition, so every partition's availability has the
 * same resolution whatever the cluster's size. The whole probe is capped at
 * {@value #MAX_TOTAL_RECORDS_PER_SECOND} records/s: with more partitions than that allows, each
 * partition's period is stretched (see {@link #periodMs(int)}).
 */
public final class ProbeConfig {
  /** The probe never sends more than this many records per second in all, whatever the partitions. */
  public static final int MAX_TOTAL_RECORDS_PER_SECOND = 1000;

  public final String cluster;
  public final String bootstrapServers;
  /** How the probe's clients connect: the cluster's own security settings. */
  public final KafkaSecurity security;
  /** Broker ids the configuration names: a dead one keeps its attribution series (at 0) after its window empties. */
  public final List<Integer> configuredBrokers;
  public final String topic;
  public final int recordsPerSecond;
  public final int partitionsPerBroker;
  /** 0: min(3, live brokers). */
  public final int replicationFactor;
  public final long slaMs;
  public final long windowMs;
  public final boolean zeroThroughputIsUnavailable;
  /** How often the topic is checked (brokers, partitions, leadership). */
  public final long topicCheckMs;

  private ProbeConfig(String cluster, String bootstrapServers, KafkaSecurity security, List<Integer> configuredBrokers, String topic,
      int recordsPerSecond, int partitionsPerBroker, int replicationFactor, long slaMs, long windowMs,
      boolean zeroThroughputIsUnavailable, long topicCheckMs) {
    this.cluster = cluster;
    this.bootstrapServers = bootstrapServers;
    this.security = security;
    this.configuredBrokers = Collections.unmodifiableList(new ArrayList<>(configuredBrokers));
    this.topic = topic;
    this.recordsPerSecond = recordsPerSecond;
    this.partitionsPerBroker = partitionsPerBroker;
    this.replicationFactor = replicationFactor;
    this.slaMs = slaMs;
    this.windowMs = windowMs;
    this.zeroThroughputIsUnavailable = zeroThroughputIsUnavailable;
    this.topicCheckMs = topicCheckMs;
  }

  /** The probe of a configured cluster; throws IllegalArgumentException when it has no {@code "probe"} section. */
  public static ProbeConfig of(KafkaClusterConfig k) {
    KafkaClusterConfig.Probe p = k.probe;
    if (p == null) throw new IllegalArgumentException("Kafka cluster " + k.name + " has no probe configured");
    List<Integer> ids = new ArrayList<>();
    for (KafkaClusterConfig.Broker b : k.brokers) if (b.id >= 0) ids.add(b.id);
    return new ProbeConfig(k.name, k.bootstrapServers(), k.security, ids, p.topic, p.recordsPerSecond, p.partitionsPerBroker,
        p.replicationFactor, p.slaMs, p.windowSeconds * 1000L, p.zeroThroughputIsUnavailable, 10_000);
  }

  /** The defaults of the configuration's {@code "probe": {}} for a cluster reached at {@code bootstrapServers}. */
  public static ProbeConfig defaults(String cluster, String bootstrapServers) {
    return new ProbeConfig(cluster, bootstrapServers, KafkaSecurity.PLAINTEXT, Collections.<Integer>emptyList(),
        KafkaClusterConfig.Probe.DEFAULT_TOPIC, 10, 1, 0, 500, 60_000, true, 10_000);
  }

  public ProbeConfig withTopic(String t) {
    return new ProbeConfig(cluster, bootstrapServers, security, configuredBrokers, t, recordsPerSecond, partitionsPerBroker,
        replicationFactor, slaMs, windowMs, zeroThroughputIsUnavailable, topicCheckMs);
  }

  public ProbeConfig withWindowMs(long w) {
    return new ProbeConfig(cluster, bootstrapServers, security, configuredBrokers, topic, recordsPerSecond, partitionsPerBroker,
        replicationFactor, slaMs, w, zeroThroughputIsUnavailable, topicCheckMs);
  }

  public ProbeConfig withTopicCheckMs(long ms) {
    return new ProbeConfig(cluster, bootstrapServers, security, configuredBrokers, topic, recordsPerSecond, partitionsPerBroker,
        replicationFactor, slaMs, windowMs, zeroThroughputIsUnavailable, ms);
  }

  public ProbeConfig withZeroThroughputIsUnavailable(boolean z) {
    return new ProbeConfig(cluster, bootstrapServers, security, configuredBrokers, topic, recordsPerSecond, partitionsPerBroker,
        replicationFactor, slaMs, windowMs, z, topicCheckMs);
  }

  public ProbeConfig withConfiguredBrokers(List<Integer> ids) {
    return new ProbeConfig(cluster, bootstrapServers, security, ids, topic, recordsPerSecond, partitionsPerBroker,
        replicationFactor, slaMs, windowMs, zeroThroughputIsUnavailable, topicCheckMs);
  }

  /**
   * Milliseconds between two records to one partition when the topic has {@code partitions}:
   * 1000 / recordsPerSecond, stretched so that all partitions together stay within
   * {@value #MAX_TOTAL_RECORDS_PER_SECOND} records/s.
   */
  public long periodMs(int partitions) {
    long wanted = Math.max(1, 1000 / recordsPerSecond);
    long capped = (1000L * Math.max(1, partitions) + MAX_TOTAL_RECORDS_PER_SECOND - 1) / MAX_TOTAL_RECORDS_PER_SECOND;
    return Math.max(wanted, capped);
  }

  @Override
  public String toString() {
    return "probe of " + cluster + " on topic " + topic + " (" + recordsPerSecond + "/s per partition, " + partitionsPerBroker
        + " per broker, sla " + slaMs + " ms, window " + windowMs / 1000 + " s)";
  }
}
