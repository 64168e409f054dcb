package org.doflamingo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.StringJoiner;
import org.doflamingo.server.WebConfig;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.SampleBatch;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.doflamingo.server.Host;

/**
 * History over REST: {@code /monitoring/kafka/history} for 24 h of 20 series at a chosen
 * resolution, through the standalone server (Jetty, Spring MVC, Jackson, the module, the engine,
 * RRD files), p50 and p99 of the whole request as a page sees it. The history is written first:
 * 24 h of 2 s points per series, then the engine is closed so every value is in the RRD files.
 *
 * <pre>HistoryBenchmark [--series 20] [--hours 24] [--requests 200] [--resolutions 10000,60000,900000]</pre>
 */
public final class HistoryBenchmark {
  private static final String METRIC = "kafka.server.BrokerTopicMetrics.MessagesInPerSec";

  private HistoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int series = 20;
    int hours = 24;
    int requests = 200;
    long[] resolutions = {10_000, 60_000, 900_000};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--series": series = Integer.parseInt(args[++i]); break;
        case "--hours": hours = Integer.parseInt(args[++i]); break;
        case "--requests": requests = Integer.parseInt(args[++i]); break;
        case "--resolutions":
          String[] r = args[++i].split(",");
          resolutions = new long[r.length];
          for (int k = 0; k < r.length; k++) resolutions[k] = Long.parseLong(r[k].trim());
          break;
        default: throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path dir = Files.createDirectories(Paths.get("target", "bench-history"));
    Path storage = Files.createTempDirectory(dir, "storage-");
    long now = System.currentTimeMillis() / 2000 * 2000;
    long from = now - hours * 3_600_000L;
    long t0 = System.nanoTime();
    try (Engine engine = Engine.open(EngineConfig.at(storage))) {
      int[] ids = new int[series];
      for (int s = 0; s < series; s++) {
        ids[s] = engine.intern(SeriesKey.of(METRIC, "cluster", "bench", "broker", "1", "topic", "topic-" + s), SeriesKind.GAUGE);
      }
      SampleBatch batch = new SampleBatch(series * 500);
      for (long t = from + 2000; t <= now; t += 2000) {
        for (int s = 0; s < series; s++) batch.add(ids[s], t, 1000 + s * 10 + 500 * Math.sin(t / 3.6e6 + s));
        if (batch.isFull()) {
          engine.ingest(batch);
          batch.clear();
        }
      }
      if (batch.size() > 0) engine.ingest(batch);
    }
    System.out.printf("wrote %d h of 2 s points for %d series in %.1f s%n", hours, series, (System.nanoTime() - t0) / 1e9);

    Path config = storage.resolve("doflamingo.json");
    int closed = FreshnessBenchmark.freePort();
    Files.write(config, ("{\"storage\": {\"path\": \"" + storage.toAbsolutePath() + "\"}, \"kafka\": [{\"name\": \"bench\", "
        + "\"brokers\": [{\"id\": 1, \"host\": \"127.0.0.1\", \"jmxPort\": " + closed + ", \"bootstrap\": \"127.0.0.1:" + closed
        + "\"}]}]}").getBytes(StandardCharsets.UTF_8));
    System.setProperty("doflamingo.config", config.toString());
    ObjectMapper json = new ObjectMapper();
    HttpClient http = HttpClient.newHttpClient();
    try (Host host = Host.start(WebConfig.defaults(), 0)) {
      JsonNode listed = json.readTree(RestTimings.get(http, host.uri().resolve("/monitoring/kafka/series?metric=" + METRIC + "&limit=5000")));
      StringJoiner idList = new StringJoiner(",");
      for (JsonNode s : listed.get("list")) idList.add(s.get("id").asText());
      System.out.printf("%d series over %d h, %d requests per resolution after %d warm-up requests:%n", listed.get("total").asInt(),
          hours, requests, RestTimings.WARM_UP);
      for (long resolution : resolutions) {
        URI uri = host.uri().resolve("/monitoring/kafka/history?ids=" + idList + "&from=" + from + "&to=" + now
            + "&resolution=" + resolution);
        RestTimings t = RestTimings.of(http, uri, requests);
        JsonNode first = json.readTree(t.body).get("list").get(0);
        System.out.printf("  resolution %6d ms: step %6d ms, %5d points a series, %7d bytes: p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
            resolution, first.get("step").asLong(), first.get("values").size(), t.body.length(), t.pct(50), t.pct(99), t.max());
      }
    }
  }
}
