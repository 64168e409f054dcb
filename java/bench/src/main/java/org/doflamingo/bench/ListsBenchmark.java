package org.doflamingo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.doflamingo.server.WebConfig;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.SampleBatch;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.doflamingo.server.Host;

/**
 * The drill-down lists over REST at scale: the standalone server (with the module) whose engine
 * holds 10,000 consumer groups' group series (max_lag, total_lag, max_lag_seconds, status,
 * members) and 20,000 partitions' series (leader, replicas, in_sync_replicas, log_end_offset, and
 * each topic's under-replicated count), the series and labels the Admin collector writes, fed
 * every base step as the collector would (so every value stays current). p50/p99 of whole
 * requests as a page sees them: /kafka/lag sorted by maxLag (all, filtered), /kafka/partitions
 * sorted by leader and by partition, filtered by part of a topic name and by one topic, and
 * /kafka/topics, /kafka/brokers and /kafka/health; and the engine's native calls of one request of each.
 *
 * <pre>ListsBenchmark [--groups 10000] [--topics 200] [--partitions 100] [--requests 200] [--only partitions]</pre>
 * ({@code --only} runs the calls whose name holds it.)
 */
public final class ListsBenchmark {
  static final String CLUSTER = "bench";
  private static final String[] GROUP_METRICS = {"kafka.consumer.group.max_lag", "kafka.consumer.group.total_lag",
      "kafka.consumer.group.max_lag_seconds", "kafka.consumer.group.status", "kafka.consumer.group.members"};
  private static final String[] PARTITION_METRICS = {"kafka.partition.leader", "kafka.partition.replicas",
      "kafka.partition.in_sync_replicas", "kafka.partition.log_end_offset"};

