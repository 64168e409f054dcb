package org.doflamingo.collect.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.doflamingo.cluster.ZooKeeperServer;
import org.doflamingo.cluster.security.SecuredZooKeeper;
import org.doflamingo.cluster.security.TestPki;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.FakeServers;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.config.ZooKeeperEnsembleConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * mntr from a real ZooKeeper (3.8, standalone) that takes clients over TLS: the four-letter word on
 * its secure client port (client certificate required) and the AdminServer over HTTPS only, with
 * the ensemble's own stores; and what an operator sees when the trust or the client certificate
 * is wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredZooKeeperIT {
  private final Path base = Paths.get("target", "it", "zk-secured").toAbsolutePath();
  private TestPki pki;
  private ZooKeeperEnsemble zk;
  private ZooKeeperServer server;

  @BeforeAll
  void start() {
    pki = TestPki.create(base.resolve("pki"));
    zk = ZooKeeperEnsemble.start(base, 1, Duration.ofSeconds(90), false, SecuredZooKeeper.of(pki));
    server = zk.servers().get(0);
  }

  @AfterAll
  void stop() {
    if (zk != null) zk.close();
  }

  @Test
  void mntrOverTheSecureClientPortAndHttps() throws Exception {
    ZooKeeperCollector c = collector(store(pki.trustStore()), true);
    for (ZooKeeperCollector.Source source : ZooKeeperCollector.Source.values()) {
      Map<String, Double> v = c.read(source);
      assertEquals(0.0, v.get("zookeeper.server_state"), source + " " + v);
      assertTrue(v.get("zookeeper.znode_count") > 0, source + " " + v);
    }
  }

  @Test
  void anUntrustedServerCertificateIsNamed() throws Exception {
    ZooKeeperCollector c = collector(store(pki.untrustedTrustStore()), true);
    String tlw = assertThrows(CollectException.class, () -> c.read(ZooKeeperCollector.Source.FOUR_LETTER_WORD)).getMessage();
    assertTrue(tlw.startsWith("zookeeper zk-tls server " + server.host() + ":" + server.clientPort() + ": four-letter word 'mntr' on"
        + " secure client port " + server.secureClientPort()), tlw);
    assertTrue(tlw.contains("PKIX"), tlw);
    String admin = assertThrows(CollectException.class, () -> c.read(ZooKeeperCollector.Source.ADMIN_SERVER)).getMessage();
    assertTrue(admin.contains("https://") && admin.contains("PKIX"), admin);
    assertFalse(tlw.contains("\n") || admin.contains("\n"), tlw + " / " + admin);
  }

  @Test
  void theSecurePortRefusesAClientWithoutCertificate() throws Exception {
    ZooKeeperCollector c = collector(store(pki.trustStore()), false);
    String e = assertThrows(CollectException.class, () -> c.read(ZooKeeperCollector.Source.FOUR_LETTER_WORD)).getMessage();
    assertTrue(e.contains("secure client port " + server.secureClientPort()), e);
    // the AdminServer does not ask for one
    assertEquals(0.0, c.read(ZooKeeperCollector.Source.ADMIN_SERVER).get("zookeeper.server_state"));
  }

  private String store(Path p) {
    return "{\"path\": " + MonitorJson.string(p.toString()) + ", \"passwordFile\": " + MonitorJson.string(pki.passwordFile().toString()) + "}";
  }

  private ZooKeeperCollector collector(String trustStore, boolean clientCertificate) throws Exception {
    String tls = "\"tls\": {\"trustStore\": " + trustStore
        + (clientCertificate ? ", \"keyStore\": " + store(pki.clientKeyStore()) : "") + "}";
    ZooKeeperEnsembleConfig config = FakeServers.config("\"zookeeper\": [{\"name\": \"zk-tls\", \"adminHttps\": true, " + tls
        + ", \"servers\": [{\"host\": \"" + server.host() + "\", \"clientPort\": " + server.clientPort() + ", \"secureClientPort\": "
        + server.secureClientPort() + ", \"adminPort\": " + server.adminPort() + "}]}]").zookeeper.get(0);
    return new ZooKeeperCollector(config, config.servers.get(0), MetricCatalogue.load());
  }
}
