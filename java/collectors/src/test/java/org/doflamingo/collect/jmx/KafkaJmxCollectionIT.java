package org.doflamingo.collect.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.doflamingo.cluster.KafkaBroker;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.EngineScrape;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.kafka.AdminCollector;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.SeriesData;
import org.junit.jupiter.api.Test;

/**
 * Real brokers scraped over JMX (and the cluster over the Admin API) into the engine; a broker
 * killed shows in the stored history as under-replicated partitions and shrunk ISRs.
 */
class KafkaJmxCollectionIT {
  @Test
  void aKilledBrokerLeavesUnderReplicatedPartitionsInTheHistory() throws Exception {
    Path base = Paths.get("target", "it", "kafka-jmx");
    Files.createDirectories(base);
    List<JmxSource> sources = JmxSource.of(MetricCatalogue.load().of("kafka-broker"));
    try (ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(base, 1);
        KafkaCluster kafka = KafkaCluster.start(base, zk, 3);
        Engine engine = Engine.open(EngineConfig.at(Files.createTempDirectory(base, "engine-")))) {
      try (Admin admin = kafka.admin()) {
        admin.createTopics(Collections.singletonList(new NewTopic("orders", 6, (short) 3))).all().get(60, TimeUnit.SECONDS);
      }
      // createTopics returns once the controller took it; followers create their logs (and Log MBeans) a little later
      for (KafkaBroker b : kafka.brokers()) awaitLogMBeans(b, "orders", 6);
      EngineScrape.Ids ids = new EngineScrape.Ids(engine);
      Map<Integer, JmxCollector> collectors = new HashMap<>();
      // partitions read every scrape, so that the ISR's history is in the 2 s files of this engine
      String json = MonitorJson.of(base, 2, "it", null, kafka, null).replace("\"name\": \"it\"", "\"name\": \"it\", \"partitionIntervalSeconds\": 2");
      AdminCollector admin = new AdminCollector(MonitorConfig.parse(json).kafka.get(0), 2000, 10_000);
      for (KafkaBroker b : kafka.brokers()) {
        Map<String, String> labels = new HashMap<>();
        labels.put("cluster", "it");
        labels.put("broker", String.valueOf(b.id()));
        collectors.put(b.id(), new JmxCollector(b.host(), b.jmxPort(), null, false, sources, labels, 5000, 4));
      }
      try {
        long start = System.currentTimeMillis();
        for (KafkaBroker b : kafka.brokers()) {
          EngineScrape scrape = new EngineScrape(engine, ids, System.currentTimeMillis());
          collectors.get(b.id()).scrape(scrape);
          assertTrue(scrape.size() > 20, "broker " + b.id() + " gave " + scrape.size() + " values");
          scrape.commit();
        }
        Map<String, String> broker1 = Collections.singletonMap("broker", "1");
        assertEquals(1, engine.select("kafka.server.ReplicaManager.UnderReplicatedPartitions", broker1).length);
        assertEquals(6, engine.select("kafka.log.Log.Size", broker1).length, "one Size series per partition of orders");

        kafka.broker(3).kill();
        double maxUrp = 0;
        double minIsr = 3;
        for (long deadline = System.currentTimeMillis() + 60_000;
            (maxUrp == 0 || minIsr == 3) && System.currentTimeMillis() < deadline; ) {
          Thread.sleep(2000);
          for (int id = 1; id <= 2; id++) {
            EngineScrape scrape = new EngineScrape(engine, ids, System.currentTimeMillis());
            collectors.get(id).scrape(scrape);
            scrape.commit();
          }
          for (int id = 1; id <= 2; id++) {
            int series = engine.select("kafka.server.ReplicaManager.UnderReplicatedPartitions",
                Collections.singletonMap("broker", String.valueOf(id)))[0];
            for (double v : engine.query(series, start, System.currentTimeMillis(), 2000).values) {
              if (!Double.isNaN(v)) maxUrp = Math.max(maxUrp, v);
            }
          }
          // ISR shrinks as the cluster reports them. (IsrShrinksPerSec counts only leader-driven
          // shrinks of a live follower; a killed broker is dropped by the controller instead.)
          EngineScrape scrape = new EngineScrape(engine, ids, System.currentTimeMillis());
          admin.scrape(scrape);
          scrape.commit();
          for (int isr : engine.select("kafka.partition.in_sync_replicas", Collections.singletonMap("topic", "orders"))) {
            for (double v : engine.query(isr, start, System.currentTimeMillis(), 2000).values) {
              if (!Double.isNaN(v)) minIsr = Math.min(minIsr, v);
            }
          }
        }
        assertTrue(maxUrp > 0, "UnderReplicatedPartitions never rose after broker 3 was killed");
        assertEquals(2.0, minIsr, "the ISR shrink to 2 replicas is in the history");
        CollectException down = assertThrows(CollectException.class,
            () -> collectors.get(3).scrape(new EngineScrape(engine, ids, System.currentTimeMillis())));
        assertTrue(down.getMessage().startsWith("JMX target " + kafka.broker(3).host() + ":" + kafka.broker(3).jmxPort()),
            down.getMessage());
        engine.flush();
        int urp1 = engine.select("kafka.server.ReplicaManager.UnderReplicatedPartitions", broker1)[0];
        SeriesData stored = engine.query(urp1, start - 3_600_000, System.currentTimeMillis(), 2000);
        assertTrue(stored.known() >= 2, "history of broker 1 holds the scrapes: " + stored.known());
      } finally {
        collectors.values().forEach(JmxCollector::close);
        admin.close();
      }
    }
  }

  private static void awaitLogMBeans(KafkaBroker b, String topic, int partitions) throws Exception {
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + b.host() + ":" + b.jmxPort() + "/jmxrmi");
    try (JMXConnector c = JMXConnectorFactory.connect(url)) {
      ObjectName pattern = new ObjectName("kafka.log:type=Log,name=Size,topic=" + topic + ",*");
      int seen = 0;
      for (long deadline = System.currentTimeMillis() + 60_000; System.currentTimeMillis() < deadline; Thread.sleep(200)) {
        seen = c.getMBeanServerConnection().queryNames(pattern, null).size();
        if (seen == partitions) return;
      }
      throw new AssertionError("broker " + b.id() + " has " + seen + " of " + partitions + " logs of " + topic + " after 60 s");
    }
  }
}
