package org.doflamingo.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.engine.Consolidation;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every list and health call makes the same number of native calls whatever the number of series
 * behind it: each request is measured (engine.nativeCalls() before and after) over a few groups
 * and partitions and over a hundred times as many, first with no key known yet, then again.
 */
class NativeCallsTest {
  @Test
  void listAndHealthCallsDoNotGrowWithTheNumberOfSeries(@TempDir Path small, @TempDir Path large) throws Exception {
    Map<String, Long> few = callsPerRequest(small, 3, 2, 2);
    Map<String, Long> many = callsPerRequest(large, 300, 20, 10);
    assertEquals(few, many, "native calls per request, 3 groups and 4 partitions against 300 groups and 200 partitions");
    for (Map.Entry<String, Long> e : many.entrySet()) {
      assertTrue(e.getValue() > 0 && e.getValue() <= 80, e.getKey() + " made " + e.getValue() + " native calls");
    }
    // a second request of a list finds every key known: no key fetch
    assertTrue(many.get("lag again") < many.get("lag"), many.toString());
  }

  /** Native calls of each request over a monitor holding that many groups, topics × partitions and Flume components. */
  private static Map<String, Long> callsPerRequest(Path dir, int groups, int topics, int partitionsPerTopic) throws Exception {
    String json = "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"id\": 1, \"host\": \"127.0.0.1\", \"jmxPort\": 1,"
        + " \"bootstrap\": \"127.0.0.1:1\"}]}], \"flume\": [{\"name\": \"f1\", \"host\": \"127.0.0.1\", \"httpPort\": 1}]";
    try (Monitor m = TestReads.open(TestReads.config(dir, json))) {
      Engine engine = m.engine();
      long step = engine.baseStepMs();
      long t = (System.currentTimeMillis() / step - 1) * step;
      List<Object> gauges = new ArrayList<>();
      List<Object> counters = new ArrayList<>();
      for (int g = 0; g < groups; g++) {
        for (String metric : new String[] {MetricNames.GROUP_MAX_LAG, MetricNames.GROUP_TOTAL_LAG, MetricNames.GROUP_MAX_LAG_SECONDS,
            MetricNames.GROUP_STATUS, MetricNames.GROUP_MEMBERS}) {
          gauges.add(SeriesKey.of(metric, "cluster", "prod", "group", "group-" + g));
          gauges.add(g % 4);
        }
        gauges.add(SeriesKey.of(MetricNames.GROUP_LAG, "cluster", "prod", "group", "group-0", "topic", "t", "partition", "" + g));
        gauges.add(g);
        // a Flume agent with as many channels
        gauges.add(SeriesKey.of(MetricNames.CHANNEL_FILL, "agent", "f1", "component", "c" + g));
        gauges.add(10);
        counters.add(SeriesKey.of(MetricNames.CHANNEL_PUT, "agent", "f1", "component", "c" + g));
        counters.add(100 * g);
      }
      for (int topic = 0; topic < topics; topic++) {
        gauges.add(SeriesKey.of(MetricNames.TOPIC_UNDER_REPLICATED, "cluster", "prod", "topic", "topic-" + topic));
        gauges.add(0);
        for (int p = 0; p < partitionsPerTopic; p++) {
          for (String metric : new String[] {MetricNames.PARTITION_LEADER, MetricNames.PARTITION_REPLICAS, MetricNames.PARTITION_ISR,
              MetricNames.PARTITION_LOG_END}) {
            gauges.add(SeriesKey.of(metric, "cluster", "prod", "topic", "topic-" + topic, "partition", "" + p));
            gauges.add(p % 3 + 1);
          }
        }
      }
      for (String metric : new String[] {MetricNames.BROKER_PARTITIONS, MetricNames.MESSAGES_IN, MetricNames.BROKER_HEAP_USED}) {
        gauges.add(SeriesKey.of(metric, "cluster", "prod", "broker", "1"));
        gauges.add(5);
      }
      TestReads.write(m, t - step, SeriesKind.COUNTER, counters.toArray());
      TestReads.write(m, t - step, SeriesKind.GAUGE, gauges.toArray());
      TestReads.write(m, t, SeriesKind.COUNTER, counters.toArray());
      TestReads.write(m, t, SeriesKind.GAUGE, gauges.toArray());

      Reads reads = new Reads(m);
      AreaReads kafka = reads.area(Area.KAFKA);
      int[] ids = engine.select(MetricNames.PARTITION_LEADER, java.util.Collections.<String, String>emptyMap());
      Map<String, Long> calls = new LinkedHashMap<>();
      calls.put("lag", calls(engine, () -> assertEquals(groups, reads.lag().lag(null, null, "maxLag", true, 0, 100).total)));
      calls.put("lag again", calls(engine, () -> reads.lag().lag(null, null, "maxLag", true, 0, 100)));
      calls.put("lag filtered", calls(engine, () -> reads.lag().lag(null, "group-1", "health", false, 0, 100)));
      calls.put("lag partitions", calls(engine, () -> assertEquals(groups, reads.lag().partitions(null, "group-0").size())));
      calls.put("health", calls(engine, () -> kafka.health(null)));
      calls.put("brokers", calls(engine, () -> assertEquals(1, reads.kafka().brokers(null).size())));
      calls.put("topics", calls(engine, () -> assertEquals(topics, reads.kafka().topics(null, null).size())));
      calls.put("partitions by leader", calls(engine,
          () -> assertEquals(topics * partitionsPerTopic, reads.kafka().partitions(null, null, null, "leader", false, 0, 100).total)));
      calls.put("partitions by under-replication", calls(engine,
          () -> reads.kafka().partitions(null, null, "topic", "underReplicated", true, 0, 100)));
      calls.put("series", calls(engine, () -> kafka.series(null, MetricNames.PARTITION_LEADER, null)));
      calls.put("history", calls(engine, () -> kafka.history(java.util.Arrays.copyOf(ids, Math.min(ids.length, 1000)), t - 60_000, t,
          0, Consolidation.AVERAGE)));
      calls.put("retention", calls(engine, kafka::retention));
      calls.put("flume flows", calls(engine, () -> reads.flume().graph(null, System.currentTimeMillis())));
      calls.put("live push values", calls(engine, () -> reads.valuesAt(ids, t)));
      // one select per metric name of the area, one ranking of all their series, the top's keys
      calls.put("what changed", calls(engine, () -> kafka.changes(null, null, t, 0, 0, 20)));
      return calls;
    }
  }

  private static long calls(Engine engine, Runnable request) {
    long before = engine.nativeCalls();
    request.run();
    return engine.nativeCalls() - before;
  }
}
