package org.doflamingo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class KraftIT {

  @Test
  void combinedBrokerControllerStartsAndTakesProduce() throws Exception {
    try (KafkaCluster kraft = KafkaCluster.startKraft(Paths.get("target", "it", "kraft"))) {
      assertTrue(kraft.isKraft());
      assertEquals(1, kraft.registeredBrokerIds().size());
      List<String> sent = TestKafka.values("kraft", 20);
      TestKafka.produce(kraft.bootstrapServers(), "kraft-topic", sent); // auto-created
      List<String> got = TestKafka.consume(kraft.bootstrapServers(), "kraft-topic", 20, Duration.ofSeconds(60));
      assertEquals(new HashSet<>(sent), new HashSet<>(got));
      KafkaBroker node = kraft.broker(1);
      Object controllers = Jmx.read(node.host(), node.jmxPort(),
          "kafka.controller:type=KafkaController,name=ActiveControllerCount", "Value");
      assertEquals(1, ((Number) controllers).intValue());
    }
  }
}
