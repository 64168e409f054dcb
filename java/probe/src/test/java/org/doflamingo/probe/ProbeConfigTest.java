package org.doflamingo.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.doflamingo.config.MonitorConfig;
import org.junit.jupiter.api.Test;

class ProbeConfigTest {
  private static final String JSON = "{\"storage\": {\"path\": \"d\"}, \"kafka\": [{\"name\": \"prod\", \"brokers\": ["
      + "{\"id\": 1, \"host\": \"k1\", \"jmxPort\": 9999, \"bootstrap\": \"k1:9092\"}, {\"host\": \"k2\", \"jmxPort\": 9999},"
      + "{\"id\": 3, \"host\": \"k3\", \"jmxPort\": 9999}]PROBE}]}";

  @Test
  void fromTheClusterConfiguration() throws Exception {
    ProbeConfig c = ProbeConfig.of(MonitorConfig.parse(JSON.replace("PROBE", ", \"probe\": {\"recordsPerSecond\": 4, \"windowSeconds\": 20}"))
        .kafka.get(0));
    assertEquals("prod", c.cluster);
    assertEquals("k1:9092,k2:9092,k3:9092", c.bootstrapServers);
    assertEquals(Arrays.asList(1, 3), c.configuredBrokers, "brokers without an id cannot be attributed by id");
    assertEquals("doflamingo-probe", c.topic);
    assertEquals(4, c.recordsPerSecond);
    assertEquals(20_000, c.windowMs);
    assertThrows(IllegalArgumentException.class, () -> ProbeConfig.of(MonitorConfig.parse(JSON.replace("PROBE", "")).kafka.get(0)));
  }

  @Test
  void rateIsPerPartitionAndCappedInAll() {
    ProbeConfig c = ProbeConfig.defaults("c", "h:1");
    assertEquals(100, c.periodMs(3), "10 records/s to each partition");
    assertEquals(100, c.periodMs(100), "1000/s in all: still within the cap");
    assertEquals(200, c.periodMs(200), "2000/s wanted: stretched to the 1000/s cap");
    assertEquals(100, c.periodMs(0));
  }
}
