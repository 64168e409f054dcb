package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Paths;
import java.util.Collections;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.doflamingo.config.KafkaClusterConfig;
import org.doflamingo.config.MonitorConfig;
import org.junit.jupiter.api.Test;

/** The demo's own JVM over JMX: reachable on loopback, listed in the configuration as a Kafka client. */
class LoopbackJmxTest {
  @Test
  void thisJvmIsReadableOverLoopbackJmx() throws Exception {
    try (LoopbackJmx jmx = LoopbackJmx.start();
        JMXConnector c = JMXConnectorFactory.connect(
            new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmx.port() + "/jmxrmi"), Collections.emptyMap())) {
      assertEquals(ManagementFactory.getRuntimeMXBean().getName(),
          c.getMBeanServerConnection().getAttribute(new ObjectName("java.lang:type=Runtime"), "Name"));
      // bound to loopback only: another address of this host is refused (when it has one)
      InetAddress other = InetAddress.getLocalHost();
      if (!other.isLoopbackAddress()) {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(other, jmx.port()), 2000);
          throw new AssertionError("JMX answered on " + other);
        } catch (java.io.IOException refused) {
          // expected
        }
      }
    }
  }

  @Test
  void theClientJoinsTheDemoConfiguration() throws Exception {
    String json = "{\"storage\": {\"path\": \"" + Paths.get("target/loopback-jmx").toAbsolutePath()
        + "\"}, \"kafka\": [{\"name\": \"demo\", \"brokers\": [{\"id\": 1, \"host\": \"127.0.0.1\", \"jmxPort\": 9999,"
        + " \"bootstrap\": \"127.0.0.1:9092\"}]}]}";
    KafkaClusterConfig k = MonitorConfig.parse(Demo.withClient(json, "demo-consumers", 4321)).kafka.get(0);
    assertEquals(1, k.clients.size());
    assertEquals("demo-consumers", k.clients.get(0).name);
    assertEquals(4321, k.clients.get(0).jmxPort);
    assertEquals(1, k.brokers.size(), "the rest of the configuration is kept");
  }
}
