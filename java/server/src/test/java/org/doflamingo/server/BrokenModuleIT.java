package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Doflamingo that cannot start never harms its host. The stand-in host runs in a JVM of its own
 * with Doflamingo's jars as an operator installs them, one of them broken for real, as it breaks
 * on a machine it does not fit: the engine's native library needing a glibc version the system
 * lacks (its version needs rewritten to GLIBC_9.x, so the dynamic loader refuses it as it refuses a
 * library built on a newer distribution), or an engine class compiled for a newer Java (its class
 * file's major version set to Java 99's). In both the host's own beans (the hosttest controller
 * and its Quartz job) answer, every Doflamingo endpoint answers success:false with the reason, and
 * the reason is logged once. The host runs in Flamingo's mode (form login, Quartz's JDBC job store
 * on a private MariaDB), where a module that throws at start would take the whole context down.
 */
class BrokenModuleIT {
  private static final String NATIVE = "org/doflamingo/engine/native/linux-x86_64/libdoflamingo_jni.so";
  private static final String ENGINE_CONFIG = "org/doflamingo/engine/EngineConfig.class";
  private static final int JAVA_99 = 99 + 44;
  private static final String USER = "admin";
  private static final String PASSWORD = "broken-module-secret";
  private static final String DB_USER = "broken";
  private static final String DB_PASSWORD = "broken-module-db-secret";

  @Test
  void aNativeLibraryTheSystemCannotLoad() throws Exception {
    Path dir = Paths.get("target", "it", "broken-native").toAbsolutePath();
    Path engine = WebInfLib.rewrite(WebInfLib.engineJar(), dir.resolve("lib/doflamingo-engine.jar"), NATIVE,
        BrokenModuleIT::needANewerGlibc);
    PrivateMariaDb db = PrivateMariaDb.shared();
    db.createFlamingoDatabase("flamingo_native", DB_USER, DB_PASSWORD);
    // a Flamingo that was killed while Doflamingo ran: its collection job is left in the JDBC store
    try (ChildHost working = start(dir.resolve("working"), WebInfLib.engineJar(), db, "flamingo_native")) {
      working.kill();
    }
    assertEquals("collect", db.rootSql("SELECT JOB_NAME FROM flamingo_native.QRTZ_JOB_DETAILS WHERE JOB_GROUP = 'doflamingo'").trim());
    String reason = hostSurvives(dir, engine, db, "flamingo_native");
    assertTrue(reason.contains("native library did not load") && reason.contains("GLIBC_9."), reason);
    assertTrue(reason.contains("glibc 2.17 or newer"), "says what to do: " + reason);
  }

  @Test
  void anEngineClassForANewerJava() throws Exception {
    Path dir = Paths.get("target", "it", "broken-class-version").toAbsolutePath();
    Path engine = WebInfLib.rewrite(WebInfLib.engineJar(), dir.resolve("lib/doflamingo-engine.jar"), ENGINE_CONFIG, c -> {
      c[6] = (byte) (JAVA_99 >> 8);
      c[7] = (byte) JAVA_99;
      return c;
    });
    PrivateMariaDb db = PrivateMariaDb.shared();
    db.createFlamingoDatabase("flamingo_class", DB_USER, DB_PASSWORD);
    String reason = hostSurvives(dir, engine, db, "flamingo_class");
    assertTrue(reason.contains("newer Java") && reason.contains("EngineConfig"), reason);
    assertTrue(reason.contains("JDK 8 or newer"), "says what to do: " + reason);
  }

  /** Starts the host with {@code engine} for the engine jar; checks it and returns the reason Doflamingo gives. */
  private static String hostSurvives(Path dir, Path engine, PrivateMariaDb db, String database) throws Exception {
    try (ChildHost host = start(dir, engine, db, database)) {
      host.login(USER, PASSWORD);
      JsonNode hello = host.json("/monitoring/test/hello?clusterName=x");
      assertTrue(hello.get("success").asBoolean(), "the host's own controller: " + hello);
      host.await("/monitoring/test/jobRuns", Duration.ofSeconds(20), r -> r.get("object").asLong() > 2);
      assertTrue(host.json("/menu").toString().contains("\"MENU_ID\":\"MN001\""), "Flamingo's menu answers");
      assertEquals("hosttest", db.rootSql("SELECT JOB_GROUP FROM " + database + ".QRTZ_JOB_DETAILS").trim(),
          "the host's job in the JDBC store, Doflamingo's not (a stale one removed)");

      String reason = null;
      for (String path : List.of("/monitoring/kafka/targets", "/monitoring/zookeeper/health", "/monitoring/flume/flows",
          "/monitoring/kafka/lag", "/monitoring/kafka/brokers", "/monitoring/kafka/retention")) {
        HttpResponse<String> r = host.get(path);
        assertEquals(503, r.statusCode(), path + ": " + r.body());
        JsonNode body = StandInHost.json(r);
        assertFalse(body.get("success").asBoolean(), path + ": " + body);
        assertEquals("NOT_RUNNING", body.get("error").get("code").asText(), path + ": " + body);
        String message = body.get("error").get("message").asText();
        if (reason == null) reason = message;
        assertEquals(reason, message, path + " gives the same reason");
      }
      String log = host.log();
      assertEquals(1, log.split("Doflamingo is not running: ", -1).length - 1, "logged once:\n" + log);
      assertTrue(log.contains("Doflamingo's collection job not scheduled"), log);
      assertTrue(reason.startsWith("Doflamingo is not running: "), reason);
      return reason;
    }
  }

  /** The host in Flamingo's mode on {@code database}, Doflamingo's jars with {@code engine} for the engine's. */
  private static ChildHost start(Path dir, Path engine, PrivateMariaDb db, String database) throws Exception {
    Path config = dir.resolve("doflamingo.json");
    Files.createDirectories(dir);
    // one ZooKeeper server nobody listens for: the monitor would only fail to reach it
    Files.write(config, ("{\"storage\": {\"path\": \"" + dir.resolve("storage") + "\"}, \"zookeeper\": [{\"name\": \"zk\","
        + " \"servers\": [{\"host\": \"127.0.0.1\", \"clientPort\": 1}]}]}").getBytes(StandardCharsets.UTF_8));
    List<Path> classPath = WebInfLib.concat(WebInfLib.host(), List.of(WebInfLib.moduleJar(), engine, WebInfLib.webappJar()));
    String web = "{\"users\": [{\"user\": \"" + USER + "\", \"password\": \"" + PASSWORD + "\"}]}";
    return ChildHost.startLikeFlamingo(dir, classPath, config, web, db.jdbcUrl(database), DB_USER, DB_PASSWORD);
  }

  /** Every glibc version the library needs, made GLIBC_9.x: the same length, so the ELF stays well formed. */
  private static byte[] needANewerGlibc(byte[] so) {
    byte[] from = "GLIBC_2.".getBytes(StandardCharsets.US_ASCII);
    int changed = 0;
    for (int i = 0; i + from.length <= so.length; i++) {
      boolean match = true;
      for (int j = 0; j < from.length && match; j++) match = so[i + j] == from[j];
      if (match) {
        so[i + 6] = '9';
        changed++;
      }
    }
    if (changed == 0) throw new AssertionError("the library names no GLIBC_2.x version");
    return so;
  }
}
