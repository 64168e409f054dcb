package org.doflamingo.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The produce beat against Kafka's MockProducer: one record in flight per partition, sequences, blocked slots, attribution. */
class ProduceServiceTest {
  private static final Set<Integer> NONE = Collections.<Integer>emptySet();

  @Test
  void slotsSendOneRecordPerPartitionAndCountBlockedOnesPastTheSla() {
    Node b1 = new Node(1, "h1", 9092);
    Node b2 = new Node(2, "h2", 9092);
    ProbeConfig config = ProbeConfig.defaults("c", "h1:9092");
    Cluster cluster = new Cluster("id", Arrays.asList(b1, b2), Arrays.asList(
        new PartitionInfo(config.topic, 0, b1, new Node[] {b1, b2}, new Node[] {b1, b2}),
        new PartitionInfo(config.topic, 1, b2, new Node[] {b2, b1}, new Node[] {b2, b1})),
        Collections.<String>emptySet(), Collections.<String>emptySet());
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(cluster, false, null, new ByteArraySerializer(), new ByteArraySerializer());
    long t = 1_000_000L;
    ProbeStats stats = new ProbeStats(config, t - 10_000);
    stats.track(Arrays.asList(0, 1), t - 10_000);
    long[] now = {t};
    ProduceService produce = new ProduceService(config, producer, stats, 99L, () -> now[0]);
    produce.partitions(Arrays.asList(0, 1));

    now[0] = t;
    produce.slot(t); // p0#0, p1#0
    assertTrue(producer.completeNext());
    assertTrue(producer.completeNext());
    now[0] = t + 100;
    produce.slot(t + 100); // p0#1, p1#1
    producer.errorNext(new TimeoutException("expired")); // p0#1 fails: its sequence is sent again
    now[0] = t + 200;
    produce.slot(t + 200); // p0#1 again; p1#1 pending for 100 ms: the slot is skipped, not counted
    now[0] = t + 700;
    produce.slot(t + 700); // p1#1 pending 600 ms > SLA 500: an error for broker 2; p0#1 pending 500 ms: skipped
    assertTrue(producer.completeNext()); // p1#1
    assertTrue(producer.completeNext()); // p0#1
    now[0] = t + 800;
    produce.slot(t + 800); // p0#2, p1#2

    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    assertEquals(7, sent.size(), "never a second record in flight to a partition");
    assertEquals(Arrays.asList(0L, 0L, 1L, 1L, 1L, 2L, 2L), sequences(sent));
    assertEquals(Arrays.asList(0, 1, 0, 1, 0, 0, 1), partitions(sent));
    ProbeRecord r = ProbeRecord.decode(sent.get(6).value());
    assertEquals(99L, r.session);
    assertEquals(t + 800, r.timestampMs);

    ProbeStats.Snapshot s = stats.snapshot(t + 800, NONE, NONE);
    assertEquals(2.0 / 3, s.partition(0).produceAvailability, 1e-9);
    assertEquals(2.0 / 3, s.partition(1).produceAvailability, 1e-9);
    assertEquals(2.0 / 3, s.brokerProduceAvailability.get(1), 1e-9, "p0's failure is broker 1's");
    assertEquals(2.0 / 3, s.brokerProduceAvailability.get(2), 1e-9, "p1's blocked slot is broker 2's");
    assertEquals(Integer.valueOf(2), produce.leaders().get(1));
    assertEquals(100, produce.periodMs());
  }

  private static List<Long> sequences(List<ProducerRecord<byte[], byte[]>> sent) {
    Long[] out = new Long[sent.size()];
    for (int i = 0; i < out.length; i++) out[i] = ProbeRecord.decode(sent.get(i).value()).sequence;
    return Arrays.asList(out);
  }

  private static List<Integer> partitions(List<ProducerRecord<byte[], byte[]>> sent) {
    Integer[] out = new Integer[sent.size()];
    for (int i = 0; i < out.length; i++) out[i] = sent.get(i).partition();
    return Arrays.asList(out);
  }
}
