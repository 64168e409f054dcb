package org.opencloudengine.flamingo2.doflamingo.web;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The Kafka drill-down tables (/brokers, /topics, /partitions) through Spring MVC over a real
 * engine holding the series the collectors write: the Admin collector's partition and topic
 * series, the brokers' JMX series (their totals and per-topic twins).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaTablesTest {
  private static final String MARKUP = "<script>alert(1)</script>";
  @TempDir
  static Path dir;
  private DoflamingoMonitor monitor;
  private MockMvc mvc;

  @BeforeAll
  void start() throws Exception {
    monitor = TestMonitors.open(dir);
    Monitor m = monitor.get();
    long step = m.engine().baseStepMs();
    long t = System.currentTimeMillis() / step * step;
    // a topic deleted a while ago: its series stay in the engine, with no current value, and too
    // old to be shown as last known while the Admin target (never read here) is silent
    TestMonitors.write(m, t - 20 * 60_000L, partition("leader", "gone", 0), 1);
    List<Object> w = new ArrayList<>();
    add(w, key("kafka.cluster.controller"), 1);
    add(w, broker("kafka.server.ReplicaManager.PartitionCount"), 12);
    add(w, broker("kafka.server.ReplicaManager.LeaderCount"), 5);
    add(w, broker("kafka.server.ReplicaManager.UnderReplicatedPartitions"), 1);
    add(w, broker("kafka.server.BrokerTopicMetrics.MessagesInPerSec"), 250.54);
    add(w, broker("kafka.server.BrokerTopicMetrics.BytesInPerSec"), 25000);
    add(w, broker("kafka.server.BrokerTopicMetrics.BytesOutPerSec"), 50000);
    add(w, broker("kafka.jvm.heap.used"), 256e6);
    add(w, broker("kafka.jvm.heap.max"), 1024e6);
    add(w, broker("kafka.server.BrokerTopicMetrics.MessagesInPerSec", "topic", "orders"), 200);
    add(w, broker("kafka.server.BrokerTopicMetrics.BytesInPerSec", "topic", "orders"), 20000);
    add(w, broker("kafka.server.BrokerTopicMetrics.MessagesInPerSec", "topic", MARKUP), 50.5);
    // a second broker's share of the same topic: the topic's rate is the sum
    add(w, SeriesKey.of("kafka.server.BrokerTopicMetrics.MessagesInPerSec", "cluster", "prod", "broker", "2", "topic", "orders"), 100);
    // orders: partitions 0, 1, 2, 10 (text order would put 10 before 2); partition 2 lost a replica
    int[][] orders = {{0, 1, 3, 3, 500}, {1, 3, 3, 3, 700}, {2, 2, 3, 2, 100}, {10, 1, 3, 3, 300}};
    for (int[] p : orders) addPartition(w, "orders", p);
    addPartition(w, "payments", new int[] {0, 2, 2, 2, 40});
    addPartition(w, "payments", new int[] {1, -1, 2, 0, 0});
    addPartition(w, MARKUP, new int[] {0, 1, 1, 1, 9});
    add(w, key("kafka.topic.under_replicated_partitions", "topic", "orders"), 1);
    add(w, key("kafka.topic.under_replicated_partitions", "topic", "payments"), 1);
    add(w, key("kafka.topic.under_replicated_partitions", "topic", MARKUP), 0);
    // the broker rules are judged over a window (SustainedHealth): under-replicated for 12 s before t
    for (long at = t - 6 * step; at < t; at += step) {
      TestMonitors.write(m, at, broker("kafka.server.ReplicaManager.UnderReplicatedPartitions"), 1);
    }
    TestMonitors.write(m, t, w.toArray());
    mvc = MockMvcBuilders.standaloneSetup(new KafkaController(monitor)).build();
  }

  @AfterAll
  void stop() {
    monitor.destroy();
  }

  private static void add(List<Object> w, SeriesKey k, double v) {
    w.add(k);
    w.add(v);
  }

  /** partition, leader, replicas, in-sync replicas, log-end offset */
  private static void addPartition(List<Object> w, String topic, int[] p) {
    add(w, partition("leader", topic, p[0]), p[1]);
    add(w, partition("replicas", topic, p[0]), p[2]);
    add(w, partition("in_sync_replicas", topic, p[0]), p[3]);
    add(w, partition("log_end_offset", topic, p[0]), p[4]);
  }

  private static SeriesKey key(String name, String... labels) {
    String[] kv = new String[labels.length + 2];
    kv[0] = "cluster";
    kv[1] = "prod";
    System.arraycopy(labels, 0, kv, 2, labels.length);
    return SeriesKey.of(name, kv);
  }

  private static SeriesKey broker(String name, String... labels) {
    String[] kv = new String[labels.length + 2];
    kv[0] = "broker";
    kv[1] = "1";
    System.arraycopy(labels, 0, kv, 2, labels.length);
    return key(name, kv);
  }

  private static SeriesKey partition(String field, String topic, int partition) {
    return key("kafka.partition." + field, "topic", topic, "partition", String.valueOf(partition));
  }

  @Test
  void brokersCarryTheirTargetTheControllerFlagTheirFiguresAndHealth() throws Exception {
    mvc.perform(get("/monitoring/kafka/brokers").param("clusterName", "prod")).andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.list[0].broker").value("1"))
        .andExpect(jsonPath("$.list[0].address", startsWith("JMX 127.0.0.1:")))
        .andExpect(jsonPath("$.list[0].state").value("UNKNOWN"))
        .andExpect(jsonPath("$.list[0].controller").value(true))
        .andExpect(jsonPath("$.list[0].partitions").value(12))
        .andExpect(jsonPath("$.list[0].leaders").value(5))
        .andExpect(jsonPath("$.list[0].underReplicated").value(1))
        // the broker's total, not its per-topic series
        .andExpect(jsonPath("$.list[0].messagesIn").value(250.5))
        .andExpect(jsonPath("$.list[0].bytesOut").value(50000.0))
        .andExpect(jsonPath("$.list[0].heapUsed").value(256_000_000))
        .andExpect(jsonPath("$.list[0].heapMax").value(1_024_000_000))
        .andExpect(jsonPath("$.list[0].health").value("RED"))
        .andExpect(jsonPath("$.list[0].reasons", hasItem("under replicated partitions 1 partitions (red above 0 partitions)")));
    mvc.perform(get("/monitoring/kafka/brokers").param("clusterName", "other")).andExpect(jsonPath("$.total").value(0));
  }

  @Test
  void topicsAreSummedPerTopicSortedFilteredAndPaged() throws Exception {
    mvc.perform(get("/monitoring/kafka/topics").param("clusterName", "prod"))
        // the deleted topic is not listed; '<' sorts before letters
        .andExpect(jsonPath("$.total").value(3))
        .andExpect(jsonPath("$.list[*].topic", contains(MARKUP, "orders", "payments")))
        .andExpect(jsonPath("$.list[1].partitions").value(4))
        .andExpect(jsonPath("$.list[1].replicationFactor").value(3))
        .andExpect(jsonPath("$.list[1].underReplicated").value(1))
        .andExpect(jsonPath("$.list[1].logEndOffset").value(1600))
        .andExpect(jsonPath("$.list[1].messagesIn").value(300.0))
        .andExpect(jsonPath("$.list[1].bytesIn").value(20000.0))
        .andExpect(jsonPath("$.list[1].bytesOut").doesNotExist())
        .andExpect(jsonPath("$.list[1].health").value("RED"))
        .andExpect(jsonPath("$.list[0].messagesIn").value(50.5))
        .andExpect(jsonPath("$.list[0].health").value("GREEN"));
    mvc.perform(get("/monitoring/kafka/topics").param("sort", "logEndOffset").param("dir", "DESC"))
        .andExpect(jsonPath("$.list[*].topic", contains("orders", "payments", MARKUP)));
    mvc.perform(get("/monitoring/kafka/topics").param("sort", "partitions").param("dir", "ASC").param("start", "1").param("limit", "1"))
        .andExpect(jsonPath("$.total").value(3)).andExpect(jsonPath("$.start").value(1))
        .andExpect(jsonPath("$.list[*].topic", contains("payments")));
    mvc.perform(get("/monitoring/kafka/topics").param("filter", "pay"))
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.list[0].topic").value("payments"))
        .andExpect(jsonPath("$.list[0].replicationFactor").value(2));
  }

  @Test
  void partitionsSortNumericallyAndByEveryColumnOnTheServer() throws Exception {
    mvc.perform(get("/monitoring/kafka/partitions").param("topic", "orders").param("sort", "partition"))
        .andExpect(jsonPath("$.total").value(4))
        .andExpect(jsonPath("$.list[*].partition", contains(0, 1, 2, 10)))
        .andExpect(jsonPath("$.list[2].leader").value(2))
        .andExpect(jsonPath("$.list[2].replicas").value(3))
        .andExpect(jsonPath("$.list[2].isr").value(2))
        .andExpect(jsonPath("$.list[2].underReplicated").value(true))
        .andExpect(jsonPath("$.list[2].logEndOffset").value(100))
        .andExpect(jsonPath("$.list[0].underReplicated").value(false))
        .andExpect(jsonPath("$.list[0].leaderSeries", greaterThanOrEqualTo(0)))
        .andExpect(jsonPath("$.list[0].isrSeries", greaterThanOrEqualTo(0)))
        .andExpect(jsonPath("$.list[0].logEndOffsetSeries", greaterThanOrEqualTo(0)));
    mvc.perform(get("/monitoring/kafka/partitions").param("topic", "orders").param("sort", "partition").param("dir", "DESC"))
        .andExpect(jsonPath("$.list[*].partition", contains(10, 2, 1, 0)));
    // ties keep topic and partition order
    mvc.perform(get("/monitoring/kafka/partitions").param("topic", "orders").param("sort", "leader"))
        .andExpect(jsonPath("$.list[*].partition", contains(0, 10, 2, 1)));
    mvc.perform(get("/monitoring/kafka/partitions").param("topic", "orders").param("sort", "underReplicated").param("dir", "DESC"))
        .andExpect(jsonPath("$.list[0].partition").value(2));
    mvc.perform(get("/monitoring/kafka/partitions").param("topic", "orders").param("sort", "logEndOffset").param("dir", "DESC"))
        .andExpect(jsonPath("$.list[*].logEndOffset", contains(700, 500, 300, 100)));
    mvc.perform(get("/monitoring/kafka/partitions").param("sort", "isr").param("limit", "2"))
        .andExpect(jsonPath("$.total").value(7))
        .andExpect(jsonPath("$.list[*].isr", contains(0, 1)))
        .andExpect(jsonPath("$.list[0].topic").value("payments"))
        .andExpect(jsonPath("$.list[0].leader").value(-1));
    mvc.perform(get("/monitoring/kafka/partitions").param("sort", "topic").param("start", "5").param("limit", "10"))
        .andExpect(jsonPath("$.total").value(7)).andExpect(jsonPath("$.list", hasSize(2)))
        .andExpect(jsonPath("$.list[*].topic", contains("payments", "payments")))
        .andExpect(jsonPath("$.list[*].partition", contains(0, 1)));
  }

  @Test
  void partitionsAreFilteredByExactTopicOrPartOfItsName() throws Exception {
    mvc.perform(get("/monitoring/kafka/partitions").param("topic", "order")).andExpect(jsonPath("$.total").value(0));
    mvc.perform(get("/monitoring/kafka/partitions").param("filter", "order")).andExpect(jsonPath("$.total").value(4));
    mvc.perform(get("/monitoring/kafka/partitions").param("filter", "gone")).andExpect(jsonPath("$.total").value(0));
    mvc.perform(get("/monitoring/kafka/partitions").param("clusterName", "other")).andExpect(jsonPath("$.total").value(0));
  }

  @Test
  void markupInNamesComesBackVerbatim() throws Exception {
    mvc.perform(get("/monitoring/kafka/partitions").param("filter", "script"))
        .andExpect(jsonPath("$.list[0].topic").value(MARKUP))
        .andExpect(content().string(containsString("\"topic\":\"" + MARKUP + "\"")));
    mvc.perform(get("/monitoring/kafka/partitions").param("topic", MARKUP)).andExpect(jsonPath("$.total").value(1));
    mvc.perform(get("/monitoring/kafka/topics").param("filter", "<script>"))
        .andExpect(content().string(containsString("\"topic\":\"" + MARKUP + "\"")));
  }

  @Test
  void badSortDirectionAndPageAreNamedInA400() throws Exception {
    mvc.perform(get("/monitoring/kafka/partitions").param("sort", "size"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error.message").value("sort: expected one of [cluster, topic, partition, leader, replicas, isr, "
            + "underReplicated, logEndOffset], got \"size\""));
    mvc.perform(get("/monitoring/kafka/topics").param("sort", "<b>"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error.message", startsWith("sort: expected one of [cluster, topic,")));
    mvc.perform(get("/monitoring/kafka/topics").param("dir", "up"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error.message").value("dir: expected ASC or DESC, got \"up\""));
    mvc.perform(get("/monitoring/kafka/partitions").param("limit", "0"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error.message", startsWith("limit: expected 1 to")));
  }
}
