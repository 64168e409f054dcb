package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Paths;
import java.util.List;
import org.doflamingo.config.KafkaClusterConfig;
import org.doflamingo.config.MonitorConfig;
import org.junit.jupiter.api.Test;

/** The demo's configuration with its KRaft cluster (demo --kraft) beside the ZooKeeper-mode one. */
class DemoConfigTest {
  @Test
  void theKraftClusterJoinsTheDemoConfigurationWithItsControllers() throws Exception {
    String storage = Paths.get("target/demo-config").toAbsolutePath().toString();
    String zkMode = "{\"storage\": {\"path\": \"" + storage + "\"}, \"kafka\": [{\"name\": \"demo\", \"brokers\": [{\"id\": 1,"
        + " \"host\": \"127.0.0.1\", \"jmxPort\": 9999, \"bootstrap\": \"127.0.0.1:9092\"}]}]}";
    String kraft = "{\"storage\": {\"path\": \"" + storage + "\"}, \"kafka\": [{\"name\": \"demo-kraft\", \"brokers\": [{\"id\": 101,"
        + " \"host\": \"127.0.0.1\", \"jmxPort\": 9998, \"bootstrap\": \"127.0.0.1:9093\"}],"
        + " \"controllers\": [{\"id\": 1, \"host\": \"127.0.0.1\", \"jmxPort\": 9997}], \"probe\": {}}]}";
    List<KafkaClusterConfig> clusters = MonitorConfig.parse(Demo.withCluster(zkMode, kraft)).kafka;
    assertEquals(2, clusters.size());
    assertEquals("demo", clusters.get(0).name);
    assertEquals(0, clusters.get(0).controllers.size());
    assertEquals("demo-kraft", clusters.get(1).name);
    assertEquals(1, clusters.get(1).controllers.get(0).id);
    assertEquals(9997, clusters.get(1).controllers.get(0).jmxPort);
    assertEquals("127.0.0.1:9093", clusters.get(1).bootstrapServers());
    assertEquals(5, Demo.steps(false));
    assertEquals(6, Demo.steps(true), "the KRaft cluster is a step of its own");
  }
}
