package org.doflamingo.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.doflamingo.collect.Monitor;
import org.doflamingo.config.MonitorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe registers as the collectors' own do: whoever opens a monitor gets it, with nothing added by hand. */
class ProbeRegistrationTest {
  @Test
  void aMonitorOpenedFromTheConfigurationHasTheProbeTarget(@TempDir Path dir) throws Exception {
    String json = "{\"storage\": {\"path\": \"" + dir.resolve("data") + "\"}, \"kafka\": ["
        + "{\"name\": \"prod\", \"brokers\": [{\"id\": 1, \"host\": \"127.0.0.1\", \"jmxPort\": 1, \"bootstrap\": \"127.0.0.1:1\"}],"
        + " \"probe\": {\"topic\": \"probe-prod\"}},"
        + "{\"name\": \"quiet\", \"brokers\": [{\"id\": 1, \"host\": \"127.0.0.1\", \"jmxPort\": 1, \"bootstrap\": \"127.0.0.1:1\"}]}]}";
    try (Monitor m = Monitor.open(MonitorConfig.parse(json), System.currentTimeMillis())) {
      List<String> targets = new ArrayList<>();
      for (Monitor.Target t : m.targets()) targets.add(t.system + " " + t.group + "/" + t.member);
      // each factory's in configuration order; the factories in class path order
      Collections.sort(targets);
      assertEquals("[kafka-broker prod/1, kafka-broker quiet/1, kafka-cluster prod/prod, kafka-cluster quiet/quiet,"
          + " kafka-probe prod/prod]", targets.toString());
    }
  }
}
