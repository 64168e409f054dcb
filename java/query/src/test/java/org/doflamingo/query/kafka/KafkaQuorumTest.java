package org.doflamingo.query.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.doflamingo.query.Reads;
import org.doflamingo.query.TestReads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quorum rows from the Admin collector's quorum series: voters then observers, the leader marked, health from the rules. */
class KafkaQuorumTest {
  @TempDir
  Path dir;

  private static SeriesKey key(String metric, String... labels) {
    String[] kv = new String[labels.length + 2];
    kv[0] = "cluster";
    kv[1] = "k4";
    System.arraycopy(labels, 0, kv, 2, labels.length);
    return SeriesKey.of(metric, kv);
  }

  @Test
  void votersThenObserversWithTheLeaderMarkedAndALaggingVoterRed() throws Exception {
    String watched = "\"kafka\": [{\"name\": \"k4\", \"brokers\": [{\"id\": 101, \"host\": \"127.0.0.1\", \"jmxPort\": 1}],"
        + " \"controllers\": [{\"id\": 1, \"host\": \"127.0.0.1\", \"jmxPort\": 2}, {\"id\": 2, \"host\": \"127.0.0.1\", \"jmxPort\": 3}]},"
        + " {\"name\": \"zk-mode\", \"brokers\": [{\"id\": 1, \"host\": \"127.0.0.1\", \"jmxPort\": 4}]}]";
    try (Monitor m = TestReads.open(TestReads.config(dir, watched))) {
      long now = (System.currentTimeMillis() / m.engine().baseStepMs() - 1) * m.engine().baseStepMs();
      TestReads.write(m, now, SeriesKind.GAUGE, key(MetricNames.QUORUM_LEADER), 2, key(MetricNames.QUORUM_EPOCH), 5,
          key(MetricNames.QUORUM_HIGH_WATERMARK), 50_000, key(MetricNames.QUORUM_VOTERS), 2,
          key(MetricNames.QUORUM_VOTER_LAG, "controller", "2"), 0, key(MetricNames.QUORUM_VOTER_LOG_END, "controller", "2"), 50_000,
          key(MetricNames.QUORUM_VOTER_CAUGHT_UP_AGE, "controller", "2"), 0,
          key(MetricNames.QUORUM_VOTER_LAG, "controller", "1"), 20_000, key(MetricNames.QUORUM_VOTER_CAUGHT_UP_AGE, "controller", "1"), 90_000,
          key(MetricNames.QUORUM_OBSERVER_LAG, "broker", "101"), 3, key(MetricNames.QUORUM_OBSERVER_CAUGHT_UP_AGE, "broker", "101"), 100);
      List<QuorumRow> rows = new Reads(m).quorum().quorum(null);
      assertEquals(1, rows.size(), "the ZooKeeper-mode cluster has no quorum row");
      QuorumRow q = rows.get(0);
      assertEquals("k4", q.cluster);
      assertEquals(Integer.valueOf(2), q.leader);
      assertEquals(Long.valueOf(5), q.epoch);
      assertEquals(Long.valueOf(50_000), q.highWatermark);
      assertEquals(3, q.members.size());
      QuorumMemberRow c1 = q.members.get(0);
      QuorumMemberRow c2 = q.members.get(1);
      QuorumMemberRow b = q.members.get(2);
      assertEquals("voter 1", c1.role + " " + c1.id);
      assertEquals("voter 2", c2.role + " " + c2.id);
      assertEquals("observer 101", b.role + " " + b.id);
      assertFalse(c1.leader);
      assertTrue(c2.leader);
      assertEquals(Long.valueOf(20_000), c1.lag);
      assertEquals(Health.RED, c1.health, "20,000 records and 90 s behind");
      assertEquals(Health.GREEN, c2.health);
      assertNull(b.logEndOffset, "not written: not current");
      assertEquals("UNKNOWN", c1.targetState, "the controller's JMX target, never read here");
      assertEquals("UNKNOWN", b.targetState, "the broker's");
    }
  }
}
