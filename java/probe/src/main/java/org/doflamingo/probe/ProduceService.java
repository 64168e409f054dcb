package org.doflamingo.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces to every partition of the monitor topic on a steady beat (Kafka Monitor's produce
 * service). Each partition gets one slot per period; a slot sends the partition's next record
 * (its sequence number and the time) unless the previous one is still unacknowledged. At most
 * one record per partition is in flight, so a dead leader cannot pile records up: the slots it
 * blocks count as errors once that record has waited longer than the SLA (a slow but working
 * partition only loses throughput, a dead one reads as unavailable at the full rate, not one
 * error per delivery timeout). The sequence number moves on only when a record is acknowledged,
 * so a failed send leaves no gap for the consumer to count as loss; a failed send that was in
 * fact written shows as a duplicate, which it is.
 *
 * <p>Every result counts for the partition and for the broker that led it when the record was
 * sent, as the producer's metadata said: that is the attribution.
 */
final class ProduceService {
  private final class InFlight implements Callback {
    final int partition;
    final int leader;
    final long sentMs;

    InFlight(int partition, int leader, long sentMs) {
      this.partition = partition;
      this.leader = leader;
      this.sentMs = sentMs;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      // On the producer's I/O thread (or the slot's, when send itself failed): quick, never throws.
      long now = clock.getAsLong();
      synchronized (ProduceService.this) {
        Partition p = partitions.get(partition);
        if (p != null && p.pending == this) {
          p.pending = null;
          if (exception == null) p.nextSequence++;
        }
      }
      if (exception == null) {
        stats.produced(partition, leader, now);
      } else {
        stats.produceFailed(partition, leader, now);
        lastError = "partition " + partition + " (leader " + leader + "): " + exception;
      }
    }
  }

  private static final class Partition {
    long nextSequence;
    InFlight pending;
    /** The last leader the metadata named; a partition without one is charged to it. */
    int lastLeader = -1;
  }

  private final ProbeConfig config;
  private final Producer<byte[], byte[]> producer;
  private final ProbeStats stats;
  private final long session;
  private final LongSupplier clock;
  private final Map<Integer, Partition> partitions = new TreeMap<>();
  private volatile Map<Integer, Integer> leaders = Collections.emptyMap();
  private volatile String lastError;

  ProduceService(ProbeConfig config, Producer<byte[], byte[]> producer, ProbeStats stats, long session) {
    this(config, producer, stats, session, System::currentTimeMillis);
  }

  /** {@code clock}: the time results are counted at (tests give theirs). */
  ProduceService(ProbeConfig config, Producer<byte[], byte[]> producer, ProbeStats stats, long session, LongSupplier clock) {
    this.config = config;
    this.producer = producer;
    this.stats = stats;
    this.session = session;
    this.clock = clock;
  }

  /**
   * Producer settings: acknowledged by all in-sync replicas, like a careful application; short
   * timeouts so a dead leader shows within the window; small buffers, since at most one small
   * record per partition is ever waiting.
   */
  static Properties properties(ProbeConfig config) {
    Properties p = ClientProperties.of(config, "producer");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
    // send() waits for metadata at most this long; the slot thread must keep its beat
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
    p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "100");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "1024");
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(4L * 1024 * 1024));
    return p;
  }

  /** The partitions the topic has now: new ones start at sequence 0, gone ones are dropped. */
  synchronized void partitions(Iterable<Integer> current) {
    Map<Integer, Partition> kept = new HashMap<>();
    for (Integer p : current) kept.put(p, partitions.containsKey(p) ? partitions.get(p) : new Partition());
    partitions.clear();
    partitions.putAll(kept);
  }

  synchronized int partitionCount() {
    return partitions.size();
  }

  /** Milliseconds to the next slot. */
  long periodMs() {
    return config.periodMs(partitionCount());
  }

  /** One beat: a slot for every partition. Runs on the probe's produce thread only. */
  void slot(long nowMs) {
    List<Integer> targets;
    synchronized (this) {
      targets = new ArrayList<>(partitions.keySet());
    }
    if (targets.isEmpty()) return;
    Map<Integer, Integer> current = new HashMap<>();
    try {
      for (PartitionInfo info : producer.partitionsFor(config.topic)) {
        current.put(info.partition(), info.leader() == null || info.leader().isEmpty() ? -1 : info.leader().id());
      }
    } catch (RuntimeException e) {
      // No metadata for the topic at all (every broker unreachable, say): every slot fails, charged
      // to the partitions' last leaders.
      lastError = "metadata of " + config.topic + ": " + e;
      synchronized (this) {
        for (Integer p : targets) {
          Partition s = partitions.get(p);
          if (s == null) continue;
          if (s.pending == null) stats.produceFailed(p, s.lastLeader, nowMs);
          else if (nowMs - s.pending.sentMs > config.slaMs) stats.produceFailed(p, s.pending.leader, nowMs);
        }
      }
      return;
    }
    Map<Integer, Integer> leadersNow = new TreeMap<>();
    for (Integer p : targets) {
      Integer leader = current.get(p);
      if (leader == null) continue; // a partition the producer's metadata does not know yet: it will within metadata.max.age
      InFlight send;
      byte[] value;
      synchronized (this) {
        Partition s = partitions.get(p);
        if (s == null) continue;
        if (leader >= 0) s.lastLeader = leader;
        leadersNow.put(p, leader);
        if (s.pending != null) {
          if (nowMs - s.pending.sentMs > config.slaMs) stats.produceFailed(p, s.pending.leader, nowMs);
          continue;
        }
        send = new InFlight(p, s.lastLeader, nowMs);
        s.pending = send;
        value = new ProbeRecord(session, s.nextSequence, nowMs).encode();
      }
      try {
        producer.send(new ProducerRecord<byte[], byte[]>(config.topic, p, nowMs, null, value), send);
      } catch (RuntimeException e) {
        send.onCompletion(null, e);
      }
    }
    leaders = Collections.unmodifiableMap(leadersNow);
  }

  /** Partition to leader (-1: none) as the producer's metadata said at the last slot. */
  Map<Integer, Integer> leaders() {
    return leaders;
  }

  String lastError() {
    return lastError;
  }
}
