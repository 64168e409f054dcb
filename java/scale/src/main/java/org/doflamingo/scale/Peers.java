package org.doflamingo.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.doflamingo.cluster.Ports;

/**
 * The peers, each pointed at the same cluster in the same run, each timed to a full lag picture
 * (every group it reports, with its lag) with its peak resident memory:
 * <ul>
 *   <li>Kafka's own {@code kafka-consumer-groups --describe --all-groups}
 *       ({@code ConsumerGroupCommand} of {@code org.apache.kafka:kafka-tools}, a JVM of its own, with
 *       the heap its script gives it);
 *   <li>{@code kafkatop --summary-json --all} (PyPI, confluent-kafka);
 *   <li>{@code prometheus-kafka-consumer-group-exporter} (PyPI, kafka-python), which reads
 *       {@code __consumer_offsets} from the start: time until its /metrics holds every group's lag.
 * </ul>
 * The Python tools go into virtual environments under the module's {@code target/}.
 */
final class Peers {
  static final String KAFKA_TOOLS_MAIN = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";
  private static final Pattern EXPORTER_LAG = Pattern.compile(
      "^kafka_consumer_group_lag\\{group=\"([^\"]*)\",partition=\"(\\d+)\",topic=\"([^\"]*)\"\\} ([0-9.eE+-]+)$");

  private final Path peersDir;
  private final Path venvs;
  private final Path logs;
  private final String bootstrap;

  Peers(Path peersDir, Path venvs, Path logs, String bootstrap) {
    this.peersDir = peersDir;
    this.venvs = venvs;
    this.logs = logs;
    this.bootstrap = bootstrap;
  }

  /** One peer's run: the picture it gave, how long, how much memory, and anything worth saying. */
  static final class Run {
    final LagPicture picture;
    final double wallMs;
    final long peakRssBytes;
    final String note;

    Run(LagPicture picture, double wallMs, long peakRssBytes, String note) {
      this.picture = picture;
      this.wallMs = wallMs;
      this.peakRssBytes = peakRssBytes;
      this.note = note;
    }
  }

  /**
   * {@code kafka-consumer-groups.sh --bootstrap-server B --describe --all-groups --timeout T}, in the
   * JVM {@code kafka-run-class.sh} starts (256 MB heap, G1). Rows: GROUP TOPIC PARTITION
   * CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID.
   */
  Run kafkaConsumerGroups(Duration timeout) throws Exception {
    String classpath = new String(Files.readAllBytes(peersDir.resolve("classpath-kafka-tools.txt"))).trim();
    Child c = Child.java("kafka-consumer-groups", Child.list("-Xmx256M", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
        "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent", "-Djava.awt.headless=true",
        "-Dlog4j.configuration=file:/dev/null"), classpath, KAFKA_TOOLS_MAIN,
        Child.list("--bootstrap-server", bootstrap, "--describe", "--all-groups", "--timeout", String.valueOf(timeout.toMillis())),
        logs.resolve("kafka-consumer-groups.out"));
    Child.Result r = c.await(timeout.plusMinutes(1));
    LagPicture p = parseDescribe(r.output());
    return new Run(p, r.wallMs, r.peakRssBytes, "exit " + r.exitCode + ", " + p.partitions + " partition rows" + errorOf(r));
  }

