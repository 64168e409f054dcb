package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.doflamingo.cluster.DemoTraffic;
import org.doflamingo.cluster.FlumeAgent;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.junit.jupiter.api.Test;

/**
 * The pages in a real browser: the standalone server with the module and the pages' jar, watching
 * one ZooKeeper, one Kafka broker and a Flume agent with traffic, driven by
 * {@code webapp/test/pages.test.mjs} (playwright-core and Debian's chromium, installed by
 * {@code webapp/test/install-chromium.sh} when missing). A consumer group named with markup is
 * created first, so the test can see it rendered as text, and a group that is deleted once listed,
 * so the test can see it leave the list. Then {@code webapp/test/flamingo-socket.test.mjs}
 * opens a page inside the stand-in Flamingo main page ({@code flamingo-shell.html}, test resources)
 * and shows Flamingo's one connection and its per-user messages surviving the page and a reconnect.
 */
class PagesIT {
  private static final String MARKUP_GROUP = "<script>alert(1)</script>";
  /** A group the cluster had and no longer has: the browser test sees it leave the list. */
  private static final String DELETED_GROUP = "deleted-group";
  private static final Path ROOT = Paths.get("").toAbsolutePath().getParent().getParent();

  @Test
  void thePagesWorkInABrowser() throws Exception {
    assertEquals(0, run(Duration.ofMinutes(10), ROOT.resolve("webapp/test/install-chromium.sh").toString()), "chromium installed");
    Path base = Paths.get("target", "it", "pages");
    try (ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(base, 1);
        KafkaCluster kafka = KafkaCluster.start(base, zk, 1);
        FlumeAgent flume = FlumeAgent.startKafkaFlow(base.resolve("flume"), kafka.bootstrapServers(), "flume-events");
        DemoTraffic traffic = DemoTraffic.start(kafka, flume, new DemoTraffic.Options().steadyRate(50).consumerCap(100)
            .steadyPeriod(Duration.ofMinutes(30)).flumeRate(5))) {
      commitAsGroup(kafka, MARKUP_GROUP);
      commitAsGroup(kafka, DELETED_GROUP);
      Path storage = Files.createTempDirectory(Files.createDirectories(base), "storage-");
      Path config = storage.resolve("doflamingo.json");
      Files.write(config, MonitorJson.of(storage, 2, "it", zk, kafka, List.of(flume)).getBytes(StandardCharsets.UTF_8));
      System.setProperty("doflamingo.config", config.toString());
      try (StandInHost host = StandInHost.open()) {
        awaitGroup(host, MARKUP_GROUP, Duration.ofSeconds(60));
        awaitGroup(host, DELETED_GROUP, Duration.ofSeconds(60));
        deleteGroup(kafka, DELETED_GROUP);
        int exit = run(Duration.ofSeconds(300), "node", ROOT.resolve("webapp/test/pages.test.mjs").toString(),
            host.uri("/").toString(), MARKUP_GROUP, DELETED_GROUP);
        assertEquals(0, exit, "pages.test.mjs checks (its output is above)");
        exit = run(Duration.ofSeconds(120), "node", ROOT.resolve("webapp/test/flamingo-socket.test.mjs").toString(),
            host.uri("/").toString());
        assertEquals(0, exit, "flamingo-socket.test.mjs checks: the pages inside Flamingo keep its one connection (output above)");
      } finally {
        System.clearProperty("doflamingo.config");
      }
    }
  }

  /** A consumer group exists once it commits: offset 0 of the demo's first partition. */
  private static void commitAsGroup(KafkaCluster kafka, String group) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      admin.alterConsumerGroupOffsets(group, Collections.singletonMap(
          new TopicPartition(DemoTraffic.FAST_MESSAGES, 0), new OffsetAndMetadata(0))).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static void deleteGroup(KafkaCluster kafka, String group) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      admin.deleteConsumerGroups(Collections.singleton(group)).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static void awaitGroup(StandInHost host, String group, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    String filter = group.equals(MARKUP_GROUP) ? "alert" : group;
    String shown = group.equals(MARKUP_GROUP) ? "alert(1)" : "\"" + group + "\"";
    String last = null;
    while (System.nanoTime() < end) {
      last = host.get("/monitoring/kafka/lag?filter=" + filter).body();
      if (last.contains(shown)) return;
      Thread.sleep(500);
    }
    throw new AssertionError("the group " + group + " never reached /monitoring/kafka/lag: " + last);
  }

  /**
   * Runs a command, its output copied line by line to this test's (the fork's own stdout is
   * surefire's channel, so it is not inherited), killing it past the timeout.
   */
  private static int run(Duration timeout, String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread copy = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) System.out.println(line);
      } catch (IOException e) {
        System.out.println("(output lost: " + e + ")");
      }
    }, "pages-it-output");
    copy.setDaemon(true);
    copy.start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
    }
    copy.join(5000);
    return p.exitValue();
  }
}
