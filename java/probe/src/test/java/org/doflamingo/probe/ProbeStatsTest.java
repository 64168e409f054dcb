package org.doflamingo.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The probe's arithmetic, with time given by hand: a 60 s window in 5 s slices, SLA 500 ms. */
class ProbeStatsTest {
  private static final Set<Integer> NONE = Collections.<Integer>emptySet();
  private static final long T0 = 1_000_000_000L;

  private static ProbeStats stats(boolean zeroIsUnavailable) {
    ProbeStats s = new ProbeStats(60_000, 500, zeroIsUnavailable, T0);
    s.track(Arrays.asList(0, 1, 2), T0);
    return s;
  }

  @Test
  void produceAvailabilityIsProducedOverAttemptsPerPartitionAndAveraged() {
    ProbeStats s = stats(true);
    long t = T0 + 10_000;
    for (int i = 0; i < 9; i++) s.produced(0, 1, t);
    s.produceFailed(0, 1, t);
    for (int i = 0; i < 10; i++) s.produced(1, 2, t);
    for (int i = 0; i < 5; i++) s.produced(2, 3, t);
    for (int i = 0; i < 5; i++) s.produceFailed(2, 3, t);
    ProbeStats.Snapshot snap = s.snapshot(t, NONE, NONE);
    assertEquals(0.9, snap.partition(0).produceAvailability, 1e-9);
    assertEquals(1.0, snap.partition(1).produceAvailability, 1e-9);
    assertEquals(0.5, snap.partition(2).produceAvailability, 1e-9);
    assertEquals((0.9 + 1.0 + 0.5) / 3, snap.produceAvailability, 1e-9, "the average of partitions, as Kafka Monitor");
    assertEquals(24, snap.totalProduced);
    assertEquals(6, snap.totalProduceErrors);
  }

  @Test
  void zeroThroughputIsUnavailableUnlessConfiguredAndUnknownDuringTheGrace() {
    ProbeStats off = stats(true);
    assertTrue(Double.isNaN(off.snapshot(T0 + 1000, NONE, NONE).partition(0).produceAvailability),
        "a partition just seen: unknown, not down");
    ProbeStats.Snapshot later = off.snapshot(T0 + ProbeStats.GRACE_MS + 1, NONE, NONE);
    assertEquals(0.0, later.partition(0).produceAvailability);
    assertEquals(0.0, later.partition(0).consumeAvailability);
    ProbeStats lenient = stats(false);
    ProbeStats.Snapshot l = lenient.snapshot(T0 + ProbeStats.GRACE_MS + 1, NONE, NONE);
    assertEquals(1.0, l.partition(0).produceAvailability);
    assertEquals(1.0, l.partition(0).consumeAvailability);
  }

  @Test
  void lossAndDuplicatesFromTheSequence() {
    ProbeStats s = stats(true);
    long t = T0 + 10_000;
    s.consumed(0, 100, 5, t); // the first read sets the expectation, whatever came before
    s.consumed(0, 101, 5, t);
    s.consumed(0, 105, 5, t); // 102, 103, 104 lost
    s.consumed(0, 105, 5, t); // a repeat
    s.consumed(0, 103, 5, t); // older than the last: a duplicate too (it was counted lost already)
    s.consumed(0, 106, 5, t);
    ProbeStats.PartitionFigures f = s.snapshot(t, NONE, NONE).partition(0);
    assertEquals(3, f.lost);
    assertEquals(2, f.duplicated);
    assertEquals(6, f.consumed);
    // (consumed - delayed) / (consumed + lost)
    assertEquals(6.0 / 9, f.consumeAvailability, 1e-9);
  }

  @Test
  void delayedRecordsLowerConsumeAvailability() {
    ProbeStats s = stats(true);
    long t = T0 + 10_000;
    for (int i = 0; i < 8; i++) s.consumed(1, i, 20, t);
    s.consumed(1, 8, 501, t); // over the 500 ms SLA
    s.consumed(1, 9, 500, t); // at it: in time
    ProbeStats.PartitionFigures f = s.snapshot(t, NONE, NONE).partition(1);
    assertEquals(1, f.delayed);
    assertEquals(0, f.lost);
    assertEquals(0.9, f.consumeAvailability, 1e-9);
  }

  @Test
  void latencyPercentilesOverTheWindow() {
    ProbeStats s = stats(true);
    long t = T0 + 10_000;
    assertTrue(Double.isNaN(s.snapshot(t, NONE, NONE).latencyP50), "nothing read: unknown");
    for (int i = 1; i <= 1000; i++) s.consumed(0, i, i <= 980 ? 10 : i <= 998 ? 200 : 5_000, t);
    ProbeStats.Snapshot snap = s.snapshot(t, NONE, NONE);
    assertEquals(10, snap.latencyP50, 0.0);
    assertEquals(200, snap.latencyP99, 0.0);
    assertEquals(5_000, snap.latencyP999, 50, "two significant digits");
    s.consumed(0, 1002, -40, t); // the clock stepped back: counted as 0, not lost
    s.consumed(0, 1003, Long.MAX_VALUE / 2, t); // stuck for ages: counted at the histogram's top
    assertEquals(1002, s.snapshot(t, NONE, NONE).totalConsumed);
  }

