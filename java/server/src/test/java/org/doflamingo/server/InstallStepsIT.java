package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.junit.jupiter.api.Test;

/**
 * README's "Installing into Flamingo 2", step by step, against the stand-in host in Flamingo's
 * mode on a private MariaDB (Flamingo's database prepared as its installation leaves it: the menu
 * table and Quartz's tables): the three jars copied into a lib folder that the host's JVM loads
 * (its WEB-INF/lib), the configuration named by -Ddoflamingo.config, menu.sql piped from the module
 * jar through the mysql client (a latin1 client, to show SET NAMES keeps the Korean names), the
 * start, and the check with Flamingo's form login and a cookie jar (curl -c/-b), watching a real
 * ZooKeeper and Kafka broker. The collection job's rows are in Quartz's JDBC job store.
 */
class InstallStepsIT {
  private static final String USER = "admin";
  private static final String PASSWORD = "install-steps-secret";
  private static final String DB_PASSWORD = "flamingo-db-secret";

  @Test
  void theReadmeStepsAsWritten() throws Exception {
    Path base = Paths.get("target", "it", "install").toAbsolutePath();
    PrivateMariaDb db = PrivateMariaDb.shared();
    db.createFlamingoDatabase("flamingo2", "flamingo", DB_PASSWORD);

    try (ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(base, 1); KafkaCluster kafka = KafkaCluster.start(base, zk, 1)) {
      // 2. all three jars into WEB-INF/lib
      Path lib = base.resolve("WEB-INF/lib");
      WebInfLib.copyInto(lib, WebInfLib.doflamingo());
      List<Path> webInfLib;
      try (Stream<Path> jars = Files.list(lib)) {
        webInfLib = jars.sorted().collect(Collectors.toList());
      }
      assertEquals(3, webInfLib.size(), String.valueOf(webInfLib));
      // 3. the configuration
      Path storage = Files.createDirectories(base.resolve("storage"));
      Path config = base.resolve("doflamingo.json");
      Files.write(config, MonitorJson.of(storage, 2, "it", zk, kafka, List.of()).getBytes(StandardCharsets.UTF_8));
      // 4. the menu rows, as README pipes them
      Path moduleJar = lib.resolve(WebInfLib.moduleJar().getFileName());
      assertEquals(0, shell("unzip -p '" + moduleJar + "' META-INF/doflamingo/menu.sql | mysql --default-character-set=latin1"
          + " -h 127.0.0.1 -P " + db.port() + " -u flamingo -p'" + DB_PASSWORD + "' flamingo2", base), "menu.sql through mysql");
      assertEquals("카프카", db.rootSql("SELECT MENU_NM FROM flamingo2.FL_COMM_MENU WHERE MENU_ID = 'MN001101'").trim(),
          "the Korean name stored as it is, from a latin1 client");

      // 5. start
      String web = new ObjectMapper().createObjectNode().set("users", new ObjectMapper().createArrayNode()
          .add(new ObjectMapper().createObjectNode().put("user", USER).put("password", PASSWORD))).toString();
      List<Path> classPath = WebInfLib.concat(WebInfLib.host(), webInfLib);
      try (ChildHost host = ChildHost.startLikeFlamingo(base.resolve("host"), classPath, config, web,
          db.jdbcUrl("flamingo2"), "flamingo", DB_PASSWORD)) {
        String log = host.log();
        assertTrue(log.contains("Doflamingo watching 4 targets from " + config), log);
        assertTrue(log.contains("Doflamingo's collection job scheduled on quartzJobScheduler every 500 ms"), log);
        assertTrue(db.rootSql("SELECT JOB_NAME, JOB_GROUP FROM flamingo2.QRTZ_JOB_DETAILS").contains("collect\tdoflamingo"),
            "the job is in Quartz's JDBC job store");

        // 6. the check: form login with a cookie jar, then the targets
        Path cookies = base.resolve("cookies.txt");
        Files.deleteIfExists(cookies);
        String url = host.uri("/").toString().replaceAll("/$", "");
        assertEquals(0, shell("curl -s -c '" + cookies + "' -o /dev/null -d 'username=" + USER + "' -d 'password=" + PASSWORD
            + "' '" + url + "/j_spring_security_check'", base));
        JsonNode targets = null;
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); System.nanoTime() < end; Thread.sleep(1000)) {
          targets = new ObjectMapper().readTree(output("curl -s -b '" + cookies + "' '" + url + "/monitoring/kafka/targets'", base));
          if (targets.get("success").asBoolean() && targets.get("total").asInt() == 2
              && targets.toString().split("\"state\":\"UP\"").length == 3) break;
        }
        assertTrue(targets.toString().split("\"state\":\"UP\"").length == 3, "every Kafka target UP: " + targets);
        String raw = output("curl -s -b '" + cookies + "' '" + url + "/monitoring/kafka/targets'", base);
        assertTrue(raw.startsWith("{\n  \"success\" : true,"), "indented as Flamingo's converter writes: " + raw);

        // no HTTP Basic in Flamingo's host, and no access without the cookie
        assertEquals("401", output("curl -s -o /dev/null -w '%{http_code}' -u " + USER + ":" + PASSWORD + " '" + url
            + "/monitoring/kafka/targets'", base));
        JsonNode xhr = new ObjectMapper().readTree(output("curl -s -H 'X-Requested-With: XMLHttpRequest' '" + url
            + "/monitoring/kafka/targets'", base));
        assertEquals("401", xhr.get("error").get("code").asText(), "Ext JS's XHR without a login gets the envelope: " + xhr);
        JsonNode menu = new ObjectMapper().readTree(output("curl -s -b '" + cookies + "' '" + url + "/menu'", base));
        assertTrue(menu.toString().contains("\"MENU_NM\":\"카프카\""), "the menu as Flamingo reads it: " + menu);
      }
    }
  }

  private static int shell(String command, Path dir) throws Exception {
    int exit = PrivateMariaDb.shell(command, dir.resolve("shell.log"));
    if (exit != 0) System.out.println(command.replace(DB_PASSWORD, "***") + ": " + Files.readString(dir.resolve("shell.log")));
    return exit;
  }

  private static String output(String command, Path dir) throws Exception {
    Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
    return out;
  }
}
