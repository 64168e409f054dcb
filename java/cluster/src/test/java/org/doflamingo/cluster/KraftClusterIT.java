package org.doflamingo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.QuorumInfo;
import org.junit.jupiter.api.Test;

/** Kafka 4.x in KRaft mode with three dedicated controllers and two brokers. */
class KraftClusterIT {

  @Test
  void dedicatedControllersFormAQuorumThatSurvivesItsLeader() throws Exception {
    try (KraftCluster kraft = KraftCluster.start(Paths.get("target", "it", "kraft4"), 3, 2)) {
      assertEquals(new TreeSet<>(java.util.Arrays.asList(101, 102)), kraft.registeredBrokerIds());
      QuorumInfo quorum = kraft.quorum();
      Set<Integer> voters = new TreeSet<>();
      for (QuorumInfo.ReplicaState v : quorum.voters()) voters.add(v.replicaId());
      Set<Integer> observers = new TreeSet<>();
      for (QuorumInfo.ReplicaState o : quorum.observers()) observers.add(o.replicaId());
      assertEquals(new TreeSet<>(java.util.Arrays.asList(1, 2, 3)), voters);
      assertEquals(new TreeSet<>(java.util.Arrays.asList(101, 102)), observers);

      List<String> sent = TestKafka.values("kraft4", 20);
      TestKafka.produce(kraft.bootstrapServers(), "kraft4-topic", sent); // auto-created
      assertEquals(new HashSet<>(sent),
          new HashSet<>(TestKafka.consume(kraft.bootstrapServers(), "kraft4-topic", 20, Duration.ofSeconds(60))));

      // The controllers' own MBeans: exactly one active controller, and it is the raft leader.
      int active = 0;
      for (KraftNode c : kraft.controllers()) {
        active += ((Number) Jmx.read(c.host(), c.jmxPort(),
            "kafka.controller:type=KafkaController,name=ActiveControllerCount", "Value")).intValue();
        assertEquals(quorum.leaderId(), ((Number) Jmx.read(c.host(), c.jmxPort(), "kafka.server:type=raft-metrics",
            "current-leader")).intValue(), c + " names the leader");
      }
      assertEquals(1, active);

      KraftNode leader = kraft.node(quorum.leaderId());
      leader.kill();
      Await.until("a new quorum leader", Duration.ofSeconds(60), () -> {
        int now = kraft.quorum().leaderId();
        return now >= 0 && now != leader.id();
      });
      assertNotEquals(leader.id(), kraft.quorum().leaderId());
      leader.restart(); // back as a voter that caught up
      assertTrue(leader.isAlive());
    }
  }
}
