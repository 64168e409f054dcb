package org.doflamingo.collect.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.doflamingo.cluster.ZooKeeperServer;
import org.doflamingo.cluster.security.SecuredZooKeeper;
import org.doflamingo.collect.FakeServers;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.config.ZooKeeperEnsembleConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * mntr from a real ZooKeeper (3.8, standalone) that requires a SASL DIGEST-MD5 login of every
 * client session ({@code enforce.auth.enabled}): first that it is so configured (ZooKeeper's own
 * command-line client reads a znode with the login and is refused without), then that mntr, over
 * the four-letter word on the same client port and over the AdminServer, needs no login at all:
 * four-letter words are answered before any session exists, so the collector has no SASL
 * settings to give and none are asked of an operator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SaslZooKeeperIT {
  private static final String USER = "monitor";
  private final Path base = Paths.get("target", "it", "zk-sasl").toAbsolutePath();
  private final String password = UUID.randomUUID().toString();
  private ZooKeeperEnsemble zk;
  private ZooKeeperServer server;

  @BeforeAll
  void start() {
    zk = ZooKeeperEnsemble.start(base, 1, Duration.ofSeconds(90), false, SecuredZooKeeper.sasl(USER, password));
    server = zk.servers().get(0);
  }

  @AfterAll
  void stop() {
    if (zk != null) zk.close();
  }

  @Test
  void sessionsMustLogInButMntrNeedsNoLogin() throws Exception {
    String created = server.cli(SecuredZooKeeper.clientJvmOptions(base, USER, password), "create", "/doflamingo-sasl", "written-with-a-login");
    String read = server.cli(SecuredZooKeeper.clientJvmOptions(base, USER, password), "get", "/doflamingo-sasl");
    assertTrue(read.contains("written-with-a-login"), "the client that logged in reads the znode:\n" + created + "\n" + read);
    String refused = server.cli(Collections.<String>emptyList(), "get", "/doflamingo-sasl");
    assertFalse(refused.contains("written-with-a-login"), "a client without a login must be refused:\n" + refused);
    assertTrue(refused.contains("failed to authenticate"), "ZooKeeper closes the session of a client that did not log in:\n" + refused);

    ZooKeeperCollector c = collector();
    for (ZooKeeperCollector.Source source : ZooKeeperCollector.Source.values()) {
      Map<String, Double> v = c.read(source);
      assertEquals(0.0, v.get("zookeeper.server_state"), source + " " + v);
      assertTrue(v.get("zookeeper.znode_count") > 0, source + " " + v);
    }
  }

  private ZooKeeperCollector collector() throws Exception {
    ZooKeeperEnsembleConfig config = FakeServers.config("\"zookeeper\": [{\"name\": \"zk-sasl\", \"servers\": [{\"host\": \""
        + server.host() + "\", \"clientPort\": " + server.clientPort() + ", \"adminPort\": " + server.adminPort() + "}]}]").zookeeper.get(0);
    return new ZooKeeperCollector(config, config.servers.get(0), MetricCatalogue.load());
  }
}
