package org.doflamingo.collect.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.doflamingo.collect.CollectionService;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.SeriesKey;
import org.junit.jupiter.api.Test;

class SeriesPolicyTest {
  private static final MetricCatalogue CATALOGUE = MetricCatalogue.load();

  static SeriesPolicy policy(String series) throws Exception {
    return SeriesPolicy.of(MonitorConfig.parse("{\"storage\": {\"path\": \"d\"}, \"kafka\": [{\"name\": \"prod\","
        + " \"brokers\": [{\"id\": 1, \"host\": \"k1\", \"jmxPort\": 9999}], \"probe\": {\"topic\": \"my-probe\"}}]"
        + (series == null ? "" : ", \"series\": " + series) + "}"), CATALOGUE);
  }

  private static SeriesKey key(String name, String... labels) {
    return SeriesKey.of(name, labels);
  }

  @Test
  void classFollowsTheLevel() throws Exception {
    SeriesPolicy p = policy(null);
    assertEquals("cluster", p.classOf(key(MetricNames.BROKER_PARTITIONS, "cluster", "prod", "broker", "1")));
    assertEquals("cluster", p.classOf(key(CollectionService.UP_SERIES, "target", "x")));
    assertEquals("cluster", p.classOf(key("zookeeper.avg_latency", "ensemble", "zk", "server", "z1:2181")));
    assertEquals("topic", p.classOf(key(MetricNames.MESSAGES_IN, "cluster", "prod", "broker", "1", "topic", "orders")));
    assertEquals("topic", p.classOf(key("kafka.server.BrokerTopicMetrics.BytesOutPerSec", "cluster", "prod", "broker", "1", "topic", "o")));
    assertEquals("group", p.classOf(key(MetricNames.GROUP_MAX_LAG, "cluster", "prod", "group", "billing")));
    assertEquals("partition", p.classOf(key(MetricNames.PARTITION_LEADER, "cluster", "prod", "topic", "orders", "partition", "3")));
    assertEquals("partition", p.classOf(key("kafka.log.Log.Size", "cluster", "prod", "broker", "1", "topic", "orders", "partition", "3")));
    assertEquals("group-partition", p.classOf(key(MetricNames.GROUP_LAG, "cluster", "prod", "group", "g", "topic", "orders", "partition", "3")));
  }

  @Test
  void theCataloguePinsAGroupsCodesToTheGroupCodeClass() throws Exception {
    // read as current values only (the lag list's status, protocol and state): a 2-minute ring, not 15 minutes
    SeriesPolicy p = policy(null);
    assertEquals("group-code", p.classOf(key(MetricNames.GROUP_PARTITION_STATUS, "cluster", "prod", "group", "g", "topic", "o", "partition", "3")));
    assertEquals("group-code", p.classOf(key(MetricNames.GROUP_PROTOCOL, "cluster", "prod", "group", "g")));
    assertEquals("group-code", p.classOf(key(MetricNames.GROUP_STATE, "cluster", "prod", "group", "g")));
    assertEquals("group", p.classOf(key(MetricNames.GROUP_STATUS, "cluster", "prod", "group", "g")), "the group's status keeps 5 years");
  }

  @Test
  void theCataloguePinsTheProbeToTheClusterClass() throws Exception {
    // the probe's per-partition figures are few (one partition per broker) and its tiles need the full history
    assertEquals("cluster", policy(null).classOf(key("kafka.probe.produce_availability", "cluster", "prod", "partition", "0", "broker", "1")));
    assertEquals("cluster", CATALOGUE.get("kafka.probe.produce_availability").retention);
  }

  @Test
  void theCataloguePinsAMetricOverItsLevel() throws Exception {
    // the probe's per-partition figures are few (one partition per broker) and on the Overview: the cluster class
    assertEquals("cluster", policy(null).classOf(key("kafka.probe.records_lost", "cluster", "prod", "partition", "0", "broker", "1")));
    // written every scrape from its newest read: a topic-level figure with the topic's history
    assertEquals("topic", policy(null).classOf(key(MetricNames.TOPIC_UNDER_REPLICATED, "cluster", "prod", "topic", "orders")));
  }

  @Test
  void configuredRulesComeFirstAndTheFirstMatchWins() throws Exception {
    SeriesPolicy p = policy("{\"classes\": {\"audit\": {\"tiers\": \"1m:30d,1h:5y\"}},"
        + " \"rules\": [{\"metric\": \"kafka.consumer.group.*\", \"labels\": {\"group\": \"billing-*\"}, \"class\": \"audit\"},"
        + "  {\"metric\": \"kafka.consumer.group.*\", \"class\": \"cluster\"},"
        + "  {\"metric\": \"kafka.probe.*\", \"class\": \"topic\"}]}");
    assertEquals("audit", p.classOf(key(MetricNames.GROUP_LAG, "cluster", "prod", "group", "billing-eu", "topic", "t", "partition", "0")));
    assertEquals("cluster", p.classOf(key(MetricNames.GROUP_LAG, "cluster", "prod", "group", "other", "topic", "t", "partition", "0")));
    assertEquals("topic", p.classOf(key("kafka.probe.records_lost", "cluster", "prod", "partition", "0", "broker", "1")), "over the catalogue's pin");
    assertEquals("partition", p.classOf(key(MetricNames.PARTITION_ISR, "cluster", "prod", "topic", "t", "partition", "0")));
  }

