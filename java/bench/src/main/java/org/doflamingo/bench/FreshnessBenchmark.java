package org.doflamingo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.doflamingo.server.WebConfig;
import org.doflamingo.server.Host;
import org.doflamingo.server.StompTestClient;

/**
 * Freshness: from a value changing in a target's MBean to the STOMP frame carrying it at a
 * subscriber. The target is a JMX connector server in this JVM serving Kafka's
 * UnderReplicatedPartitions gauge; the standalone server (the stand-in Flamingo host with the
 * module) collects it on its 2 s schedule and pushes; a STOMP client over SockJS subscribes. Each
 * change lands at a random moment of the collection cycle, so the figures cover the whole cycle.
 * Goal: p99 at most one interval + 250 ms.
 *
 * <pre>FreshnessBenchmark [--changes 60]</pre>
 */
public final class FreshnessBenchmark {
  private static final String URP = "kafka.server.ReplicaManager.UnderReplicatedPartitions";

  public interface GaugeMBean {
    double getValue();
  }

  public static final class Gauge implements GaugeMBean {
    volatile double value;

    @Override
    public double getValue() {
      return value;
    }
  }

  private FreshnessBenchmark() {}

  public static void main(String[] args) throws Exception {
    int changes = 60;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--changes")) changes = Integer.parseInt(args[++i]);
      else throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: [--changes N]");
    }
    Gauge gauge = new Gauge();
    MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    mbeans.registerMBean(new StandardMBean(gauge, GaugeMBean.class), new ObjectName("kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions"));
    int jmxPort = freePort();
    Registry registry = LocateRegistry.createRegistry(jmxPort);
    JMXConnectorServer jmx = JMXConnectorServerFactory.newJMXConnectorServer(
        new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + jmxPort + "/jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"), null, mbeans);
    jmx.start();

    Path dir = Files.createDirectories(Paths.get("target", "bench-freshness"));
    Path storage = Files.createTempDirectory(dir, "storage-");
    Path config = storage.resolve("doflamingo.json");
    // The Admin API address listens nowhere: that target stays DOWN, the broker's JMX is what counts.
    String json = "{\"storage\": {\"path\": \"" + storage.toAbsolutePath() + "\"}, \"intervalSeconds\": 2,"
        + "\"kafka\": [{\"name\": \"bench\", \"brokers\": [{\"id\": 1, \"host\": \"127.0.0.1\", \"jmxPort\": " + jmxPort
        + ", \"bootstrap\": \"127.0.0.1:" + freePort() + "\"}]}]}";
    Files.write(config, json.getBytes(StandardCharsets.UTF_8));
    System.setProperty("doflamingo.config", config.toString());

    ObjectMapper mapper = new ObjectMapper();
    List<Double> latenciesMs = new ArrayList<>();
    try (Host host = Host.start(WebConfig.defaults(), 0);
        StompTestClient stomp = StompTestClient.connect(host.uri().resolve("/websocket"), Collections.emptyMap())) {
      stomp.subscribe("/topic/doflamingo/metric/" + URP);
      System.out.println("server on " + host.uri() + "; " + changes + " changes at random moments of the 2 s cycle");
      stomp.nextMessage(Duration.ofSeconds(30)); // collection is running
      for (int i = 1; i <= changes; i++) {
        Thread.sleep(ThreadLocalRandom.current().nextLong(1500, 3500));
        long changed = System.nanoTime();
        gauge.value = i;
        while (true) {
          JsonNode points = mapper.readTree(stomp.nextMessage(Duration.ofSeconds(15)).body()).get("points");
          if (points.size() > 0 && points.get(0).get(2).asDouble() == i) break;
        }
        latenciesMs.add((System.nanoTime() - changed) / 1e6);
        if (i % 10 == 0) System.out.println(i + " changes seen");
      }
    } finally {
      jmx.stop();
      UnicastRemoteObject.unexportObject(registry, true);
    }
    Collections.sort(latenciesMs);
    System.out.printf("MBean change -> STOMP frame, %d changes, interval 2000 ms:%n", latenciesMs.size());
    System.out.printf("  p50 %.0f ms   p90 %.0f ms   p99 %.0f ms   max %.0f ms   (goal: p99 <= 2250 ms)%n",
        pct(latenciesMs, 50), pct(latenciesMs, 90), pct(latenciesMs, 99), latenciesMs.get(latenciesMs.size() - 1));
  }

  static double pct(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