  private ListsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int groups = 10_000;
    int topics = 200;
    int partitionsPerTopic = 100;
    int requests = 200;
    String only = "";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--groups": groups = Integer.parseInt(args[++i]); break;
        case "--topics": topics = Integer.parseInt(args[++i]); break;
        case "--partitions": partitionsPerTopic = Integer.parseInt(args[++i]); break;
        case "--requests": requests = Integer.parseInt(args[++i]); break;
        case "--only": only = args[++i]; break;
        default: throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path storage = configure();
    ObjectMapper json = new ObjectMapper();
    HttpClient http = HttpClient.newHttpClient();
    ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
    try (Host host = Host.start(WebConfig.defaults(), 0)) {
      Engine engine = HostedMonitor.of(host).engine();
      long t0 = System.nanoTime();
      Feed feed = new Feed(engine, groups, topics, partitionsPerTopic);
      System.out.printf("interned %,d series (%,d groups, %,d partitions in %d topics) in %.1f s%n", feed.ids.length, groups,
          topics * partitionsPerTopic, topics, (System.nanoTime() - t0) / 1e9);
      long step = engine.baseStepMs();
      feed.write(System.currentTimeMillis());
      feeder.scheduleAtFixedRate(() -> feed.write(System.currentTimeMillis()), step, step, TimeUnit.MILLISECONDS);

      String[][] cases = {
          {"lag sorted by group", "/monitoring/kafka/lag?limit=100"},
          {"lag sorted by maxLag", "/monitoring/kafka/lag?sort=maxLag&dir=DESC&limit=100"},
          {"lag sorted by health", "/monitoring/kafka/lag?sort=health&dir=DESC&limit=100"},
          {"lag sorted by maxLag, filtered", "/monitoring/kafka/lag?sort=maxLag&dir=DESC&limit=100&filter=group-012"},
          {"partitions sorted by leader", "/monitoring/kafka/partitions?sort=leader&dir=ASC&limit=100"},
          {"partitions sorted by partition", "/monitoring/kafka/partitions?sort=partition&dir=DESC&limit=100"},
          {"partitions filtered (part of topic)", "/monitoring/kafka/partitions?filter=topic-01&sort=leader&limit=100"},
          {"partitions of one topic", "/monitoring/kafka/partitions?topic=" + URLEncoder.encode("topic-0042", "UTF-8")
              + "&sort=partition&limit=100"},
          {"partitions sorted by underReplicated", "/monitoring/kafka/partitions?sort=underReplicated&dir=DESC&limit=100"},
          {"topics sorted by logEndOffset", "/monitoring/kafka/topics?sort=logEndOffset&dir=DESC&limit=100"},
          {"brokers", "/monitoring/kafka/brokers"},
          {"health", "/monitoring/kafka/health"}};
      System.out.printf("%d requests per call after %d warm-up requests, values rewritten every %d ms meanwhile:%n", requests,
          RestTimings.WARM_UP, step);
      for (String[] c : cases) {
        if (!c[0].contains(only)) continue;
        URI uri = host.uri().resolve(c[1]);
        RestTimings t = RestTimings.of(http, uri, requests);
        System.out.printf("  %-38s total %6d, %7d bytes: p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  native calls %d%n", c[0],
            json.readTree(t.body).get("total").asInt(), t.body.length(), t.pct(50), t.pct(99), t.max(),
            nativeCallsPerRequest(engine, feed, http, uri));
      }
      // the feed stops before the host closes the engine under it
      feeder.shutdownNow();
      feeder.awaitTermination(30, TimeUnit.SECONDS);
    } finally {
      feeder.shutdownNow();
      feeder.awaitTermination(30, TimeUnit.SECONDS);
      System.clearProperty("doflamingo.config");
    }
    // 130,000 RRD files, about 11 GB even at one 1-hour tier: not worth keeping
    delete(storage);
  }

  /**
   * A storage directory under target/bench-lists and the configuration the host reads from it
   * (set as {@code doflamingo.config}): cluster {@value #CLUSTER} of three brokers on closed ports.
   */
  static Path configure() throws java.io.IOException {
    Path dir = Files.createDirectories(Paths.get("target", "bench-lists"));
    Path storage = Files.createTempDirectory(dir, "storage-");
    Path config = storage.resolve("doflamingo.json");
    // three brokers on closed ports (each JMX address may be listed once), never scraped successfully
    int[] closed = {FreshnessBenchmark.freePort(), FreshnessBenchmark.freePort(), FreshnessBenchmark.freePort()};
    // One small RRD tier: the lists read the live ring only, and 130,000 series' files at the
    // default tiers would take about 200 GB of disk.
    Files.write(config, ("{\"storage\": {\"path\": \"" + storage.toAbsolutePath() + "\", \"tiers\": \"2s:1h\"}, "
        + "\"kafka\": [{\"name\": \"" + CLUSTER + "\", \"brokers\": ["
        + broker(1, closed[0]) + "," + broker(2, closed[1]) + "," + broker(3, closed[2]) + "]}]}").getBytes(StandardCharsets.UTF_8));
    System.setProperty("doflamingo.config", config.toString());
    return storage;
  }

  /** Deletes a storage directory {@link #configure} made. */
  static void delete(Path storage) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(storage)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /**
   * The engine's native calls of one request, the feed held off meanwhile (its ingests would count
   * too); the fewest of three, as a failing target's scrape may still store its up series then.
   */
  private static long nativeCallsPerRequest(Engine engine, Feed feed, HttpClient http, URI uri) throws Exception {
    long fewest = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      synchronized (feed) {
        long before = engine.nativeCalls();
        RestTimings.get(http, uri);
        fewest = Math.min(fewest, engine.nativeCalls() - before);
      }
    }
    return fewest;
  }

  private static String broker(int id, int port) {
    return "{\"id\": " + id + ", \"host\": \"127.0.0.1\", \"jmxPort\": " + port + ", \"bootstrap\": \"127.0.0.1:" + port + "\"}";
  }

  /** Every series of the lists, rewritten at each step with values that move (lags grow and fall, leaders change). */
  static final class Feed {
    final Engine engine;
    final int[] ids;
    /** What each id is: 0-4 a group metric, 10-13 a partition metric, 20 a topic's under-replicated count. */
    final byte[] what;
    final Random random = new Random(42);
    final SampleBatch batch = new SampleBatch(50_000);

    Feed(Engine engine, int groups, int topics, int partitionsPerTopic) {
      this.engine = engine;
      int n = groups * GROUP_METRICS.length + topics * (partitionsPerTopic * PARTITION_METRICS.length + 1);
      ids = new int[n];
      what = new byte[n];
      int i = 0;
      for (int g = 0; g < groups; g++) {
        for (int m = 0; m < GROUP_METRICS.length; m++) {
          what[i] = (byte) m;
          ids[i++] = engine.intern(SeriesKey.of(GROUP_METRICS[m], "cluster", CLUSTER, "group", String.format("group-%05d", g)),
              SeriesKind.GAUGE);
        }
      }
      for (int t = 0; t < topics; t++) {
        String topic = String.format("topic-%04d", t);
        for (int p = 0; p < partitionsPerTopic; p++) {
          for (int m = 0; m < PARTITION_METRICS.length; m++) {
            what[i] = (byte) (10 + m);
            ids[i++] = engine.intern(SeriesKey.of(PARTITION_METRICS[m], "cluster", CLUSTER, "topic", topic, "partition",
                String.valueOf(p)), SeriesKind.GAUGE);
          }
        }
        what[i] = 20;
        ids[i++] = engine.intern(SeriesKey.of("kafka.topic.under_replicated_partitions", "cluster", CLUSTER, "topic", topic),
            SeriesKind.GAUGE);
      }
    }

    synchronized void write(long timeMs) {
      try {
        for (int i = 0; i < ids.length; i++) {
          batch.add(ids[i], timeMs, value(what[i], i));
          if (batch.isFull()) {
            engine.ingest(batch);
            batch.clear();
          }
        }
        if (batch.size() > 0) engine.ingest(batch);
      } catch (RuntimeException e) {
        e.printStackTrace(); // a scheduled task's exception would silently stop the feed
      } finally {
        batch.clear(); // a failed write must not leave the next one a full batch
      }
    }

    private double value(byte what, int i) {
      switch (what) {
        case 0: case 1: return random.nextInt(100_000);
        case 2: return random.nextDouble() * 600;
        case 3: return random.nextInt(5);
        case 4: return 1 + random.nextInt(10);
        case 10: return 1 + random.nextInt(3);
        case 11: return 3;
        case 12: return random.nextInt(50) == 0 ? 2 : 3;
        case 13: return 1_000_000 + i;
        default: return random.nextInt(3);
      }
    }
  }
}
