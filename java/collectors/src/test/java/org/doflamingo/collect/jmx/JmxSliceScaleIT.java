package org.doflamingo.collect.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.doflamingo.cluster.KafkaBroker;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.engine.SeriesKey;
import org.junit.jupiter.api.Test;

/**
 * A real broker's partition-level MBeans read in slices over the partition cadence (15 scrapes):
 * each partition's log size once per cadence, a scrape reading its broker-level MBeans and a
 * fifteenth of the rest. 400 partitions by default ({@code -Ddoflamingo.it.partitions} for a
 * measurement run); prints the MBean reads and wall time per scrape, sliced and whole.
 */
class JmxSliceScaleIT {
  static final int PARTITIONS = Integer.getInteger("doflamingo.it.partitions", 400);
  static final int SLICES = 15;

  @Test
  void partitionMBeansAreReadOncePerCadenceAndAScrapeReadsASlice() throws Exception {
    Path base = Paths.get("target", "it", "jmx-slices");
    Files.createDirectories(base);
    List<JmxSource> sources = JmxSource.of(MetricCatalogue.load().of("kafka-broker"));
    try (KafkaCluster kafka = KafkaCluster.startKraft(base)) {
      try (Admin admin = kafka.admin()) {
        admin.createTopics(Collections.singletonList(new NewTopic("wide", PARTITIONS, (short) 1))).all().get(120, TimeUnit.SECONDS);
      }
      KafkaBroker broker = kafka.brokers().get(0);
      Map<String, String> labels = new HashMap<>();
      labels.put("cluster", "it");
      labels.put("broker", "1");
      awaitPartitionMBeans(broker, sources, labels);
      try (JmxCollector whole = new JmxCollector(broker.host(), broker.jmxPort(), null, false, sources, labels,
              JmxCollector.Options.of(30_000, 4));
          JmxCollector sliced = new JmxCollector(broker.host(), broker.jmxPort(), null, false, sources, labels,
              JmxCollector.Options.of(30_000, 4).partitionSlices(SLICES))) {
        whole.scrape(new JmxCollectorTest.Recorder()); // connects and discovers
        sliced.scrape(new JmxCollectorTest.Recorder());
        long wholeMs = 0;
        int wholeCalls = 0;
        for (int s = 0; s < SLICES; s++) {
          long t0 = System.nanoTime();
          whole.scrape(new JmxCollectorTest.Recorder());
          wholeMs += (System.nanoTime() - t0) / 1_000_000;
          wholeCalls += whole.lastScrapeCalls();
        }
        Map<Integer, Integer> reads = new HashMap<>();
        long slicedMs = 0;
        int slicedCalls = 0;
        int maxCalls = 0;
        for (int s = 0; s < SLICES; s++) {
          JmxCollectorTest.Recorder r = new JmxCollectorTest.Recorder();
          long t0 = System.nanoTime();
          sliced.scrape(r);
          slicedMs += (System.nanoTime() - t0) / 1_000_000;
          slicedCalls += sliced.lastScrapeCalls();
          maxCalls = Math.max(maxCalls, sliced.lastScrapeCalls());
          for (int p = 0; p < PARTITIONS; p++) {
            if (r.values.containsKey(SeriesKey.of("kafka.log.Log.Size", "cluster", "it", "broker", "1", "topic", "wide",
                "partition", String.valueOf(p)))) {
              reads.merge(p, 1, Integer::sum);
            }
          }
        }
        System.out.printf("jmx slices: %d partitions, %d MBeans: whole scrape %d MBean reads, %.0f ms; sliced in %d: %.0f MBean reads,"
            + " %.0f ms a scrape (at most %d reads)%n", PARTITIONS, sliced.mbeanCount(), wholeCalls / SLICES, wholeMs / (double) SLICES,
            SLICES, slicedCalls / (double) SLICES, slicedMs / (double) SLICES, maxCalls);
        assertEquals(PARTITIONS, reads.size(), "every partition's log size in one cadence");
        assertTrue(reads.values().stream().allMatch(n -> n == 1), "once each");
        assertTrue(slicedCalls / SLICES < wholeCalls / SLICES / 3, "a sliced scrape reads a fraction: " + slicedCalls / SLICES
            + " of " + wholeCalls / SLICES);
      }
    }
  }

  /** Until the broker has registered every partition's log MBeans (it does so as it creates the logs). */
  private static void awaitPartitionMBeans(KafkaBroker broker, List<JmxSource> sources, Map<String, String> labels) throws Exception {
    long giveUp = System.currentTimeMillis() + 120_000;
    while (true) {
      JmxCollectorTest.Recorder r = new JmxCollectorTest.Recorder();
      try (JmxCollector probe = new JmxCollector(broker.host(), broker.jmxPort(), null, false, sources, labels, 30_000, 4)) {
        probe.scrape(r); // a new collector: a new discovery
      }
      long sizes = r.values.keySet().stream().filter(k -> k.name().equals("kafka.log.Log.Size")).count();
      if (sizes >= PARTITIONS) return;
      assertTrue(System.currentTimeMillis() < giveUp, "only " + sizes + " partitions' MBeans after 120 s");
      Thread.sleep(1000);
    }
  }
}