  @Test
  void internalAndProbeTopicsAreLeftOutBelowTopicLevel() throws Exception {
    SeriesPolicy p = policy(null);
    for (String topic : new String[] {"__consumer_offsets", "__transaction_state", "__cluster_metadata", "__anything"}) {
      assertNull(p.classOf(key(MetricNames.PARTITION_LEADER, "cluster", "prod", "topic", topic, "partition", "0")), topic);
      assertNull(p.classOf(key("kafka.log.Log.Size", "cluster", "prod", "broker", "1", "topic", topic, "partition", "0")), topic);
      assertNull(p.classOf(key(MetricNames.GROUP_LAG, "cluster", "prod", "group", "g", "topic", topic, "partition", "0")), topic);
      assertEquals("topic", p.classOf(key(MetricNames.MESSAGES_IN, "cluster", "prod", "broker", "1", "topic", topic)), "topic level kept");
      assertTrue(p.excludesTopic("prod", topic));
    }
    assertNull(p.classOf(key(MetricNames.PARTITION_LEADER, "cluster", "prod", "topic", "my-probe", "partition", "0")));
    assertNull(p.classOf(key(MetricNames.GROUP_LAG_SECONDS, "cluster", "prod", "group", "g", "topic", "my-probe", "partition", "0")),
        "no lag per partition of the probe's topic, whatever group reads it");
    assertEquals("partition", p.classOf(key(MetricNames.PARTITION_LEADER, "cluster", "other", "topic", "my-probe", "partition", "0")),
        "another cluster's topic of that name is not the probe's");
    assertTrue(p.excludesTopic("prod", "my-probe"));
    assertFalse(p.excludesTopic("prod", "orders"));
    assertFalse(p.excludesGroup("prod", "billing"));
    assertEquals("partition", policy("{\"defaultExcludes\": false}").classOf(key(MetricNames.PARTITION_LEADER, "cluster", "prod",
        "topic", "__consumer_offsets", "partition", "0")));
  }

  @Test
  void includeBringsBackWhatAnExcludeLeavesOut() throws Exception {
    SeriesPolicy p = policy("{\"exclude\": [{\"labels\": {\"group\": \"console-consumer-*\"}}, {\"metric\": \"kafka.log.*\", \"labels\": {\"topic\": \"tmp-*\"}}],"
        + " \"include\": [{\"labels\": {\"topic\": \"__consumer_offsets\"}}, {\"labels\": {\"group\": \"console-consumer-keep\"}}]}");
    assertNull(p.classOf(key(MetricNames.GROUP_MAX_LAG, "cluster", "prod", "group", "console-consumer-1")));
    assertNull(p.classOf(key(MetricNames.GROUP_LAG, "cluster", "prod", "group", "console-consumer-1", "topic", "t", "partition", "0")));
    assertEquals("group", p.classOf(key(MetricNames.GROUP_MAX_LAG, "cluster", "prod", "group", "console-consumer-keep")));
    assertFalse(p.excludesGroup("prod", "console-consumer-1"), "the include of __consumer_offsets may bring its lag there back");
    SeriesPolicy groupsOnly = policy("{\"exclude\": [{\"labels\": {\"group\": \"console-consumer-*\"}}],"
        + " \"include\": [{\"labels\": {\"group\": \"console-consumer-keep\"}}]}");
    assertTrue(groupsOnly.excludesGroup("prod", "console-consumer-1"));
    assertFalse(groupsOnly.excludesGroup("prod", "console-consumer-keep"), "an include brings it back");
    assertNull(p.classOf(key("kafka.log.Log.Size", "cluster", "prod", "broker", "1", "topic", "tmp-1", "partition", "0")));
    assertEquals("partition", p.classOf(key(MetricNames.PARTITION_LEADER, "cluster", "prod", "topic", "tmp-1", "partition", "0")),
        "the exclude was for kafka.log.* only");
    assertFalse(p.excludesTopic("prod", "tmp-1"), "not every metric of it is excluded");
    assertEquals("partition", p.classOf(key(MetricNames.PARTITION_LEADER, "cluster", "prod", "topic", "__consumer_offsets", "partition", "0")));
    assertFalse(p.excludesTopic("prod", "__consumer_offsets"));
  }

  @Test
  void clusterAndTopicClassesStepAtTheInterval() throws Exception {
    SeriesPolicy p = policy(null);
    java.util.Map<String, String> tiers = new java.util.HashMap<>();
    for (org.doflamingo.config.RetentionClassSpec c : p.engineClasses(30)) tiers.put(c.name, c.tiers.text);
    assertEquals("30s:1d,1m:14d,15m:180d,1h:5y", tiers.get("cluster"));
    assertEquals("30s:6h,1m:7d,1h:1y,1d:5y", tiers.get("topic"));
    assertEquals("30s:1d,1h:30d", tiers.get("partition"));
    assertEquals("10s:6h,15m:7d", tiers.get("group-partition"), "collected at the group cadence, not the interval");
    assertEquals("10s:6h,15m:7d", tiers.get("group-code"), "collected at the group cadence, not the interval");
    for (org.doflamingo.config.RetentionClassSpec c : p.engineClasses(7)) tiers.put(c.name, c.tiers.text);
    assertEquals("2s:1d,1m:14d,15m:180d,1h:5y", tiers.get("cluster"), "1m is no multiple of 7 s: kept");
  }
}
