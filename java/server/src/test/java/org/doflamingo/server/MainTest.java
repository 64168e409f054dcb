package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers to what the operator has to fix: one line on stderr, exit code 2. */
class MainTest {
  @TempDir
  Path tmp;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void clearProperty() {
    System.clearProperty(Main.CONFIG_PROPERTY);
  }

  @Test
  @Timeout(60) // were --port ignored, the second run would serve on 8080 until stopped
  void aTakenPortIsOneLineAndExitCode2() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Path config = config("{\"port\": " + port + "}");
      assertEquals(2, run("--config", config.toString()));
      assertEquals("port " + port + " on 127.0.0.1 is already in use: choose another with --port or web.port\n", err());
      assertEquals(config.toAbsolutePath().toString(), System.getProperty(Main.CONFIG_PROPERTY), "where the module reads it");
      assertEquals(2, run("--config", config("{}").toString(), "--port", String.valueOf(port)), "--port wins over web.port");
    }
  }

  @Test
  @Timeout(20) // the demo's clusters alone take longer: they must not start
  void theDemoChecksItsPortBeforeStartingClusters() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertEquals(2, run("demo", "--port", String.valueOf(port), "--data", tmp.resolve("demo").toString()));
      assertEquals("port " + port + " on 127.0.0.1 is already in use: choose another with --port or web.port\n", err());
    }
  }

  @Test
  void aBadConfigurationIsItsMessageWithoutAStackTrace() throws Exception {
    assertEquals(2, run("--config", config("{\"port\": 0}").toString()));
    assertEquals("web.port: expected a port number 1-65535, got the number 0\n", err());
    assertEquals(null, System.getProperty(Main.CONFIG_PROPERTY), "not set for a configuration that was refused");
  }

  @Test
  void aStoragePathThatCannotBeWrittenIsOneLineAndExitCode2() throws Exception {
    // a file where the directory should be: refused for root too (permissions would not be)
    Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
    Path config = tmp.resolve("storage.json");
    Files.writeString(config, "{\"storage\": {\"path\": \"" + file.resolve("rrd") + "\"},"
        + " \"flume\": [{\"name\": \"a\", \"host\": \"127.0.0.1\", \"httpPort\": 41414}]}");
    assertEquals(2, run("--config", config.toString()));
    String message = err();
    assertTrue(message.startsWith("storage.path " + file.resolve("rrd") + ": "), message);
    assertTrue(message.contains(file.toString()), "names the path that is in the way: " + message);
    assertEquals(1, message.split("\n").length, "one line, no stack trace: " + message);
  }

  @Test
  void sizingPrintsPerClassAndTheTotals() {
    assertEquals(0, run("sizing", "--partitions", "200", "--groups", "50"));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("group-partition") && printed.contains("native memory: ") && printed.contains("heap: "), printed);
    assertEquals(2, run("sizing", "--what", "1"));
    assertTrue(err().startsWith("unknown argument --what\nusage: doflamingo sizing "), err());
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = tmp.resolve("nope.json");
    assertEquals(2, run("--config", missing.toString()));
    assertEquals("configuration file " + missing + " does not exist\n", err());
  }

  @Test
  void wrongArgumentsShowTheUsage() {
    assertEquals(2, run());
    assertTrue(err().startsWith("give either --config FILE or demo\nusage: "), err());
    err.reset();
    assertEquals(2, run("demo", "--port", "70000"));
    assertTrue(err().startsWith("--port: expected a port number 1-65535, got 70000\n"), err());
    err.reset();
    assertEquals(2, run("--config"));
    assertTrue(err().startsWith("--config needs a value\n"), err());
    err.reset();
    assertEquals(2, run("--config", "x.json", "--kraft"));
    assertTrue(err().startsWith("--kraft is for the demo\nusage: "), err());
    assertEquals(0, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: "));
  }

  private Path config(String web) throws Exception {
    Path file = tmp.resolve("doflamingo-" + System.nanoTime() + ".json");
    Files.writeString(file, "{\"storage\": {\"path\": \"" + tmp.resolve("rrd") + "\"},"
        + " \"flume\": [{\"name\": \"a\", \"host\": \"127.0.0.1\", \"httpPort\": 41414}], \"web\": " + web + "}");
    return file;
  }

  private int run(String... args) {
    return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theJdksOwnLoggingGoesToTheOneStreamNotToAConsoleHandlerOfItsOwn() {
    Main.routeJdkLogging();
    java.util.logging.Handler[] handlers = java.util.logging.Logger.getLogger("").getHandlers();
    assertEquals(1, handlers.length, "only the bridge on java.util.logging's root");
    assertTrue(handlers[0] instanceof org.slf4j.bridge.SLF4JBridgeHandler, handlers[0].toString());
    // the JMX server side's logger: below ERROR it is left out (simplelogger.properties), not printed by JUL itself
    assertTrue(!org.slf4j.LoggerFactory.getLogger("javax.management.remote.timeout").isWarnEnabled());
  }
}
