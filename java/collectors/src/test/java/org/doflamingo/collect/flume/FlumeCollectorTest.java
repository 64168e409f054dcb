package org.doflamingo.collect.flume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.util.Arrays;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.FakeServers.Recorded;
import org.doflamingo.collect.FakeServers;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.config.FlumeAgentConfig;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;

class FlumeCollectorTest {
  static final MetricCatalogue CATALOGUE = MetricCatalogue.load();
  static final String METRICS = "{"
      + "\"SOURCE.http\": {\"Type\": \"SOURCE\", \"EventReceivedCount\": \"100\", \"EventAcceptedCount\": \"99\","
      + " \"StartTime\": \"1700000000000\", \"StopTime\": \"0\", \"OpenConnectionCount\": \"0\"},"
      + "\"CHANNEL.mem\": {\"Type\": \"CHANNEL\", \"ChannelSize\": \"5\", \"ChannelFillPercentage\": \"0.05\","
      + " \"ChannelCapacity\": \"10000\", \"EventPutSuccessCount\": \"99\", \"EventTakeSuccessCount\": \"94\"},"
      + "\"SINK.kafka\": {\"Type\": \"SINK\", \"EventDrainSuccessCount\": \"94\", \"KafkaEventSendTimer\": \"1234\","
      + " \"BatchCompleteCount\": \"1\", \"Note\": \"not a number\"},"
      + "\"SINK.custom\": {\"Type\": \"SINK\", \"WidgetsFrobbedCount\": \"7\", \"QueueDepth\": \"3\"}"
      + "}";

  static FlumeCollector collector(int port, int timeoutMs) throws Exception {
    FlumeAgentConfig a = FakeServers.config("\"flume\": [{\"name\": \"collector-1\", \"host\": \"127.0.0.1\", \"httpPort\": " + port + "}]").flume.get(0);
    return new FlumeCollector(a, CATALOGUE, timeoutMs, timeoutMs);
  }

  @Test
  void everyNumericAttributeOfEveryComponentIsRecorded() throws Exception {
    HttpServer s = FakeServers.http("/metrics", 200, METRICS, 0);
    try {
      FlumeCollector c = collector(s.getAddress().getPort(), 2000);
      assertTrue(c.components().isEmpty());
      Recorded r = new Recorded();
      assertEquals(13, c.collect(r));
      assertEquals(13, r.adds.size());
      assertEquals(100.0, r.get("flume.source.EventReceivedCount", "component", "http").value);
      assertEquals(SeriesKind.COUNTER, r.get("flume.source.EventReceivedCount", "component", "http").kind);
      assertEquals("collector-1", r.get("flume.source.EventReceivedCount", "component", "http").key.label("agent"));
      assertNull(r.get("flume.source.StartTime", "component", "http"));
      assertNull(r.get("flume.source.StopTime", "component", "http"));
      assertEquals(SeriesKind.GAUGE, r.get("flume.channel.ChannelSize", "component", "mem").kind);
      assertEquals(0.05, r.get("flume.channel.ChannelFillPercentage", "component", "mem").value);
      assertEquals(SeriesKind.GAUGE, r.get("flume.channel.ChannelCapacity", "component", "mem").kind);
      assertEquals(SeriesKind.GAUGE, r.get("flume.sink.KafkaEventSendTimer", "component", "kafka").kind);
      assertNull(r.get("flume.sink.Note", "component", "kafka"));
      assertEquals(SeriesKind.COUNTER, r.get("flume.sink.WidgetsFrobbedCount", "component", "custom").kind);
      assertEquals(3.0, r.get("flume.sink.QueueDepth", "component", "custom").value);
      assertEquals(Arrays.asList(new FlumeCollector.Component("SOURCE", "http"), new FlumeCollector.Component("CHANNEL", "mem"),
          new FlumeCollector.Component("SINK", "kafka"), new FlumeCollector.Component("SINK", "custom")), c.components());
    } finally {
      s.stop(0);
    }
  }

  @Test
  void garbageHangsAndErrorsAreClearAndStoreNothing() throws Exception {
    HttpServer html = FakeServers.http("/metrics", 200, "<html><body>Flume</body></html>", 0);
    HttpServer array = FakeServers.http("/metrics", 200, "[1, 2, 3]", 0);
    HttpServer wrongShape = FakeServers.http("/metrics", 200, "{\"SOURCE.x\": \"12\"}", 0);
    HttpServer truncated = FakeServers.http("/metrics", 200, METRICS.substring(0, METRICS.length() / 2), 0);
    HttpServer hung = FakeServers.http("/metrics", 200, METRICS, 10_000);
    HttpServer status = FakeServers.http("/metrics", 404, "no", 0);
    try {
      assertFails(html, "is not JSON");
      assertFails(array, "is not a JSON object");
      assertFails(wrongShape, "is not a TYPE.name component object");
      assertFails(truncated, "is not JSON");
      long t0 = System.nanoTime();
      assertFails(hung, "timed out");
      assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000);
      assertFails(status, "HTTP 404");
    } finally {
      for (HttpServer s : Arrays.asList(html, array, wrongShape, truncated, hung, status)) s.stop(0);
    }
  }

  @Test
  void aBodyDrippingInIsCutOffAtTheReadTimeout() throws Exception {
    HttpServer s = HttpServer.create(new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), 0), 5);
    s.createContext("/metrics", x -> {
      x.sendResponseHeaders(200, 0); // chunked
      try (java.io.OutputStream out = x.getResponseBody()) {
        for (int i = 0; i < 100; i++) {
          out.write(METRICS.charAt(i));
          out.flush();
          Thread.sleep(100);
        }
      } catch (Exception e) {
        // the collector gave up
      }
    });
    s.start();
    try {
      long t0 = System.nanoTime();
      assertFails(s, "timed out");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 2000, "took " + ms + " ms");
    } finally {
      s.stop(0);
    }
  }

  @Test
  void anOversizedBodyIsRefused() throws Exception {
    StringBuilder big = new StringBuilder("{\"SOURCE.x\": {\"Type\": \"SOURCE\", \"Pad\": \"");
    while (big.length() <= FlumeCollector.MAX_RESPONSE_BYTES) big.append("0000000000000000000000000000000000000000");
    big.append("\"}}");
    HttpServer s = FakeServers.http("/metrics", 200, big.toString(), 0);
    try {
      assertFails(s, "over the limit");
    } finally {
      s.stop(0);
    }
  }

  @Test
  void aClosedPortIsAClearError() throws Exception {
    HttpServer s = FakeServers.http("/metrics", 200, METRICS, 0);
    int port = s.getAddress().getPort();
    s.stop(0);
    Recorded r = new Recorded();
    CollectException e = assertThrows(CollectException.class, () -> collector(port, 500).collect(r));
    assertTrue(e.getMessage().startsWith("flume agent collector-1 at 127.0.0.1:" + port), e.getMessage());
  }

  private static void assertFails(HttpServer s, String what) throws Exception {
    FlumeCollector c = collector(s.getAddress().getPort(), 300);
    Recorded r = new Recorded();
    CollectException e = assertThrows(CollectException.class, () -> c.collect(r));
    assertTrue(e.getMessage().contains(what), e.getMessage());
    assertTrue(e.getMessage().startsWith("flume agent collector-1 at 127.0.0.1:"), e.getMessage());
    assertTrue(r.adds.isEmpty());
    assertTrue(c.components().isEmpty());
  }
}
