package org.doflamingo.collect.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.FakeServers.RawServer;
import org.doflamingo.collect.FakeServers.Recorded;
import org.doflamingo.collect.FakeServers;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.config.ZooKeeperEnsembleConfig;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;

class ZooKeeperCollectorTest {
  static final MetricCatalogue CATALOGUE = MetricCatalogue.load();
  static final String MNTR = "zk_version\t3.8.4-9316c2a7a97e1666d8f4593f34dd6fc36ecc436c, built on 2024-02-12 22:16 UTC\n"
      + "zk_server_state\tleader\n"
      + "zk_avg_latency\t0.4\n"
      + "zk_max_latency\t12\n"
      + "zk_outstanding_requests\t0\n"
      + "zk_packets_received\t1234\n"
      + "zk_packets_sent\t1240\n"
      + "zk_num_alive_connections\t3\n"
      + "zk_znode_count\t27\n"
      + "zk_watch_count\t4\n"
      + "zk_ephemerals_count\t2\n"
      + "zk_approximate_data_size\t2048\n"
      + "zk_open_file_descriptor_count\t120\n"
      + "zk_learners\t2\n"
      + "zk_synced_followers\t2\n"
      + "zk_peer_state\tleading - broadcast\n";

  static ZooKeeperCollector collector(int clientPort, int adminPort, int timeoutMs) throws Exception {
    ZooKeeperEnsembleConfig e = FakeServers.config("\"zookeeper\": [{\"name\": \"zk-test\", \"servers\": [{\"host\": \"127.0.0.1\", "
        + "\"clientPort\": " + clientPort + (adminPort > 0 ? ", \"adminPort\": " + adminPort : "") + "}]}]").zookeeper.get(0);
    return new ZooKeeperCollector(e, e.servers.get(0), CATALOGUE, timeoutMs, timeoutMs);
  }

