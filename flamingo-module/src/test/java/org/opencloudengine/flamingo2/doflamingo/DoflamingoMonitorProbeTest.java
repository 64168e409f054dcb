package org.opencloudengine.flamingo2.doflamingo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.doflamingo.collect.Monitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster whose configuration has a "probe" section gets the probe as one more target; one without does not. */
class DoflamingoMonitorProbeTest {
  @Test
  void aProbeTargetPerClusterThatAsksForOne(@TempDir Path dir) throws Exception {
    Path config = TestMonitors.config(dir);
    String json = new String(Files.readAllBytes(config), StandardCharsets.UTF_8);
    // prod gets a probe; a second cluster "quiet" does not
    json = json.replace("}]}],\"zookeeper\"", "}], \"probe\": {\"topic\": \"probe-prod\"}},"
        + " {\"name\": \"quiet\", \"brokers\": [{\"id\": 1, \"host\": \"127.0.0.1\", \"jmxPort\": 1, \"bootstrap\": \"127.0.0.1:1\"}]}],"
        + "\"zookeeper\"");
    Files.write(config, json.getBytes(StandardCharsets.UTF_8));
    System.setProperty(DoflamingoMonitor.CONFIG_PROPERTY, config.toString());
    DoflamingoMonitor m = new DoflamingoMonitor();
    try {
      m.afterPropertiesSet();
      List<String> probes = new ArrayList<>();
      for (Monitor.Target t : m.get().targets()) if (t.system.equals("kafka-probe")) probes.add(t.group + " " + t.member + " " + t.address);
      assertEquals(1, probes.size(), String.valueOf(m.get().targets()));
      assertEquals("prod prod probe topic probe-prod", probes.get(0));
    } finally {
      System.clearProperty(DoflamingoMonitor.CONFIG_PROPERTY);
      m.destroy();
    }
  }
}
