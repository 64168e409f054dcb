package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.doflamingo.collect.series.EngineSeam;
import org.doflamingo.config.RetentionClassSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SizingTest {
  @TempDir
  Path tmp;

  @Test
  void seriesPerClassFollowTheCatalogueAndTheShape() throws Exception {
    Map<String, Long> s = Sizing.parse(new String[] {"--partitions", "20000", "--groups", "50000", "--topics", "1000"}).seriesByClass();
    // per partition: leader, replicas, ISR, log-end (Admin); per replica (x3): Log.Size, LogEndOffset, LogStartOffset (JMX);
    assertEquals(20_000L * 4 + 60_000L * 3, (long) s.get("partition"));
    // per group x partition (4 each): committed offset, lag, lag seconds
    assertEquals(50_000L * 4 * 3, (long) s.get("group-partition"));
    // the codes: per group x partition its status, per group its protocol and state (a week kept, a 2-minute ring)
    assertEquals(50_000L * 4 + 50_000L * 2, (long) s.get("group-code"));
    // per group: members, max lag, total lag, max lag seconds, status
    assertEquals(50_000L * 5, (long) s.get("group"));
    // per broker x topic: messages, bytes in, bytes out; per topic: under-replicated partitions
    assertEquals(3L * 1000 * 3 + 1000, (long) s.get("topic"));
    assertTrue(s.get("cluster") > 100 && s.get("cluster") < 1000, "cluster, brokers, ZooKeeper, probe, own: " + s.get("cluster"));
  }

  @Test
  void totalsAreSeriesTimesTheEngineSizesOfTheirClass() throws Exception {
    Sizing sizing = Sizing.parse(new String[] {"--partitions", "20000", "--groups", "50000"});
    Map<String, Long> series = sizing.seriesByClass();
    long disk = 0;
    long ring = 0;
    for (RetentionClassSpec c : sizing.engineClasses().values()) {
      disk += series.get(c.name) * EngineSeam.fileBytes(c);
      ring += series.get(c.name) * EngineSeam.ringBytes(c);
    }
    String out = sizing.render();
    assertTrue(out.contains("disk: " + Sizing.bytes(disk) + " "), out);
    assertTrue(out.contains("= live rings " + Sizing.bytes(ring) + " "), out);
    assertTrue(out.contains("cluster 5y (1h rows) for cluster, broker"), "five years of cluster history stated: " + out);
    assertTrue(disk < 50L * 1000 * 1000 * 1000, "the issue's disk goal for this shape: " + Sizing.bytes(disk));
    long nativeBytes = ring;
    for (long n : series.values()) nativeBytes += n * EngineSeam.REGISTRY_BYTES_PER_SERIES;
    nativeBytes -= series.getOrDefault("excluded", 0L) * EngineSeam.REGISTRY_BYTES_PER_SERIES;
    assertTrue(out.contains("native memory: " + Sizing.bytes(nativeBytes) + " "), out);
    assertTrue(nativeBytes < 2L << 30, "the issue's native memory goal for this shape (2 GiB): " + Sizing.bytes(nativeBytes));
  }

  @Test
  void aConfigurationsClassesRulesAndExcludesAreUsed() throws Exception {
    Path config = tmp.resolve("c.json");
    Files.write(config, ("{\"storage\": {\"path\": \"d\"}, \"flume\": [{\"name\": \"a\", \"host\": \"h\", \"httpPort\": 1}],"
        + " \"series\": {\"classes\": {\"partition\": {\"tiers\": \"30s:2d,1h:90d\"}},"
        + " \"exclude\": [{\"metric\": \"kafka.consumer.group.committed_offset\"}],"
        + " \"rules\": [{\"metric\": \"kafka.log.*\", \"class\": \"topic\"}]}}").getBytes("UTF-8"));
    Sizing sizing = Sizing.parse(new String[] {"--partitions", "1000", "--groups", "10", "--topics", "10", "--config", config.toString()});
    Map<String, Long> s = sizing.seriesByClass();
    assertEquals(10L * 4, (long) s.get("excluded"), "committed offsets left out");
    assertEquals(1000L * 4, (long) s.get("partition"), "Log.* moved to topic");
    // and the brokers' LogFlushStats (kafka.log.*, two series each) with them, beside each topic's under-replicated count
    assertEquals(3L * 10 * 3 + 10 + 3000 * 3 + 3 * 2, (long) s.get("topic"));
    assertEquals("30s:2d,1h:90d", sizing.engineClasses().get("partition").tiers.text);
    assertTrue(sizing.render().contains("left out by the series policy: 40 series"));
  }

  @Test
  void badArgumentsNameTheOption() {
    assertEquals("--partitions: expected a whole number from 1 to 100000000, got x",
        assertThrows(IllegalArgumentException.class, () -> Sizing.parse(new String[] {"--partitions", "x"})).getMessage());
    assertEquals("--replication 4 exceeds --brokers 3",
        assertThrows(IllegalArgumentException.class, () -> Sizing.parse(new String[] {"--replication", "4"})).getMessage());
    assertEquals("--groups needs a value", assertThrows(IllegalArgumentException.class, () -> Sizing.parse(new String[] {"--groups"}))
        .getMessage());
  }
}