  static RawServer answering(String text) throws Exception {
    return new RawServer(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void mntrOverTheFourLetterWordBecomesCatalogueSeries() throws Exception {
    try (RawServer zk = answering(MNTR)) {
      Recorded r = new Recorded();
      ZooKeeperCollector c = collector(zk.port(), 0, 2000);
      assertEquals(ZooKeeperCollector.Source.FOUR_LETTER_WORD, c.collect(r));
      String server = "127.0.0.1:" + zk.port();
      assertEquals(2.0, r.get("zookeeper.server_state", "server", server).value);
      assertEquals(0.4, r.get("zookeeper.avg_latency", "server", server).value);
      assertEquals(SeriesKind.COUNTER, r.get("zookeeper.packets_received", "server", server).kind);
      assertEquals(1240.0, r.get("zookeeper.packets_sent", "server", server).value);
      assertEquals(SeriesKind.GAUGE, r.get("zookeeper.znode_count", "server", server).kind);
      assertEquals(27.0, r.get("zookeeper.znode_count", "server", server).value);
      assertEquals(2.0, r.get("zookeeper.synced_followers", "server", server).value);
      assertEquals(2.0, r.get("zookeeper.followers", "server", server).value, "zk_learners (3.6+) stands for zk_followers");
      assertEquals("zk-test", r.get("zookeeper.followers", "server", server).key.label("ensemble"));
      assertEquals(14, r.adds.size()); // zk_version and zk_peer_state are not series
    }
  }

  @Test
  void serverStatesAreEncoded() throws Exception {
    for (String[] s : Arrays.asList(new String[] {"leader", "2"}, new String[] {"follower", "1"},
        new String[] {"standalone", "0"}, new String[] {"observer", "3"})) {
      assertEquals(Double.parseDouble(s[1]), ZooKeeperCollector.serverState("t", s[0]));
    }
    assertThrows(CollectException.class, () -> ZooKeeperCollector.serverState("t", "looking-ish"));
  }

  @Test
  void refusedFourLetterWordIsAClearError() throws Exception {
    try (RawServer zk = answering("mntr is not executed because it is not in the whitelist.\n")) {
      Recorded r = new Recorded();
      ZooKeeperCollector c = collector(zk.port(), 0, 2000);
      CollectException e = assertThrows(CollectException.class, () -> c.collect(r));
      assertTrue(e.getMessage().contains("zookeeper zk-test server 127.0.0.1:" + zk.port()), e.getMessage());
      assertTrue(e.getMessage().contains("whitelist"), e.getMessage());
      assertTrue(r.adds.isEmpty());
    }
  }

  @Test
  void garbageIsAClearErrorAndNothingIsStored() throws Exception {
    try (RawServer zk = answering("HTTP/1.1 400 Bad Request\r\n\r\n\u0000\u0001garbage")) {
      Recorded r = new Recorded();
      CollectException e = assertThrows(CollectException.class, () -> collector(zk.port(), 0, 2000).collect(r));
      assertTrue(e.getMessage().contains("not mntr output"), e.getMessage());
      assertTrue(r.adds.isEmpty());
    }
  }

  @Test
  void aNonNumericValueFailsTheWholeReading() throws Exception {
    try (RawServer zk = answering(MNTR.replace("zk_znode_count\t27", "zk_znode_count\tmany"))) {
      Recorded r = new Recorded();
      CollectException e = assertThrows(CollectException.class, () -> collector(zk.port(), 0, 2000).collect(r));
      assertTrue(e.getMessage().contains("znode_count is not a number: \"many\""), e.getMessage());
      assertTrue(r.adds.isEmpty(), "no partial reading");
    }
  }

  @Test
  void aHungServerTimesOut() throws Exception {
    try (RawServer zk = new RawServer(null)) {
      long t0 = System.nanoTime();
      CollectException e = assertThrows(CollectException.class, () -> collector(zk.port(), 0, 300).collect(new Recorded()));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(e.getMessage().contains("timed out"), e.getMessage());
      assertTrue(ms < 2000, "took " + ms + " ms");
    }
  }

  @Test
  void aServerDrippingBytesIsCutOffAtTheReadTimeout() throws Exception {
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
      Thread drip = new Thread(() -> {
        try (java.net.Socket s = server.accept()) {
          for (int i = 0; i < 100; i++) { // 10 s of one byte each 100 ms, each read well inside the timeout
            s.getOutputStream().write("zk_server_state\tleader\n".charAt(i % 23));
            s.getOutputStream().flush();
            Thread.sleep(100);
          }
        } catch (Exception e) {
          // the collector gave up
        }
      }, "dripping-zk");
      drip.setDaemon(true);
      drip.start();
      long t0 = System.nanoTime();
      CollectException e = assertThrows(CollectException.class, () -> collector(server.getLocalPort(), 0, 500).collect(new Recorded()));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(e.getMessage().contains("timed out"), e.getMessage());
      assertTrue(ms < 2000, "took " + ms + " ms");
    }
  }

  @Test
  void failingTargetsLeaveNoThreadBehind() throws Exception {
    try (RawServer hung = new RawServer(null); RawServer garbage = answering("nope")) {
      collector(garbage.port(), 0, 200); // warm up class loading
      int before = Thread.activeCount();
      for (int i = 0; i < 20; i++) {
        assertThrows(CollectException.class, () -> collector(hung.port(), 0, 50).collect(new Recorded()));
        assertThrows(CollectException.class, () -> collector(garbage.port(), 0, 200).collect(new Recorded()));
      }
      assertTrue(Thread.activeCount() <= before, "threads before " + before + ", after " + Thread.activeCount());
    }
  }

  @Test
  void anOversizedAnswerIsRefused() throws Exception {
    StringBuilder big = new StringBuilder(MNTR);
    while (big.length() <= ZooKeeperCollector.MAX_RESPONSE_BYTES) big.append("zk_padding\t0000000000000000000000000000\n");
    try (RawServer zk = answering(big.toString())) {
      CollectException e = assertThrows(CollectException.class, () -> collector(zk.port(), 0, 2000).collect(new Recorded()));
      assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
    }
  }

  @Test
  void aClosedPortIsAClearError() throws Exception {
    int port;
    try (RawServer zk = answering("")) {
      port = zk.port();
    }
    CollectException e = assertThrows(CollectException.class, () -> collector(port, 0, 500).collect(new Recorded()));
    assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
  }

  @Test
  void theAdminServerIsReadAndUsedWhenTheFourLetterWordIsRefused() throws Exception {
    String json = "{\"version\": \"3.8.4\", \"avg_latency\": 0.5, \"max_latency\": 3, \"packets_received\": 10,"
        + " \"packets_sent\": 11, \"num_alive_connections\": 1, \"outstanding_requests\": 0, \"server_state\": \"follower\","
        + " \"znode_count\": 5, \"watch_count\": 0, \"ephemerals_count\": 0, \"approximate_data_size\": 44,"
        + " \"open_file_descriptor_count\": 60, \"command\": \"mntr\", \"error\": null}";
    HttpServer admin = FakeServers.http("/commands/mntr", 200, json, 0);
    try (RawServer zk = answering("mntr is not executed because it is not in the whitelist.\n")) {
      ZooKeeperCollector c = collector(zk.port(), admin.getAddress().getPort(), 2000);
      Recorded r = new Recorded();
      assertEquals(ZooKeeperCollector.Source.ADMIN_SERVER, c.collect(r));
      String server = "127.0.0.1:" + zk.port();
      assertEquals(1.0, r.get("zookeeper.server_state", "server", server).value);
      assertEquals(5.0, r.get("zookeeper.znode_count", "server", server).value);
      assertEquals(0.5, r.get("zookeeper.avg_latency", "server", server).value);
      assertEquals(12, r.adds.size());
    } finally {
      admin.stop(0);
    }
  }

  @Test
  void adminServerGarbageHangAndErrorsAreClear() throws Exception {
    HttpServer html = FakeServers.http("/commands/mntr", 200, "<html>not json</html>", 0);
    HttpServer hung = FakeServers.http("/commands/mntr", 200, "{}", 10_000);
    HttpServer status = FakeServers.http("/commands/mntr", 500, "oops", 0);
    HttpServer nonNumeric = FakeServers.http("/commands/mntr", 200, "{\"server_state\": \"leader\", \"znode_count\": \"lots\"}", 0);
    try {
      assertAdminFails(html, "is not JSON");
      assertAdminFails(hung, "timed out");
      assertAdminFails(status, "HTTP 500");
      assertAdminFails(nonNumeric, "znode_count is not a number");
    } finally {
      for (HttpServer s : Arrays.asList(html, hung, status, nonNumeric)) s.stop(0);
    }
  }

  private static void assertAdminFails(HttpServer admin, String what) throws Exception {
    // 1.5 s: well inside the hung server's 10 s, and enough for a quick answer on a loaded machine
    ZooKeeperCollector c = collector(1, admin.getAddress().getPort(), 1500);
    Recorded r = new Recorded();
    CollectException e = assertThrows(CollectException.class, () -> c.collect(ZooKeeperCollector.Source.ADMIN_SERVER, r));
    assertTrue(e.getMessage().contains(what), e.getMessage());
    assertTrue(e.getMessage().startsWith("zookeeper zk-test server 127.0.0.1:1"), e.getMessage());
    assertTrue(r.adds.isEmpty());
    assertNotNull(c.target());
  }
}