  /** kafka-consumer-groups' describe table: a row per group and partition, LAG in the 6th column ("-" when unknown). */
  static LagPicture parseDescribe(String output) {
    LagPicture p = new LagPicture("kafka-consumer-groups");
    for (String line : output.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 6 || f[0].equals("GROUP") || !f[2].matches("\\d+")) continue;
      if (f[5].matches("\\d+")) p.addPartition(f[0], Long.parseLong(f[5]));
    }
    return p;
  }

  /** {@code kafkatop --kafka-broker B --summary-json --all --text}: per group and topic lag_max (no total). */
  Run kafkatop(Duration timeout) throws Exception {
    venv("kafkatop", Child.list("kafkatop==1.16"), timeout);
    Child c = Child.start("kafkatop", Child.list(venvs.resolve("kafkatop/bin/kafkatop").toString(), "--kafka-broker", bootstrap,
        "--summary-json", "--all", "--text"), logs.resolve("kafkatop.out"));
    Child.Result r = c.await(timeout);
    String out = r.output();
    boolean json = out.indexOf('{') >= 0;
    return new Run(parseKafkatop(out), r.wallMs, r.peakRssBytes, "exit " + r.exitCode + (json ? "" : ", no JSON in its output" + errorOf(r)));
  }

  /** kafkatop's summary JSON: group -> {state, topics: {topic: {partitions, lag_max, lag_min}}}; the group's max over its topics. */
  static LagPicture parseKafkatop(String output) throws java.io.IOException {
    LagPicture p = new LagPicture("kafkatop");
    int start = output.indexOf('{');
    if (start < 0) return p;
    JsonNode root = new ObjectMapper().readTree(output.substring(start));
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> g = it.next();
      long max = -1;
      for (JsonNode t : g.getValue().path("topics")) max = Math.max(max, (long) t.path("lag_max").asDouble());
      if (max >= 0) p.putGroup(g.getKey(), null, max);
    }
    return p;
  }

  /**
   * The exporter from the start of {@code __consumer_offsets} ({@code -s}), its HTTP server bound to
   * 127.0.0.1 (it binds every address by default; patched in its start-up line): time from its
   * start until /metrics holds a lag for {@code expectedGroups} groups, polled every 2 s.
   */
  Run exporter(int expectedGroups, Duration timeout) throws Exception {
    venv("exporter", Child.list("prometheus-kafka-consumer-group-exporter==0.5.5",
        // 0.5.5 imports kafka.protocol.offset, which kafka-python 2.1 moved: the last release it runs on
        "kafka-python==2.0.2"), timeout);
    int port = Ports.free();
    String boot = "import sys, prometheus_client, prometheus_kafka_consumer_group_exporter as e\n"
        + "e.start_http_server = lambda port: prometheus_client.start_http_server(port, addr='127.0.0.1')\n"
        + "sys.argv = ['prometheus-kafka-consumer-group-exporter', '-s', '-b', '" + bootstrap + "', '-p', '" + port
        + "', '--log-level', 'WARNING']\n"
        + "e.main()\n";
    Child c = Child.start("consumer-group-exporter", Child.list(venvs.resolve("exporter/bin/python").toString(), "-c", boot),
        logs.resolve("consumer-group-exporter.out"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI metrics = URI.create("http://" + Ports.HOST + ":" + port + "/metrics");
    long t0 = System.nanoTime();
    LagPicture best = new LagPicture("prometheus-kafka-consumer-group-exporter");
    double fullMs = -1;
    while (System.nanoTime() - t0 < timeout.toNanos() && c.isAlive()) {
      Thread.sleep(2000);
      LagPicture p;
      try {
        p = parseExporter(http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofMinutes(2)).GET().build(),
            HttpResponse.BodyHandlers.ofString()).body());
      } catch (java.io.IOException e) {
        continue; // not listening yet
      }
      if (p.groups() >= best.groups()) best = p;
      if (p.groups() >= expectedGroups) {
        fullMs = (System.nanoTime() - t0) / 1e6;
        break;
      }
    }
    boolean alive = c.isAlive();
    Child.Result r = c.stop();
    String note = fullMs >= 0 ? "until /metrics held every group's lag"
        : "NO full picture within " + timeout.toSeconds() + " s: " + best.groups() + " of " + expectedGroups + " groups"
            + (alive ? "" : " (it exited: see " + r.log + ")");
    return new Run(best, fullMs >= 0 ? fullMs : r.wallMs, r.peakRssBytes, note);
  }

  /** The exporter's /metrics: {@code kafka_consumer_group_lag{group,partition,topic}} lines. */
  static LagPicture parseExporter(String metrics) {
    LagPicture p = new LagPicture("prometheus-kafka-consumer-group-exporter");
    for (String line : metrics.split("\n")) {
      Matcher m = EXPORTER_LAG.matcher(line);
      if (m.matches()) p.addPartition(m.group(1), (long) Double.parseDouble(m.group(4)));
    }
    return p;
  }

  /** A virtual environment under {@code venvs/name} with {@code packages} installed (once); its python. */
  private Path venv(String name, List<String> packages, Duration timeout) throws Exception {
    Path dir = venvs.resolve(name);
    Path python = dir.resolve("bin/python");
    Path done = dir.resolve("installed.txt");
    String want = String.join(" ", packages);
    if (Files.isRegularFile(done) && new String(Files.readAllBytes(done)).trim().equals(want)) return python;
    Files.createDirectories(venvs);
    Child.Result made = Child.start("venv-" + name, Child.list("python3", "-m", "venv", "--clear", dir.toString()),
        logs.resolve("venv-" + name + ".out")).await(Duration.ofMinutes(5));
    if (made.exitCode != 0) throw new IllegalStateException("python3 -m venv " + dir + " failed: " + made.output());
    List<String> pip = Child.list(python.toString(), "-m", "pip", "install", "-q", "--disable-pip-version-check");
    pip.addAll(packages);
    Child.Result installed = Child.start("pip-" + name, pip, logs.resolve("pip-" + name + ".out")).await(timeout);
    if (installed.exitCode != 0) throw new IllegalStateException("pip install " + want + " failed: " + installed.output());
    Files.write(done, (want + "\n").getBytes());
    return python;
  }

  private static String errorOf(Child.Result r) throws java.io.IOException {
    if (r.exitCode == 0) return "";
    String[] lines = r.output().split("\n");
    for (String l : lines) {
      if (l.contains("Exception") || l.contains("Error")) return "; " + l.trim();
    }
    return "; see " + r.log;
  }

  static Path defaultPeersDir() {
    return Paths.get(System.getProperty("scale.peers.dir", "target/peers"));
  }
}
