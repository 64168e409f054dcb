package org.doflamingo.query.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.doflamingo.cluster.BrokerSettings;
import org.doflamingo.cluster.KraftCluster;
import org.doflamingo.cluster.KraftNode;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.cluster.security.SecuredListeners;
import org.doflamingo.cluster.security.TestPki;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.jmx.JmxSource;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.query.Page;
import org.doflamingo.query.Reads;
import org.junit.jupiter.api.Test;

/**
 * Kafka 4.x in KRaft mode with three dedicated controllers and two brokers, watched through its
 * configuration as an operator would (brokers over SASL_SSL with SCRAM-SHA-512, "controllers",
 * the probe over the same connection settings): every target UP, the
 * controllers' and the quorum's metrics stored, every catalogue MBean a 4.x node lacks marked so
 * in the catalogue, the quorum read back with its leader, voters and observers, and lag for a
 * classic group and a KIP-848 consumer-protocol group, each listed with its protocol.
 */
class KraftIT {
  private static final String CLUSTER = "k4";
  private static final String USER = "monitor";
  private static final String TOPIC = "kraft-orders";

  @Test
  void aKraftClusterWithDedicatedControllersIsWatchedWholly() throws Exception {
    Path base = Paths.get("target", "it", "kraft");
    Files.createDirectories(base);
    // Doflamingo connects as production clusters ask: SASL_SSL with SCRAM-SHA-512, the broker's
    // certificate checked against a trust store; the test's own clients keep the CLIENT listener
    TestPki pki = TestPki.create(base.resolve("pki"));
    String password = pki.password(); // generated for this run
    BrokerSettings secured = BrokerSettings.TEST.withListeners(SecuredListeners.standard(pki, null, USER, password));
    try (KraftCluster kraft = KraftCluster.start(base, 3, 2, secured, BrokerSettings.TEST, Collections.<String, String>emptyMap())) {
      kraft.createScramUser(USER, "SCRAM-SHA-512", password);
      Path passwordFile = Files.write(base.resolve("sasl.password"), password.getBytes(StandardCharsets.UTF_8));
      String security = "{\"protocol\": \"SASL_SSL\", \"mechanism\": \"SCRAM-SHA-512\", \"credentials\": {\"user\": \"" + USER
          + "\", \"passwordFile\": " + MonitorJson.string(passwordFile.toAbsolutePath().toString()) + "}, \"trustStore\": {\"path\": "
          + MonitorJson.string(pki.trustStore().toString()) + ", \"passwordFile\": " + MonitorJson.string(pki.passwordFile().toString()) + "}}";
      Path storage = Files.createTempDirectory(base, "storage-");
      Monitor monitor = Monitor.open(MonitorConfig.parse(MonitorJson.kraft(storage, 2, CLUSTER, kraft, true, SecuredListeners.SASL_SSL, security)),
          System.currentTimeMillis());
      try {
        Reads reads = new Reads(monitor);
        // 2 brokers, 3 controllers, the Admin API, the probe
        assertEquals(7, monitor.targets().size(), monitor.targets().toString());
        traffic(kraft);
        tickUntil(monitor, "every target up and read", Duration.ofSeconds(120), () -> Watching.allUp(monitor));
        int leader = kraft.quorum().leaderId();

        // the controllers' own MBeans: each names the quorum's leader, the active one counts itself
        tickUntil(monitor, "raft-metrics and controller MBeans of every controller", Duration.ofSeconds(60), () -> {
          double active = 0;
          for (KraftNode c : kraft.controllers()) {
            Double seen = current(reads, "kafka.server.raft-metrics.current-leader", "controller", c.id());
            Double count = current(reads, "kafka.controller.KafkaController.ActiveControllerCount", "controller", c.id());
            if (seen == null || seen != leader || count == null
                || current(reads, "kafka.server.raft-metrics.high-watermark", "controller", c.id()) == null) {
              return false;
            }
            active += count;
          }
          return active == 1 && current(reads, "kafka.server.raft-metrics.current-leader", "broker", KraftCluster.FIRST_BROKER_ID) != null
              && current(reads, "kafka.server.broker-metadata-metrics.metadata-load-error-count", "broker", KraftCluster.FIRST_BROKER_ID) != null;
        });
        assertEquals(0.0, current(reads, "kafka.controller.KafkaController.OfflinePartitionsCount", "controller", leader));
        assertEquals(2.0, current(reads, "kafka.controller.KafkaController.ActiveBrokerCount", "controller", leader));

        catalogueKnowsWhatA4xNodeLacks(monitor.catalogue(), kraft);

        // the quorum as the Admin API describes it, joined with the targets
        tickUntil(monitor, "the quorum's voters and observers", Duration.ofSeconds(60), () -> {
          List<QuorumRow> q = reads.quorum().quorum(CLUSTER);
          return q.size() == 1 && q.get(0).members.size() == 5 && q.get(0).members.stream().allMatch(m -> m.lag != null);
        });
        QuorumRow quorum = reads.quorum().quorum(CLUSTER).get(0);
        assertEquals(Integer.valueOf(leader), quorum.leader);
        assertEquals(Integer.valueOf(3), quorum.voters);
        assertTrue(quorum.highWatermark > 0, "committed offset " + quorum.highWatermark);
        List<String> members = new ArrayList<>();
        for (QuorumMemberRow m : quorum.members) {
          members.add(m.role + " " + m.id + (m.leader ? " leader" : "") + " " + m.targetState);
        }
        assertEquals(Arrays.asList("voter 1" + (leader == 1 ? " leader" : "") + " UP", "voter 2" + (leader == 2 ? " leader" : "") + " UP",
            "voter 3" + (leader == 3 ? " leader" : "") + " UP", "observer 101 UP", "observer 102 UP"), members);

        // lag of both protocols' groups, each listed with its protocol and state
        tickUntil(monitor, "lag of the classic and the consumer-protocol group", Duration.ofSeconds(90), () -> {
          Map<String, LagRow> rows = lagRows(reads);
          LagRow classic = rows.get("orders-classic");
          LagRow consumer = rows.get("orders-consumer");
          return classic != null && consumer != null && classic.maxLag != null && classic.maxLag > 0 && consumer.maxLag != null
              && consumer.maxLag > 0 && classic.protocol != null && consumer.protocol != null && classic.state != null;
        });
        Map<String, LagRow> rows = lagRows(reads);
        assertEquals("classic", rows.get("orders-classic").protocol);
        assertEquals("consumer", rows.get("orders-consumer").protocol);
        assertEquals("Empty", rows.get("orders-classic").state, "its consumer closed");
        assertEquals("Empty", rows.get("orders-consumer").state, "its consumer closed");
        assertEquals(Long.valueOf(50), rows.get("orders-classic").totalLag, "50 records produced after its commit");

        // the probe produces to and consumes from the 4.x brokers
        tickUntil(monitor, "the probe's produce and consume availability", Duration.ofSeconds(90), () -> {
          Double produce = current(reads, "kafka.probe.cluster_produce_availability", null, 0);
          Double consume = current(reads, "kafka.probe.cluster_consume_availability", null, 0);
          return produce != null && produce >= 0.99 && consume != null && consume >= 0.99;
        });
      } finally {
        monitor.close();
      }
    }
  }

