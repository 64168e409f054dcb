package org.doflamingo.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesConfigTest {
  private static MonitorConfig with(String series) throws ConfigException {
    return MonitorConfig.parse("{\"storage\": {\"path\": \"data\"}, \"flume\": [{\"name\": \"a\", \"host\": \"h\", \"httpPort\": 1}]"
        + (series == null ? "" : ", \"series\": " + series) + "}");
  }

  private static String error(String series) {
    return assertThrows(ConfigException.class, () -> with(series)).getMessage();
  }

  @Test
  void defaultsHaveTheSixClassesAndNoBudget() throws Exception {
    SeriesConfig s = with(null).series;
    assertEquals(java.util.Arrays.asList("cluster", "topic", "group", "partition", "group-partition", "group-code"),
        new java.util.ArrayList<>(s.classes.keySet()));
    // a group's codes: the group-partition tiers, a ring of 2 minutes (current values are read within 5 base steps, 50 s)
    assertEquals(s.classes.get("group-partition").tiers.text, s.classes.get("group-code").tiers.text);
    assertEquals(120, s.classes.get("group-code").liveWindowSeconds);
    assertTrue(s.classes.get("group-code").liveWindowSeconds >= s.classes.get("group-code").heartbeatSeconds(),
        "the ring covers the steps a current value is looked for in");
    RetentionClassSpec cluster = s.classes.get("cluster");
    assertEquals("2s:1d,1m:14d,15m:180d,1h:5y", cluster.tiers.text);
    assertTrue(cluster.minMax);
    assertEquals(5L * 365 * 86400, cluster.tiers.retentionSeconds(), "five years of cluster history");
    assertFalse(s.classes.get("partition").minMax);
    assertEquals(30, s.classes.get("partition").tiers.baseStepSeconds());
    assertTrue(s.defaultExcludes);
    assertEquals(0, s.maxSeries);
    assertEquals(0, s.maxSeriesPerTarget);
    assertTrue(s.rules.isEmpty() && s.include.isEmpty() && s.exclude.isEmpty());
  }

  @Test
  void aRedefinedGroupPartitionClassTakesTheGroupCodesAlong() throws Exception {
    // a configuration slowing the group cadence redefines group-partition (as before there was a group-code class): the codes follow
    SeriesConfig s = with("{\"classes\": {\"group-partition\": {\"tiers\": \"1m:1d\"}}}").series;
    RetentionClassSpec codes = s.classes.get("group-code");
    assertEquals("1m:1d", codes.tiers.text);
    assertEquals(720, codes.liveWindowSeconds, "12 base steps of a minute");
    assertEquals(0, with("{\"classes\": {\"group-partition\": {\"tiers\": \"1m:1d\", \"liveWindowSeconds\": 0}}}").series
        .classes.get("group-code").liveWindowSeconds, "no ring where group-partition has none");
    // named itself, it is as written
    SeriesConfig own = with("{\"classes\": {\"group-partition\": {\"tiers\": \"1m:1d\"}, \"group-code\": {\"tiers\": \"1m:7d\","
        + " \"liveWindowSeconds\": 300}}}").series;
    assertEquals("1m:7d", own.classes.get("group-code").tiers.text);
    assertEquals(300, own.classes.get("group-code").liveWindowSeconds);
  }

  @Test
  void everyDefaultClassFitsItsCadence() {
    // base step at most the cadence, heartbeat (5 base steps) at least it: cluster/topic every 2 s,
    // groups every 10 s, partitions every 30 s (the collectors' default cadences)
    Map<String, Long> cadence = new HashMap<>();
    cadence.put("cluster", 2L);
    cadence.put("topic", 2L);
    cadence.put("group", 10L);
    cadence.put("group-partition", 10L);
    cadence.put("group-code", 10L);
    cadence.put("partition", 30L);
    for (RetentionClassSpec c : SeriesConfig.DEFAULT_CLASSES) {
      long every = cadence.get(c.name);
      assertTrue(c.tiers.baseStepSeconds() <= every && c.heartbeatSeconds() >= every, c.toString());
    }
  }

  @Test
  void readsClassesRulesFiltersAndBudgets() throws Exception {
    SeriesConfig s = with("{\"classes\": {\"partition\": {\"tiers\": \"30s:2d,1h:90d\"}, \"audit\": {\"tiers\": \"1m:30d,1h:5y\", \"minMax\": true,"
        + " \"liveWindowSeconds\": 0}},"
        + "\"rules\": [{\"metric\": \"kafka.consumer.group.*\", \"labels\": {\"group\": \"billing-*\"}, \"class\": \"audit\"}],"
        + "\"exclude\": [{\"labels\": {\"topic\": \"tmp-*\"}, \"levels\": [\"partition\", \"group-partition\"]}],"
        + "\"include\": [{\"labels\": {\"topic\": \"__consumer_offsets\"}}],"
        + "\"defaultExcludes\": false, \"maxSeries\": 2000000, \"maxSeriesPerTarget\": 1000}").series;
    assertEquals("30s:2d,1h:90d", s.classes.get("partition").tiers.text);
    assertEquals(900, s.classes.get("partition").liveWindowSeconds, "what is not redefined stays");
    RetentionClassSpec audit = s.classes.get("audit");
    assertTrue(audit.minMax);
    assertEquals(0, audit.liveWindowSeconds);
    assertEquals("audit", s.rules.get(0).retentionClass);
    Map<String, String> labels = new HashMap<>();
    labels.put("group", "billing-eu");
    assertTrue(s.rules.get(0).match.matches("kafka.consumer.group.lag", labels, SeriesLevel.GROUP));
    assertFalse(s.rules.get(0).match.matches("kafka.partition.leader", labels, SeriesLevel.GROUP));
    labels.put("group", "other");
    assertFalse(s.rules.get(0).match.matches("kafka.consumer.group.lag", labels, SeriesLevel.GROUP));
    Map<String, String> tmp = Collections.singletonMap("topic", "tmp-1");
    assertTrue(s.exclude.get(0).matches("kafka.partition.leader", tmp, SeriesLevel.PARTITION));
    assertFalse(s.exclude.get(0).matches("kafka.topic.under_replicated_partitions", tmp, SeriesLevel.TOPIC), "levels limit it");
    assertFalse(s.exclude.get(0).matches("x", Collections.emptyMap(), SeriesLevel.PARTITION), "a missing label never matches");
    assertFalse(s.defaultExcludes);
    assertEquals(2_000_000, s.maxSeries);
    assertEquals(1000, s.maxSeriesPerTarget);
  }

  @Test
  void storageTiersAreTheClusterClass() throws Exception {
    SeriesConfig s = MonitorConfig.parse("{\"storage\": {\"path\": \"d\", \"tiers\": \"5s:1d,1h:1y\"}, \"flume\": [{\"name\": \"a\", \"host\": \"h\", \"httpPort\": 1}]}").series;
    assertEquals("5s:1d,1h:1y", s.classes.get("cluster").tiers.text);
    assertTrue(assertThrows(ConfigException.class, () -> MonitorConfig.parse("{\"storage\": {\"path\": \"d\", \"tiers\": \"5s:1d,1s:1y\"},"
        + " \"flume\": [{\"name\": \"a\", \"host\": \"h\", \"httpPort\": 1}]}")).getMessage().startsWith("storage.tiers: tier '1s:1y'"));
  }

  @Test
  void errorsNameTheirField() {
    assertTrue(error("{\"budget\": 1}").startsWith("series.budget: unknown setting"));
    assertTrue(error("{\"classes\": {\"partition\": {\"tiers\": \"30s:1d,1x:30d\"}}}").startsWith("series.classes.partition.tiers: duration '1x'"));
    assertTrue(error("{\"classes\": {\"mine\": {\"minMax\": true}}}").startsWith("series.classes.mine.tiers: is required"));
    assertTrue(error("{\"classes\": {\"Bad Name\": {\"tiers\": \"1m:1d\"}}}").startsWith("series.classes.Bad Name: a class name"));
    assertTrue(error("{\"classes\": {\"mine\": {\"tiers\": \"1m:1d\", \"liveWindowSeconds\": -1}}}").startsWith("series.classes.mine.liveWindowSeconds: expected"));
    assertTrue(error("{\"rules\": [{\"metric\": \"*\", \"class\": \"nope\"}]}").startsWith("series.rules[0].class: \"nope\" is not a class"));
    assertTrue(error("{\"rules\": [{\"metric\": \"*\"}]}").startsWith("series.rules[0].class: is required"));
    assertTrue(error("{\"exclude\": [{\"labels\": {\"topic\": 3}}]}").startsWith("series.exclude[0].labels.topic: expected a string"));
    assertTrue(error("{\"exclude\": [{\"levels\": [\"broker\"]}]}").startsWith("series.exclude[0].levels: \"broker\" is not a level"));
    assertTrue(error("{\"include\": [{\"topic\": \"x\"}]}").startsWith("series.include[0].topic: unknown setting"));
    assertTrue(error("{\"maxSeries\": -5}").startsWith("series.maxSeries: expected a whole number"));
    assertTrue(error("{\"defaultExcludes\": \"yes\"}").startsWith("series.defaultExcludes: expected true or false"));
  }

  @Test
  void globsKnowStarAndQuestionMarkOnly() {
    SeriesMatch m = new SeriesMatch("kafka.log.Log.*", Collections.singletonMap("topic", "a?c.*"), java.util.EnumSet.noneOf(SeriesLevel.class));
    assertTrue(m.matches("kafka.log.Log.Size", Collections.singletonMap("topic", "abc.x"), SeriesLevel.PARTITION));
    assertFalse(m.matches("kafka.log.Log.Size", Collections.singletonMap("topic", "abcdx"), SeriesLevel.PARTITION), "'.' is literal");
    assertFalse(m.matches("kafkaxlog.Log.Size", Collections.singletonMap("topic", "abc.x"), SeriesLevel.PARTITION));
  }

  @Test
  void levelFollowsTheLabels() {
    Map<String, String> l = new HashMap<>();
    l.put("cluster", "c");
    assertEquals(SeriesLevel.CLUSTER, SeriesLevel.of(l));
    l.put("topic", "t");
    assertEquals(SeriesLevel.TOPIC, SeriesLevel.of(l));
    l.put("partition", "0");
    assertEquals(SeriesLevel.PARTITION, SeriesLevel.of(l));
    l.put("group", "g");
    assertEquals(SeriesLevel.GROUP_PARTITION, SeriesLevel.of(l));
    l.remove("partition");
    assertEquals(SeriesLevel.GROUP, SeriesLevel.of(l));
  }
}
