package org.doflamingo.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A child outlives no parent: kill -9 the JVM that started a ZooKeeper server, the server goes too. */
class OrphanGuardIT {

  /** Run in a separate JVM: starts a standalone ZooKeeper, prints its client port, sleeps. */
  public static final class Parent {
    public static void main(String[] args) throws Exception {
      ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(Paths.get(args[0]), 1);
      System.out.println("PORT " + zk.server(1).clientPort());
      System.out.flush();
      Thread.sleep(600_000);
    }
  }

  @Test
  void childrenDieWithAParentKilledByKill9() throws Exception {
    Process parent = new ProcessBuilder(Arrays.asList(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-D" + ApacheRuntime.DIR_PROPERTY + "=" + System.getProperty(ApacheRuntime.DIR_PROPERTY, ""),
        Parent.class.getName(),
        Paths.get("target", "it", "orphan").toAbsolutePath().toString()))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      int port = -1;
      BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("PORT ")) {
          port = Integer.parseInt(line.substring(5).trim());
          break;
        }
      }
      assertTrue(port > 0, "the parent did not report a ZooKeeper port");
      final int zkPort = port;
      assertTrue(Ports.accepts(zkPort));

      parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
      assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
      Await.until("the orphaned ZooKeeper server to halt", Duration.ofSeconds(20), () -> !Ports.accepts(zkPort));
    } finally {
      parent.destroyForcibly();
    }
  }
}