  /** Every JMX source of the broker's and the controller's catalogue either matches an MBean of a 4.x node or says where it is absent. */
  private static void catalogueKnowsWhatA4xNodeLacks(MetricCatalogue catalogue, KraftCluster kraft) throws Exception {
    List<String> unmarked = new ArrayList<>();
    KraftNode broker = kraft.brokers().get(0);
    KraftNode controller = kraft.controllers().get(0);
    for (Object[] node : new Object[][] {{"kafka-broker", broker}, {"kafka-controller", controller}}) {
      KraftNode n = (KraftNode) node[1];
      try (JMXConnector c = JMXConnectorFactory.connect(
          new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + n.host() + ":" + n.jmxPort() + "/jmxrmi"))) {
        MBeanServerConnection mbeans = c.getMBeanServerConnection();
        for (JmxSource s : JmxSource.of(catalogue.of((String) node[0]))) {
          if (mbeans.queryNames(s.pattern, null).isEmpty() && catalogue.get(s.series).notOn == null) unmarked.add(node[0] + " " + s);
        }
      }
    }
    assertEquals(Collections.emptyList(), unmarked, "absent on Kafka 4.x nodes but not marked notOn in the catalogue");
  }

  /** The topic, 150 records, a classic and a consumer-protocol group each committing them, then 50 more records. */
  private static void traffic(KraftCluster kraft) throws Exception {
    Watching.createTopic(kraft.clientProperties(), TOPIC, 2, (short) 2);
    Watching.produce(kraft.clientProperties(), TOPIC, 150);
    assertEquals(150, Watching.consumeAndCommit(kraft.clientProperties(), TOPIC, "orders-classic", "classic", 150));
    assertEquals(150, Watching.consumeAndCommit(kraft.clientProperties(), TOPIC, "orders-consumer", "consumer", 150));
    Watching.produce(kraft.clientProperties(), TOPIC, 50);
  }

  private static Map<String, LagRow> lagRows(Reads reads) {
    Map<String, LagRow> out = new TreeMap<>();
    for (LagRow r : reads.lag().lag(CLUSTER, "orders-", "group", false, 0, Page.MAX_LIMIT).rows) out.put(r.group, r);
    return out;
  }

  private static Double current(Reads reads, String metric, String label, int id) {
    return Watching.current(reads, CLUSTER, metric, label, id);
  }

  private static void tickUntil(Monitor monitor, String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
    Watching.awaitTicking(monitor, what, timeout, done);
  }
}
