package org.doflamingo.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What Doflamingo watches and where it keeps history: the seed's "External Interfaces" as one
 * JSON file. Example:
 *
 * <pre>{@code
 * {
 *   "storage": {"path": "/var/lib/doflamingo", "tiers": "2s:1d,1m:14d,15m:180d,1h:5y",
 *               "events": {"maxAgeDays": 90, "maxMegabytes": 256}},
 *   "intervalSeconds": 2,
 *   "kafka": [{"name": "prod", "brokers": [{"host": "k1", "jmxPort": 9999, "bootstrap": "k1:9092"}],
 *              "jmx": {"user": "monitor", "passwordFile": "/etc/doflamingo/jmx.password"}}],
 *   "zookeeper": [{"name": "zk-prod", "servers": [{"host": "z1", "clientPort": 2181, "adminPort": 8080, "jmxPort": 9998}]}],
 *   "flume": [{"name": "collector-1", "host": "f1", "httpPort": 41414}],
 *   "web": {"bind": "127.0.0.1", "port": 8080}
 * }
 * }</pre>
 *
 * Every error names the field ({@code kafka[0].brokers[1].jmxPort}) and what was expected.
 */
public final class MonitorConfig {
  /** The event log's retention unless {@code storage.events} says otherwise. */
  public static final long DEFAULT_EVENT_MAX_AGE_DAYS = 90;
  public static final long DEFAULT_EVENT_MAX_MEGABYTES = 256;
  public final Path storagePath;
  /** Retention tiers of the {@code cluster} class (and the engine's default); null: the defaults. */
  public final String tiers;
  /** rrdcached address; null: direct file writes. */
  public final String rrdcached;
  /** The event log's retention ({@code storage.events}): events older than this many days go, and the oldest beyond this many MB. */
  public final long eventMaxAgeDays;
  public final long eventMaxMegabytes;
  public final int intervalSeconds;
  public final List<KafkaClusterConfig> kafka;
  public final List<ZooKeeperEnsembleConfig> zookeeper;
  public final List<FlumeAgentConfig> flume;
  /** Retention classes, exclusions and budgets of the series ({@code "series"}; defaults when absent). */
  public final SeriesConfig series;
  /** What the configuration does that is allowed but likely not meant (a class coarser than its cadence), one line each, for the log. */
  public final List<String> warnings;
  /**
   * The standalone server's section (where it listens, who may log in), null when the file has
   * none; read by java/server's {@code WebConfig}. Inside Flamingo 2 it is not read.
   */
  public final Node web;

  private MonitorConfig(Path storagePath, String tiers, String rrdcached, long[] eventRetention, int intervalSeconds,
      List<KafkaClusterConfig> kafka, List<ZooKeeperEnsembleConfig> zookeeper, List<FlumeAgentConfig> flume, SeriesConfig series, Node web,
      List<String> warnings) {
    this.warnings = Collections.unmodifiableList(warnings);
    this.storagePath = storagePath;
    this.tiers = tiers;
    this.rrdcached = rrdcached;
    this.eventMaxAgeDays = eventRetention[0];
    this.eventMaxMegabytes = eventRetention[1];
    this.intervalSeconds = intervalSeconds;
    this.kafka = Collections.unmodifiableList(kafka);
    this.zookeeper = Collections.unmodifiableList(zookeeper);
    this.flume = Collections.unmodifiableList(flume);
    this.series = series;
    this.web = web;
  }

  public static MonitorConfig load(Path file) throws ConfigException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", "configuration file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("", "cannot read configuration file " + file + ": " + e.getMessage());
    }
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  public static MonitorConfig parse(String json) throws ConfigException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonParseException e) {
      throw new ConfigException("", "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new ConfigException("", "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("", "cannot read the configuration: " + e.getMessage());
    }
    if (root == null || !root.isObject()) throw new ConfigException("", "expected a JSON object {...} at the top");
    Node n = new Node(root, "");
    n.only("storage", "intervalSeconds", "kafka", "zookeeper", "flume", "series", "web");

    Node storage = n.object("storage").only("path", "tiers", "rrdcached", "events");
    String path = storage.text("path");
    Path storagePath;
    try {
      storagePath = Paths.get(path);
    } catch (java.nio.file.InvalidPathException e) {
      throw storage.error("path", "is not a valid path: " + e.getReason());
    }
    String tiers = storage.optText("tiers", null);
    String rrdcached = storage.optText("rrdcached", null);
    long[] eventRetention = {DEFAULT_EVENT_MAX_AGE_DAYS, DEFAULT_EVENT_MAX_MEGABYTES};
    Node events = storage.optObject("events");
    if (events != null) {
      events.only("maxAgeDays", "maxMegabytes");
      eventRetention[0] = events.optLong("maxAgeDays", DEFAULT_EVENT_MAX_AGE_DAYS, 1, 36_500);
      eventRetention[1] = events.optLong("maxMegabytes", DEFAULT_EVENT_MAX_MEGABYTES, 1, 1_048_576);
    }

    int interval = 2;
    if (n.has("intervalSeconds")) {
      JsonNode v = root.get("intervalSeconds");
      if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 3600) {
        throw n.error("intervalSeconds", "expected whole seconds from 1 to 3600");
      }
      interval = v.asInt();
    }

    List<KafkaClusterConfig> kafka = new ArrayList<>();
    for (Node k : n.objects("kafka")) kafka.add(KafkaClusterConfig.read(k, interval));
    List<ZooKeeperEnsembleConfig> zookeeper = new ArrayList<>();
    for (Node z : n.objects("zookeeper")) zookeeper.add(ZooKeeperEnsembleConfig.read(z));
    List<FlumeAgentConfig> flume = new ArrayList<>();
    for (Node f : n.objects("flume")) flume.add(FlumeAgentConfig.read(f));
    if (kafka.isEmpty() && zookeeper.isEmpty() && flume.isEmpty()) {
      throw new ConfigException("", "nothing to watch: list at least one of kafka, zookeeper, flume");
    }
    uniqueNames("kafka", names(kafka, k -> k.name));
    uniqueNames("zookeeper", names(zookeeper, z -> z.name));
    uniqueNames("flume", names(flume, f -> f.name));
    SeriesConfig series = SeriesConfig.read(n.optObject("series"), storage, tiers);
    List<String> warnings = ClassCadences.check(interval, kafka, series);
    Node web = n.optObject("web");
    return new MonitorConfig(storagePath, tiers, rrdcached, eventRetention, interval, kafka, zookeeper, flume, series, web, warnings);
  }

  private static <T> List<String> names(List<T> items, Function<T, String> name) {
    List<String> out = new ArrayList<>();
    for (T t : items) out.add(name.apply(t));
    return out;
  }

  private static void uniqueNames(String section, List<String> names) throws ConfigException {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      if (!seen.add(names.get(i))) {
        throw new ConfigException(section + "[" + i + "].name", "\"" + names.get(i) + "\" is used twice in " + section);
      }
    }
  }

  @Override
  public String toString() {
    return "MonitorConfig{storage=" + storagePath + ", interval=" + intervalSeconds + "s, kafka=" + kafka
        + ", zookeeper=" + zookeeper + ", flume=" + flume + "}";
  }
}
