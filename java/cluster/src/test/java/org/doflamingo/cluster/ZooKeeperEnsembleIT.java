package org.doflamingo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class ZooKeeperEnsembleIT {

  @Test
  void electsLeaderAnswersMntrAndFailsOver() throws Exception {
    try (ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(Paths.get("target", "it", "zookeeper"), 3)) {
      ZooKeeperServer leader = zk.leader();
      assertNotNull(leader, "no leader: " + zk);
      int followers = 0;
      for (ZooKeeperServer s : zk.servers()) {
        if ("follower".equals(s.mode())) {
          followers++;
        }
      }
      assertEquals(2, followers, zk.toString());

      assertEquals("imok", leader.fourLetterWord("ruok"));
      String mntr = leader.fourLetterWord("mntr");
      assertTrue(mntr.contains("zk_server_state\tleader"), mntr);
      assertTrue(mntr.contains("zk_synced_followers\t2"), mntr);

      // AdminServer over HTTP, JMX over RMI
      try (InputStream in = new URL("http://127.0.0.1:" + leader.adminPort() + "/commands/mntr").openStream()) {
        String json = new String(ApacheRuntime.readAll(in), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"server_state\" : \"leader\""), json);
      }
      Object uptime = Jmx.read("127.0.0.1", leader.jmxPort(), "java.lang:type=Runtime", "Uptime");
      assertTrue(((Long) uptime) > 0);

      leader.kill();
      ZooKeeperServer newLeader = zk.awaitNewLeader(leader, Duration.ofSeconds(60));
      assertNotSame(leader, newLeader);
      assertEquals("leader", newLeader.mode());

      leader.restart();
      zk.awaitQuorum(Duration.ofSeconds(60));
      assertEquals("follower", leader.mode(), zk.toString());
    }
  }
}
