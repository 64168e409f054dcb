package org.opencloudengine.flamingo2.doflamingo.web;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import org.doflamingo.collect.CollectionService;
import org.doflamingo.collect.Monitor;
import org.doflamingo.engine.SeriesKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.opencloudengine.flamingo2.doflamingo.TestMonitors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The three controllers through Spring MVC (Jackson 2.4, Flamingo's envelope) over a real engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringControllersTest {
  @TempDir
  static Path dir;
  private DoflamingoMonitor monitor;
  private MockMvc mvc;
  private long t;

  @BeforeAll
  void start() throws Exception {
    monitor = TestMonitors.open(dir);
    Monitor m = monitor.get();
    long step = m.engine().baseStepMs();
    t = System.currentTimeMillis() / step * step;
    TestMonitors.write(m, t - 3 * step, SeriesKey.of(CollectionService.UP_SERIES, "target", "kafka prod admin k1:9092"), 1);
    // the broker and channel rules are judged over a window (SustainedHealth): held for 12 s before t
    for (long at = t - 6 * step; at < t; at += step) {
      TestMonitors.write(m, at, SeriesKey.of("kafka.server.ReplicaManager.UnderReplicatedPartitions", "cluster", "prod", "broker", "1"), 3,
          SeriesKey.of("flume.channel.ChannelFillPercentage", "agent", "f1", "component", "mem"), 95);
    }
    TestMonitors.write(m, t - step,
        SeriesKey.of("kafka.log.Log.Size", "cluster", "prod", "broker", "1", "topic", "orders", "partition", "0"), 100,
        SeriesKey.of("kafka.log.Log.Size", "cluster", "prod", "broker", "1", "topic", "orders", "partition", "1"), 50);
    TestMonitors.write(m, t,
        SeriesKey.of("kafka.server.ReplicaManager.UnderReplicatedPartitions", "cluster", "prod", "broker", "1"), 3,
        SeriesKey.of("kafka.log.Log.Size", "cluster", "prod", "broker", "1", "topic", "orders", "partition", "0"), 120,
        SeriesKey.of("kafka.log.Log.Size", "cluster", "prod", "broker", "1", "topic", "orders", "partition", "1"), 60,
        SeriesKey.of("kafka.log.Log.Size", "cluster", "prod", "broker", "1", "topic", "<b>audit</b>", "partition", "0"), 7,
        SeriesKey.of("kafka.consumer.group.max_lag", "cluster", "prod", "group", "billing"), 10,
        SeriesKey.of("kafka.consumer.group.max_lag", "cluster", "prod", "group", "search"), 900,
        SeriesKey.of("kafka.consumer.group.max_lag", "cluster", "prod", "group", "<script>x</script>"), 0,
        SeriesKey.of("kafka.consumer.group.total_lag", "cluster", "prod", "group", "search"), 1500,
        SeriesKey.of("kafka.consumer.group.status", "cluster", "prod", "group", "search"), 4,
        SeriesKey.of("kafka.consumer.group.max_lag_seconds", "cluster", "prod", "group", "search"), 75.25,
        SeriesKey.of("kafka.consumer.group.protocol", "cluster", "prod", "group", "search"), 1,
        SeriesKey.of("kafka.consumer.group.state", "cluster", "prod", "group", "search"), 6,
        SeriesKey.of("kafka.quorum.leader", "cluster", "prod"), 3,
        SeriesKey.of("kafka.quorum.epoch", "cluster", "prod"), 4,
        SeriesKey.of("kafka.quorum.voter.lag", "cluster", "prod", "controller", "3"), 0,
        SeriesKey.of("kafka.quorum.observer.lag", "cluster", "prod", "broker", "1"), 2,
        SeriesKey.of("kafka.consumer.group.lag", "cluster", "prod", "group", "search", "topic", "orders", "partition", "10"), 900,
        SeriesKey.of("kafka.consumer.group.lag", "cluster", "prod", "group", "search", "topic", "orders", "partition", "2"), 600,
        SeriesKey.of("host.fd.max", "cluster", "prod", "broker", "1"), 4096,
        SeriesKey.of("host.fd.max", "agent", "f1"), 1024,
        SeriesKey.of("zookeeper.server_state", "ensemble", "zk", "server", "127.0.0.1:2181"), 2,
        SeriesKey.of("flume.channel.ChannelFillPercentage", "agent", "f1", "component", "mem"), 95);
    mvc = MockMvcBuilders.standaloneSetup(new KafkaController(monitor), new ZooKeeperController(monitor),
        new FlumeController(monitor)).build();
  }

  @AfterAll
  void stop() {
    monitor.destroy();
  }

  @Test
  void targetsAreListedPerAreaBeforeTheirFirstScrape() throws Exception {
    mvc.perform(get("/monitoring/kafka/targets").param("clusterName", "prod")).andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.total").value(2))
        .andExpect(jsonPath("$.list[*].system", contains("kafka-cluster", "kafka-broker")))
        .andExpect(jsonPath("$.list[1].member").value("1"))
        .andExpect(jsonPath("$.list[1].state").value("UNKNOWN"));
    mvc.perform(get("/monitoring/flume/targets")).andExpect(jsonPath("$.list[0].group").value("f1"));
  }

  @Test
  void seriesAreFilteredByClusterMetricAndLabelsAndKeepOddNamesAsTheyAre() throws Exception {
    mvc.perform(get("/monitoring/kafka/series").param("clusterName", "prod").param("metric", "kafka.log.Log.Size")
        .param("label", "topic=<b>audit</b>"))
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.list[0].labels.topic").value("<b>audit</b>"))
        .andExpect(jsonPath("$.list[0].unit").value("bytes"))
        .andExpect(jsonPath("$.list[0].kind").value("gauge"));
    // host figures go with the area whose labels they carry
    mvc.perform(get("/monitoring/flume/series").param("metric", "host.fd.max"))
        .andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.list[0].labels.agent").value("f1"));
    mvc.perform(get("/monitoring/kafka/series").param("start", "0").param("limit", "2"))
        .andExpect(jsonPath("$.list", hasSize(2))).andExpect(jsonPath("$.limit").value(2));
  }

  @Test
  void historyAndGroupByAnswerTheStoredValues() throws Exception {
    String body = mvc.perform(get("/monitoring/kafka/series").param("metric", "kafka.log.Log.Size").param("label", "partition=0")
        .param("label", "topic=orders")).andReturn().getResponse().getContentAsString();
    String id = body.replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    long step = monitor.get().engine().baseStepMs();
    mvc.perform(get("/monitoring/kafka/history").param("ids", id).param("from", String.valueOf(t - 2 * step))
        .param("to", String.valueOf(t)).param("resolution", String.valueOf(step)))
        .andExpect(jsonPath("$.list[0].step").value((int) step))
        .andExpect(jsonPath("$.list[0].values", hasItem(100.0)))
        .andExpect(jsonPath("$.list[0].values", hasItem(120.0)));
    mvc.perform(get("/monitoring/kafka/groupBy").param("metric", "kafka.log.Log.Size").param("by", "topic")
        .param("from", String.valueOf(t - 2 * step)).param("to", String.valueOf(t)).param("resolution", String.valueOf(step)))
        .andExpect(jsonPath("$.list[?(@.labels.topic == 'orders')].values[*]", hasItem(180.0)))
        .andExpect(jsonPath("$.list[?(@.labels.topic == 'orders')].series", contains(2)));
  }

  @Test
  void retentionGivesTheTiersAndTheOldestCollection() throws Exception {
    long step = monitor.get().engine().baseStepMs();
    mvc.perform(get("/monitoring/zookeeper/retention"))
        .andExpect(jsonPath("$.object.oldest").value(t - 3 * step))
        .andExpect(jsonPath("$.object.tiers[0].step").value((int) step))
        .andExpect(jsonPath("$.object.tiers[0].retention").value(86_400_000))
        .andExpect(jsonPath("$.object.tiers[3].retention").value(5 * 365 * 86_400_000L));
  }

  @Test
  void healthTilesCarryTheWorstRuleAndItsReason() throws Exception {
    mvc.perform(get("/monitoring/kafka/health").param("clusterName", "prod"))
        .andExpect(jsonPath("$.list[?(@.kind == 'broker' && @.name == '1')].health", contains("RED")))
        .andExpect(jsonPath("$.list[?(@.kind == 'broker')].reasons[*]",
            hasItem("under replicated partitions 3 partitions (red above 0 partitions)")))
        // one tile for the cluster's groups, as bad as the worst, naming it (billing is fine: not named)
        .andExpect(jsonPath("$.list[?(@.kind == 'groups')].health", contains("RED")))
        .andExpect(jsonPath("$.list[?(@.kind == 'groups')].reasons[*]", hasItem(startsWith("group search: "))))
        .andExpect(jsonPath("$.list[?(@.kind == 'groups')].reasons[*]", not(hasItem(startsWith("group billing")))))
        .andExpect(jsonPath("$.list[?(@.kind == 'group')]", hasSize(0)));
    mvc.perform(get("/monitoring/flume/health"))
        .andExpect(jsonPath("$.list[?(@.name == 'f1')].health", contains("RED")))
        .andExpect(jsonPath("$.list[?(@.name == 'f1')].reasons[*]",
            hasItem("channel fill percentage component mem: 95 % (red above 90 %)")));
  }

  @Test
  void theQuorumIsListedWithItsVotersAndObservers() throws Exception {
    mvc.perform(get("/monitoring/kafka/quorum").param("clusterName", "prod")).andExpect(status().isOk())
        .andExpect(jsonPath("$.list", hasSize(1)))
        .andExpect(jsonPath("$.list[0].leader").value(3))
        .andExpect(jsonPath("$.list[0].epoch").value(4))
        .andExpect(jsonPath("$.list[0].members[*].role", contains("voter", "observer")))
        .andExpect(jsonPath("$.list[0].members[0].leader").value(true))
        .andExpect(jsonPath("$.list[0].members[1].id").value(1))
        .andExpect(jsonPath("$.list[0].members[1].lag").value(2))
        .andExpect(jsonPath("$.list[0].members[1].targetState").value("UNKNOWN"));
    mvc.perform(get("/monitoring/kafka/quorum").param("clusterName", "other")).andExpect(jsonPath("$.list", hasSize(0)));
  }

  @Test
  void lagIsSortedPagedAndFilteredWithPartitionDetail() throws Exception {
    mvc.perform(get("/monitoring/kafka/lag").param("sort", "maxLag").param("dir", "DESC").param("limit", "2"))
        .andExpect(jsonPath("$.total").value(3))
        .andExpect(jsonPath("$.list[*].group", contains("search", "billing")))
        .andExpect(jsonPath("$.list[0].totalLag").value(1500))
        .andExpect(jsonPath("$.list[0].status").value("STOP"))
        .andExpect(jsonPath("$.list[0].maxLagSeconds").value(75.3))
        .andExpect(jsonPath("$.list[0].protocol").value("consumer"))
        .andExpect(jsonPath("$.list[0].state").value("Reconciling"))
        .andExpect(jsonPath("$.list[0].health").value("RED"));
    mvc.perform(get("/monitoring/kafka/lag").param("filter", "script"))
        .andExpect(jsonPath("$.list[0].group").value("<script>x</script>"));
    mvc.perform(get("/monitoring/kafka/lag/partitions").param("group", "search"))
        .andExpect(jsonPath("$.list[*].partition", contains("2", "10")))
        .andExpect(jsonPath("$.list[1].lag").value(900));
  }

  @Test
  void badArgumentsAreNamedInA400() throws Exception {
    mvc.perform(get("/monitoring/kafka/history").param("ids", "1,x").param("from", "1").param("to", "2"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.error.message").value("ids: expected series ids separated by commas, got \"x\""));
    mvc.perform(get("/monitoring/kafka/history").param("ids", "1").param("from", "10").param("to", "5"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error.message", startsWith("to: must be after from")));
    mvc.perform(get("/monitoring/kafka/history").param("ids", "99999").param("from", "1000").param("to", "5000"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error.message").value("ids: no series 99999"));
    mvc.perform(get("/monitoring/kafka/history").param("ids", "1").param("from", "1").param("to", "100000000").param("resolution", "1"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error.message", startsWith("resolution: 1 ms gives more than")));
    mvc.perform(get("/monitoring/kafka/history").param("from", "1").param("to", "2"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error.message").value("ids: is required"));
    mvc.perform(get("/monitoring/kafka/history").param("ids", "1").param("from", "yesterday").param("to", "2"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error.message", containsString("\"yesterday\"")));
    mvc.perform(get("/monitoring/kafka/groupBy").param("metric", "kafka.log.Log.Size").param("aggregation", "median")
        .param("from", "1").param("to", "2"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error.message").value("aggregation: expected one of [SUM, AVG, MIN, MAX, COUNT], got \"median\""));
    mvc.perform(get("/monitoring/zookeeper/series").param("metric", "kafka.log.Log.Size"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error.message").value("metric: kafka.log.Log.Size is not a zookeeper metric"));
    mvc.perform(get("/monitoring/kafka/series").param("label", "broker"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error.message").value("label: expected key=value, got \"broker\""));
    mvc.perform(get("/monitoring/kafka/lag").param("sort", "lag"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error.message", startsWith("sort: expected one of [group, maxLag, totalLag, maxLagSeconds, status, members, protocol, state, health]")));
  }

  @Test
  void aMonitorThatIsNotRunningAnswers503WithTheReason() throws Exception {
    System.setProperty(DoflamingoMonitor.CONFIG_PROPERTY, dir.resolve("missing.json").toString());
    DoflamingoMonitor broken = new DoflamingoMonitor();
    try {
      broken.afterPropertiesSet();
    } finally {
      System.clearProperty(DoflamingoMonitor.CONFIG_PROPERTY);
    }
    MockMvcBuilders.standaloneSetup(new KafkaController(broken)).build()
        .perform(get("/monitoring/kafka/targets")).andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.error.code").value("NOT_RUNNING"))
        .andExpect(jsonPath("$.error.message", containsString("missing.json does not exist")));
  }
}
