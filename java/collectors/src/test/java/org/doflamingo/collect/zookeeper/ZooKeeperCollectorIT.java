package org.doflamingo.collect.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.doflamingo.cluster.ZooKeeperServer;
import org.doflamingo.collect.EngineScrape;
import org.doflamingo.collect.FakeServers;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.config.ZooKeeperEnsembleConfig;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.SeriesData;
import org.doflamingo.engine.SeriesKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The collector against a real ensemble of 3 (the harness's ZooKeeper 3.8, 4lw whitelist *, AdminServer on). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooKeeperCollectorIT {
  private final Path base = Paths.get("target", "it", "zk-collector");
  private ZooKeeperEnsemble zk;
  private ZooKeeperEnsembleConfig config;

  @BeforeAll
  void start() throws Exception {
    zk = ZooKeeperEnsemble.start(base, 3);
    zk.awaitQuorum(Duration.ofSeconds(60));
    StringBuilder servers = new StringBuilder();
    for (ZooKeeperServer s : zk.servers()) {
      if (servers.length() > 0) servers.append(',');
      servers.append("{\"host\": \"").append(s.host()).append("\", \"clientPort\": ").append(s.clientPort())
          .append(", \"adminPort\": ").append(s.adminPort()).append('}');
    }
    config = FakeServers.config("\"zookeeper\": [{\"name\": \"zk-it\", \"servers\": [" + servers + "]}]").zookeeper.get(0);
  }

  @AfterAll
  void stop() {
    if (zk != null) zk.close();
  }

  private ZooKeeperEnsembleConfig.Server configOf(ZooKeeperServer s) {
    for (ZooKeeperEnsembleConfig.Server c : config.servers) if (c.clientPort == s.clientPort()) return c;
    throw new AssertionError("no configured server for " + s);
  }

  @Test
  void theLeaderAndItsFollowersReadTheSameOverBothSources() throws Exception {
    ZooKeeperServer leader = zk.leader();
    assertNotNull(leader);
    ZooKeeperCollector c = new ZooKeeperCollector(config, configOf(leader), MetricCatalogue.load());
    for (ZooKeeperCollector.Source source : ZooKeeperCollector.Source.values()) {
      Map<String, Double> v = c.read(source);
      assertEquals(2.0, v.get("zookeeper.server_state"), source + " " + v);
      assertEquals(2.0, v.get("zookeeper.followers"), source + " " + v);
      assertTrue(v.get("zookeeper.znode_count") > 0, source + " " + v);
      assertTrue(v.containsKey("zookeeper.packets_received"), source + " " + v);
      assertTrue(v.containsKey("zookeeper.avg_latency"), source + " " + v);
    }
    for (ZooKeeperServer s : zk.servers()) {
      if (s == leader) continue;
      ZooKeeperCollector f = new ZooKeeperCollector(config, configOf(s), MetricCatalogue.load());
      assertEquals(1.0, f.read(ZooKeeperCollector.Source.FOUR_LETTER_WORD).get("zookeeper.server_state"));
      assertEquals(1.0, f.read(ZooKeeperCollector.Source.ADMIN_SERVER).get("zookeeper.server_state"));
    }
  }

  @Test
  void everyServerGoesIntoARealEngineAndIsQueriedBack() throws Exception {
    Files.createDirectories(Paths.get("target/test-data"));
    long t = System.currentTimeMillis() / 2000 * 2000 - 60_000;
    try (Engine engine = Engine.open(EngineConfig.at(Files.createTempDirectory(Paths.get("target/test-data"), "zk-")))) {
      EngineScrape.Ids ids = new EngineScrape.Ids(engine);
      MetricCatalogue catalogue = MetricCatalogue.load();
      EngineScrape scrape = new EngineScrape(engine, ids, t);
      for (ZooKeeperEnsembleConfig.Server s : config.servers) {
        new ZooKeeperCollector(config, s, catalogue).collect(scrape);
      }
      int n = scrape.size();
      assertTrue(n >= 3 * 12, "values: " + n);
      org.doflamingo.engine.IngestResult r = scrape.commit();
      // the two counters (packets) of each server have no rate yet at their first reading
      assertEquals(n, r.accepted + r.firstCounterReadings);
      assertEquals(3 * 2, r.firstCounterReadings);

      String leader = zk.leader().host() + ":" + zk.leader().clientPort();
      int[] found = engine.select("zookeeper.server_state", Collections.singletonMap("server", leader));
      assertEquals(1, found.length);
      assertEquals(SeriesKey.of("zookeeper.server_state", "ensemble", "zk-it", "server", leader), engine.key(found[0]));
      SeriesData d = engine.query(found[0], t, t + 2000, 2000);
      assertEquals(2.0, d.valueAt(t));
      int[] all = engine.select("zookeeper.server_state", Collections.singletonMap("ensemble", "zk-it"));
      assertEquals(3, all.length);
      double sum = 0;
      for (int id : all) sum += engine.query(id, t, t + 2000, 2000).valueAt(t);
      assertEquals(4.0, sum, "one leader (2), two followers (1)");
      int[] znodes = engine.select("zookeeper.znode_count", Collections.singletonMap("server", leader));
      assertTrue(engine.query(znodes[0], t, t + 2000, 2000).valueAt(t) > 0);
    }
  }
}
