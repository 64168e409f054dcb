package org.opencloudengine.flamingo2.doflamingo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.doflamingo.collect.EngineScrape;
import org.doflamingo.collect.Monitor;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * Monitors over a real engine whose targets listen nowhere (ports just closed): nothing is
 * collected unless a test ticks, and tests write the values they need straight into the engine.
 */
public final class TestMonitors {
  private TestMonitors() {}

  /** Writes a configuration with a Kafka cluster "prod" (broker 1), ensemble "zk" and agent "f1"; returns its path. */
  public static Path config(Path dir) throws IOException {
    int closed = closedPort();
    String json = "{\"storage\": {\"path\": \"" + dir.resolve("data").toString().replace("\\", "\\\\") + "\"},"
        + "\"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"id\": 1, \"host\": \"127.0.0.1\", \"jmxPort\": " + closed
        + ", \"bootstrap\": \"127.0.0.1:" + closed + "\"}]}],"
        + "\"zookeeper\": [{\"name\": \"zk\", \"servers\": [{\"host\": \"127.0.0.1\", \"clientPort\": " + closed + "}]}],"
        + "\"flume\": [{\"name\": \"f1\", \"host\": \"127.0.0.1\", \"httpPort\": " + closed + "}]}";
    Path file = dir.resolve("doflamingo.json");
    Files.write(file, json.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /** A started {@link DoflamingoMonitor} on {@link #config}. */
  public static DoflamingoMonitor open(Path dir) throws IOException {
    return openConfig(config(dir));
  }

  /** A started {@link DoflamingoMonitor} on a configuration file of the test's own. */
  public static DoflamingoMonitor openConfig(Path configFile) {
    System.setProperty(DoflamingoMonitor.CONFIG_PROPERTY, configFile.toString());
    try {
      DoflamingoMonitor m = new DoflamingoMonitor();
      m.afterPropertiesSet();
      return m;
    } finally {
      System.clearProperty(DoflamingoMonitor.CONFIG_PROPERTY);
    }
  }

  /** Stores one value per key at {@code timeMs} (gauges). */
  public static void write(Monitor m, long timeMs, Object... keysAndValues) {
    EngineScrape s = new EngineScrape(m.engine(), new EngineScrape.Ids(m.engine()), timeMs);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      s.add((SeriesKey) keysAndValues[i], SeriesKind.GAUGE, ((Number) keysAndValues[i + 1]).doubleValue());
    }
    s.commit();
  }

  public static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