  @Test
  void everythingExpiresWithTheWindow() {
    ProbeStats s = stats(true);
    long t = T0 + 10_000;
    s.produceFailed(0, 1, t);
    s.consumed(0, 1, 900, t);
    s.consumed(0, 5, 900, t);
    ProbeStats.PartitionFigures f = s.snapshot(t + 54_000, NONE, NONE).partition(0);
    assertEquals(1, f.produceErrors, "still in the window");
    assertEquals(3, f.lost);
    // one window (and a slice) later: all gone; the partition has had no traffic since
    ProbeStats.Snapshot later = s.snapshot(t + 65_000, NONE, NONE);
    ProbeStats.PartitionFigures g = later.partition(0);
    assertEquals(0, g.produceErrors);
    assertEquals(0, g.lost);
    assertEquals(0, g.delayed);
    assertEquals(0.0, g.produceAvailability, "no traffic: unavailable");
    assertTrue(Double.isNaN(later.latencyP50));
    // and new traffic counts afresh
    s.produced(0, 1, t + 70_000);
    assertEquals(1.0, s.snapshot(t + 70_000, NONE, NONE).partition(0).produceAvailability);
  }

  @Test
  void attributionByLeaderAtSendTime() {
    ProbeStats s = stats(true);
    long t = T0 + 10_000;
    for (int i = 0; i < 10; i++) {
      s.produced(0, 1, t);
      s.produced(1, 3, t);
    }
    // partition 2 was led by broker 2 while it failed, then by broker 1 after failover
    for (int i = 0; i < 6; i++) s.produceFailed(2, 2, t);
    for (int i = 0; i < 4; i++) s.produced(2, 2, t);
    for (int i = 0; i < 10; i++) s.produced(2, 1, t + 1000);
    ProbeStats.Snapshot snap = s.snapshot(t + 1000, Arrays.asList(1, 2, 3, 4), NONE);
    assertEquals(1.0, snap.brokerProduceAvailability.get(1), 1e-9);
    assertEquals(0.4, snap.brokerProduceAvailability.get(2), 1e-9);
    assertEquals(1.0, snap.brokerProduceAvailability.get(3), 1e-9);
    assertEquals(0.0, snap.brokerProduceAvailability.get(4), 1e-9, "a live broker leading nothing: zero throughput");
    assertFalse(snap.brokerProduceAvailability.containsKey(-1));
    // once its window is empty, a broker neither live nor configured is forgotten; a configured one
    // that is not live reads 0, and a live one with nothing sent to it reads as zero throughput
    ProbeStats.Snapshot later = s.snapshot(t + 70_000, Arrays.asList(1), Arrays.asList(1, 2));
    assertEquals(new TreeSet<>(Arrays.asList(1, 2)), later.brokerProduceAvailability.keySet());
    assertEquals(0.0, later.brokerProduceAvailability.get(2));
    assertEquals(0.0, later.brokerProduceAvailability.get(1));
  }

  @Test
  void aDeadConfiguredBrokerReadsZeroEvenWhenZeroThroughputIsAvailable() {
    ProbeStats s = stats(false);
    long t = T0 + 70_000;
    ProbeStats.Snapshot snap = s.snapshot(t, Arrays.asList(1, 3), Arrays.asList(1, 2, 3));
    assertEquals(1.0, snap.brokerProduceAvailability.get(1), "live, idle: as configured, available");
    assertEquals(0.0, snap.brokerProduceAvailability.get(2), "configured, not live: unreachable");
  }

  @Test
  void onlyTrackedPartitionsCount() {
    ProbeStats s = stats(true);
    long t = T0 + 10_000;
    s.produced(7, 1, t);
    s.consumed(7, 1, 1, t);
    assertEquals(0, s.snapshot(t, NONE, NONE).totalProduced, "no partition 7 in the topic");
    s.track(Arrays.asList(0, 1, 2, 3), t); // the topic grew
    s.produced(3, 1, t);
    assertEquals(4, s.snapshot(t, NONE, NONE).partitions.size());
    assertTrue(Double.isNaN(s.snapshot(t, NONE, NONE).partition(3).consumeAvailability),
        "new partition: in its grace");
  }

  @Test
  void memoryDoesNotGrowWithTraffic() {
    ProbeStats s = stats(true);
    long before = s.latencyFootprintBytes();
    long t = T0;
    for (int i = 0; i < 200_000; i++) {
      t += 3; // ten minutes of a busy probe
      s.consumed(i % 3, i / 3, i % 1000, t);
      s.produced(i % 3, 1 + i % 3, t);
    }
    assertEquals(before, s.latencyFootprintBytes());
    assertTrue(before < 160 * 1024, "latency histograms take " + before + " bytes");
  }

  @Test
  void slidingCountCoversTheWindowToWithinASlice() {
    SlidingCount c = new SlidingCount(1000, 10);
    c.add(0, 1);
    c.add(5_500, 2);
    assertEquals(3, c.sum(9_999));
    assertEquals(2, c.sum(10_000), "the first slice left the 10 s window");
    assertEquals(2, c.sum(14_999));
    assertEquals(0, c.sum(15_000));
    c.add(20_000, 4);
    c.add(25_000, 1);
    c.add(15_500, 100); // a late report, older than what its slot holds now: dropped
    assertEquals(5, c.sum(25_000));
    assertEquals(1, c.sum(30_999));
  }
}
