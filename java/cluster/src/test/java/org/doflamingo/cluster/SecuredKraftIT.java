package org.doflamingo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import org.doflamingo.cluster.security.SecuredListeners;
import org.doflamingo.cluster.security.TestPki;
import org.junit.jupiter.api.Test;

/**
 * The secured listeners on a KRaft node (broker and controller at once) as on a ZooKeeper-mode
 * broker: records produced and consumed over SASL_SSL with SCRAM-SHA-512 (credentials stored in
 * the KRaft metadata) and over mutual TLS.
 */
class SecuredKraftIT {
  private static final String USER = "client";

  @Test
  void saslSslAndMutualTlsOnAKraftNode() throws Exception {
    Path base = Paths.get("target", "it", "kraft-secured").toAbsolutePath();
    TestPki pki = TestPki.create(base.resolve("pki"));
    String password = pki.password(); // generated for this run
    try (KafkaCluster kraft = KafkaCluster.startKraft(base,
        BrokerSettings.TEST.withListeners(SecuredListeners.standard(pki, null, USER, password)))) {
      kraft.createScramUser(USER, "SCRAM-SHA-512", password);
      Properties scram = tls(pki, kraft.bootstrapServers(SecuredListeners.SASL_SSL));
      scram.put("security.protocol", "SASL_SSL");
      scram.put("sasl.mechanism", "SCRAM-SHA-512");
      scram.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER
          + "\" password=\"" + password + "\";");
      List<String> sent = TestKafka.values("scram", 10);
      TestKafka.produce(scram, "kraft-scram", sent);
      assertEquals(new HashSet<>(sent), new HashSet<>(TestKafka.consume(scram, "kraft-scram", 10, Duration.ofSeconds(60))));

      Properties mtls = tls(pki, kraft.bootstrapServers(SecuredListeners.MTLS));
      mtls.put("security.protocol", "SSL");
      mtls.put("ssl.keystore.location", pki.clientKeyStore().toString());
      mtls.put("ssl.keystore.type", "PKCS12");
      mtls.put("ssl.keystore.password", password);
      List<String> more = TestKafka.values("mtls", 10);
      TestKafka.produce(mtls, "kraft-mtls", more);
      assertEquals(new HashSet<>(more), new HashSet<>(TestKafka.consume(mtls, "kraft-mtls", 10, Duration.ofSeconds(60))));
    }
  }

  private static Properties tls(TestPki pki, String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("ssl.truststore.location", pki.trustStore().toString());
    p.put("ssl.truststore.type", "PKCS12");
    p.put("ssl.truststore.password", pki.password());
    return p;
  }
}
