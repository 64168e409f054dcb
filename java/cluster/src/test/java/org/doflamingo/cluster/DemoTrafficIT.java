package org.doflamingo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The demo traffic against 1 ZooKeeper, 1 broker and a Flume agent, on a short cycle (12 s steady,
 * 10 s with extra producers) whose extra producers outrun the consumer cap by 140 msgs/s.
 */
class DemoTrafficIT {
  private static final DemoTraffic.Options SHORT = new DemoTraffic.Options()
      .steadyRate(40)
      .extraProducers(2)
      .extraRate(150)
      .consumers(2)
      .consumerCap(200)
      .markerRate(2)
      .flumeRate(20)
      .steadyPeriod(Duration.ofSeconds(12))
      .extraPeriod(Duration.ofSeconds(10));

  @Test
  void consumerGroupFallsBehindWhileExtraProducersRunAndCatchesUpAfter() throws Exception {
    Path base = Paths.get("target", "it", "demo-traffic");
    try (ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(base, 1);
      KafkaCluster kafka = KafkaCluster.start(base, zk, 1);
      FlumeAgent flume = FlumeAgent.startKafkaFlow(base.resolve("flume"), kafka.bootstrapServers(), "flume-events");
      Admin admin = kafka.admin();
      DemoTraffic traffic = DemoTraffic.start(kafka, flume, SHORT)) {
      assertEquals(DemoTraffic.Phase.STEADY, traffic.phase());
      Map<String, TopicDescription> topics = admin.describeTopics(
          Arrays.asList(DemoTraffic.FAST_MESSAGES, DemoTraffic.SUMMARY_MARKERS))
          .allTopicNames().get(30, TimeUnit.SECONDS);
      assertEquals(6, topics.get(DemoTraffic.FAST_MESSAGES).partitions().size());
      assertEquals(1, topics.get(DemoTraffic.SUMMARY_MARKERS).partitions().size());

      // steady: the group commits on every partition and stays close to the log end
      Await.until("committed offsets of " + DemoTraffic.GROUP + " on all 6 partitions", Duration.ofSeconds(15),
          () -> committed(admin).size() == 6);
      long steadyLag = 0;
      long sampleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < sampleUntil) {
        long lag = lag(admin);
        assertEquals(DemoTraffic.Phase.STEADY, traffic.phase(), "steady phase over before its lag was sampled");
        steadyLag = Math.max(steadyLag, lag);
        Thread.sleep(200);
      }
      long producedSteady = traffic.produced();
      long consumedSteady = traffic.consumed();
      assertTrue(producedSteady > 0 && consumedSteady > 0, traffic.toString());

      // extra producers: 340 msgs/s against a cap of 200/s
      long enough = Math.max(4 * steadyLag, steadyLag + 300);
      AtomicLong peak = new AtomicLong();
      Await.until("lag above " + enough + " (steady: " + steadyLag + ") with extra producers on",
          Duration.ofSeconds(25), () -> {
            if (traffic.phase() != DemoTraffic.Phase.EXTRA_PRODUCERS) {
              return false;
            }
            peak.set(lag(admin));
            return peak.get() > enough;
          });

      // they leave: the group catches up from the highest lag it reached
      Await.until("lag draining after the extra producers left (highest: " + peak + ")", Duration.ofSeconds(20),
          () -> {
            long lag = lag(admin);
            peak.accumulateAndGet(lag, Math::max);
            return traffic.phase() == DemoTraffic.Phase.STEADY && lag < peak.get() - 300;
          });

      assertTrue(traffic.produced() > producedSteady, traffic.toString());
      assertTrue(traffic.consumed() > consumedSteady, traffic.toString());
      assertTrue(traffic.markers() > 0, traffic.toString());
      assertTrue(traffic.flumePosted() > 0, traffic.toString());
      long drained = flume.metric(FlumeAgent.SINK, "EventDrainSuccessCount");
      assertTrue(drained > 0, "Flume sink drained " + drained);
      Await.until("Flume sink draining more than " + drained, Duration.ofSeconds(10),
          () -> flume.metric(FlumeAgent.SINK, "EventDrainSuccessCount") > drained);

      long t0 = System.nanoTime();
      traffic.close();
      long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(closeMillis < 10_000, "close() took " + closeMillis + " ms");
      assertEquals(new ArrayList<String>(), trafficThreads());
      traffic.close();
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(admin.listConsumerGroupOffsets(DemoTraffic.GROUP)
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS));
    offsets.values().removeIf(o -> o == null);
    return offsets;
  }

  /** Log-end offsets minus the group's committed offsets, over every partition of fast-messages. */
  private static long lag(Admin admin) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < DemoTraffic.FAST_MESSAGES_PARTITIONS; p++) {
      latest.put(new TopicPartition(DemoTraffic.FAST_MESSAGES, p), OffsetSpec.latest());
    }
    Map<TopicPartition, OffsetAndMetadata> committed = committed(admin);
    long lag = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end
        : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
      OffsetAndMetadata c = committed.get(end.getKey());
      lag += end.getValue().offset() - (c == null ? 0 : c.offset());
    }
    return lag;
  }

  /** Threads of the traffic and of its clients (named after their client ids and the group). */
  private static List<String> trafficThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && (t.getName().contains("demo-traffic") || t.getName().contains(DemoTraffic.GROUP))) {
        names.add(t.getName());
      }
    }
    return names;
  }
}
