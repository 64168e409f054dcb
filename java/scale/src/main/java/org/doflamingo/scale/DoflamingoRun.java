package org.doflamingo.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.doflamingo.bench.BrokerCpu;
import org.doflamingo.bench.HostedMonitor;
import org.doflamingo.bench.Resources;
import org.doflamingo.bench.RestTimings;
import org.doflamingo.cluster.KafkaBroker;
import org.doflamingo.collect.Monitor;
import org.doflamingo.engine.Scheduler;
import org.doflamingo.server.Host;
import org.doflamingo.server.WebConfig;

/**
 * Doflamingo as an operator runs it: the standalone server (the Flamingo module in its stand-in
 * host, collecting on its Quartz job) in this JVM, on a configuration file naming the cluster,
 * watched for {@code --minutes}. Every target's scrape wall time is read from the scheduler's
 * status each time it completes; this JVM's CPU over the window (the harness does nothing else
 * meanwhile: the load runs in its own JVM), heap after full GC, resident memory, the storage's
 * disk and its RRD files (created as the engine writes back, and at the stop, which is timed).
 * Then the full lag list, read back for comparison with the peers, and, with collection still
 * running, the REST lists' p50/p99 and the consumer-groups page in Chromium ({@link GroupsPageRun}).
 */
final class DoflamingoRun {
  /** Scrape wall times of one target, in completion order. */
  static final class TargetTimes {
    final String name;
    final List<Double> ms = new ArrayList<>();
    long failures;
    long timeouts;
    String lastError;
    long firstSuccessMs = -1;

    TargetTimes(String name) {
      this.name = name;
    }
  }

  final Map<Integer, TargetTimes> targets = new HashMap<>();
  double cpuMsPerMinute;
  double brokerCpuMsPerMinute;
  double minutes;
  long heapAfterGc;
  long heapCommitted;
  long rss;
  long diskBytes;
  long rrdFiles;
  long seriesCount = -1;
  long liveRingBytes;
  long samplesBuffered;
  long samplesWritten;
  /** The server's stop: collection stops, the engine writes back what it buffers, ms. */
  double closeMs;
  long diskAfterClose;
  long rrdFilesAfterClose;
  String stoppedEarly;
  final Map<String, RestTimings> rest = new java.util.LinkedHashMap<>();
  /** The consumer-groups page in Chromium ({@link GroupsPageRun}): its figure lines. */
  List<String> page = new ArrayList<>();
  /** Where the collection workers were, sampled every 250 ms: top frame (and the Doflamingo frame under it) -> samples. */
  final Map<String, Integer> workerFrames = new HashMap<>();
  int workerSamples;
  LagPicture picture;
  int groupsWithStatus;
  int groupsListed;

  static Path writeConfig(Path file, Path storage, ScaleOptions o, List<KafkaBroker> brokers, String cluster) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ObjectNode st = root.putObject("storage");
    st.put("path", storage.toAbsolutePath().toString());
    if (o.tiers != null) st.put("tiers", o.tiers);
    if (o.intervalSeconds != null) root.put("intervalSeconds", o.intervalSeconds);
    ObjectNode kafka = root.putArray("kafka").addObject();
    kafka.put("name", cluster);
    ArrayNode bs = kafka.putArray("brokers");
    for (KafkaBroker b : brokers) {
      bs.addObject().put("id", b.id()).put("host", b.host()).put("jmxPort", b.jmxPort()).put("bootstrap", b.address());
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    return file;
  }

  /** @param pageFilter what the page's filter is typed with (a part of one group's name) */
  static DoflamingoRun measure(Path config, Path storage, ScaleOptions o, BrokerCpu broker, String[][] restCalls, int expectedGroups,
      String pageFilter, Path logs) throws Exception {
    DoflamingoRun run = new DoflamingoRun();
    System.setProperty("doflamingo.config", config.toAbsolutePath().toString());
    HttpClient http = HttpClient.newHttpClient();
    long t0 = System.nanoTime();
    long cpu0 = Resources.processCpuNanos();
    long brokerCpu0 = broker.nanos();
    Host host = Host.start(WebConfig.defaults(), 0);
    try {
      Monitor monitor = HostedMonitor.of(host);
      Map<Integer, Long> lastSeen = new HashMap<>();
      long end = t0 + TimeUnit.MINUTES.toNanos(o.minutes);
      long nextDiskCheck = 0;
      while (System.nanoTime() < end) {
        Thread.sleep(250);
        run.sampleWorkers();
        for (Monitor.Target t : monitor.targets()) {
          Scheduler.Status s = monitor.status(t.id);
          TargetTimes times = run.targets.computeIfAbsent(t.id, k -> new TargetTimes(s.name));
          if (s.lastSuccessMs > 0 && !Long.valueOf(s.lastSuccessMs).equals(lastSeen.get(t.id))) {
            lastSeen.put(t.id, s.lastSuccessMs);
            times.ms.add((double) s.lastDurationMs);
            if (times.firstSuccessMs < 0) times.firstSuccessMs = (System.nanoTime() - t0) / 1_000_000L;
          }
          times.failures = s.failures;
          times.timeouts = s.timeouts;
          times.lastError = s.lastError;
        }
        long now = System.nanoTime();
        if (now >= nextDiskCheck) {
          nextDiskCheck = now + 60_000_000_000L;
          long usable = Files.getFileStore(storage).getUsableSpace();
          long used = du(storage);
          System.out.printf("   doflamingo: %.1f of %d min, storage %s, %s free; %s%n", (now - t0) / 60e9, o.minutes, Report.mb(used),
              Report.mb(usable), summary(run));
          if (used > o.maxDiskGb * (1L << 30) || usable < 10L << 30) {
            run.stoppedEarly = "stopped after " + String.format("%.1f", (now - t0) / 60e9) + " min: storage " + Report.mb(used)
                + ", " + Report.mb(usable) + " free (--max-disk-gb " + o.maxDiskGb + ", 10 GB kept free)";
            break;
          }
        }
        long available = memAvailable();
        if (available >= 0 && available < 2L << 30) {
          run.stoppedEarly = "stopped after " + String.format("%.1f", (now - t0) / 60e9) + " min: the machine has "
              + Report.mb(available) + " of memory left (2 GB kept for the others)";
          break;
        }
      }
      run.minutes = (System.nanoTime() - t0) / 60e9;
      run.cpuMsPerMinute = (Resources.processCpuNanos() - cpu0) / 1e6 / run.minutes;
      run.brokerCpuMsPerMinute = (broker.nanos() - brokerCpu0) / 1e6 / run.minutes;
      run.heapAfterGc = Resources.gcAndUsedHeap();
      run.heapCommitted = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
      run.rss = Child.vmRss(ProcessHandle.current().pid());
      run.diskBytes = du(storage);
      run.rrdFiles = countFiles(storage.resolve("rrd"));
      org.doflamingo.engine.EngineStats stats = monitor.engine().stats();
      run.seriesCount = stats.series;
      run.liveRingBytes = stats.liveRingBytes;
      run.samplesBuffered = stats.samplesBuffered;
      run.samplesWritten = stats.samplesWritten;
      // the lag picture as the window ends, before the REST timings load the machine
      run.readLag(http, host.uri(), expectedGroups);
      for (String[] call : restCalls) {
        run.rest.put(call[0], RestTimings.of(http, host.uri().resolve(call[1]), o.restRequests));
      }
      System.out.println("   doflamingo: the consumer-groups page in Chromium");
      run.page = GroupsPageRun.time(host.uri(), pageFilter, 5, logs);
    } finally {
      long c0 = System.nanoTime();
      System.out.println("   doflamingo: stopping the server (the engine writes back what it buffers)");
      host.close();
      run.closeMs = (System.nanoTime() - c0) / 1e6;
      System.clearProperty("doflamingo.config");
    }
    run.diskAfterClose = du(storage);
    run.rrdFilesAfterClose = countFiles(storage.resolve("rrd"));
    return run;
  }

  /**
   * One sample of what the busy collection workers ({@code doflamingo-collect-*}) are doing: the
   * top frame and the nearest Doflamingo frame, so a slow cycle says where its time goes.
   */
  private void sampleWorkers() {
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      StackTraceElement[] stack = e.getValue();
      if (!e.getKey().getName().startsWith("doflamingo-collect-") || stack.length == 0) continue;
      String top = stack[0].getClassName() + "." + stack[0].getMethodName();
      if (top.startsWith("jdk.internal.misc.Unsafe.park")) {
        boolean idle = false;
        for (StackTraceElement f : stack) idle |= f.getMethodName().equals("getTask");
        if (idle) continue; // a worker waiting for the next scrape
      }
      String ours = "";
      for (StackTraceElement f : stack) {
        if (f.getClassName().startsWith("org.doflamingo.collect")) {
          ours = " <- " + f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName() + ":" + f.getLineNumber();
          break;
        }
      }
      workerFrames.merge(top + ours, 1, Integer::sum);
      workerSamples++;
    }
  }

  /** The {@code n} commonest worker frames, "share% frame". */
  List<String> topWorkerFrames(int n) {
    List<Map.Entry<String, Integer>> all = new ArrayList<>(workerFrames.entrySet());
    all.sort((a, b) -> b.getValue() - a.getValue());
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Integer> e : all.subList(0, Math.min(n, all.size()))) {
      out.add(String.format(java.util.Locale.ROOT, "%.0f%% %s", 100.0 * e.getValue() / workerSamples, e.getKey()));
    }
    return out;
  }

  /** Every group of /monitoring/kafka/lag, pages of 5,000. */
  private void readLag(HttpClient http, URI base, int expectedGroups) throws Exception {
    ObjectMapper json = new ObjectMapper();
    picture = new LagPicture("doflamingo");
    int page = 5000;
    for (int start = 0; start < expectedGroups + page * 2; start += page) {
      JsonNode r = json.readTree(RestTimings.get(http, base.resolve("/monitoring/kafka/lag?sort=group&start=" + start + "&limit=" + page)));
      JsonNode list = r.path("list");
      for (JsonNode row : list) {
        groupsListed++;
        String group = row.path("group").asText();
        Long total = row.path("totalLag").isNumber() ? row.path("totalLag").asLong() : null;
        Long max = row.path("maxLag").isNumber() ? row.path("maxLag").asLong() : null;
        picture.putGroup(group, total, max);
        if (row.path("status").isTextual()) groupsWithStatus++;
      }
      if (list.size() < page) break;
    }
  }

  /** An answer of the REST envelope in a few words: its size, success, total or rows, and its error if any. */
  static String describeAnswer(String body) {
    try {
      JsonNode r = new ObjectMapper().readTree(body);
      String rows = r.path("total").asInt() > 0 ? "total " + r.path("total").asInt() : r.path("list").size() + " rows";
      return body.length() + " bytes, " + rows + (r.path("success").asBoolean(true) ? "" : ", success false: " + r.path("error"));
    } catch (java.io.IOException e) {
      return body.length() + " bytes, not JSON";
    }
  }

  private static String summary(DoflamingoRun run) {
    StringBuilder sb = new StringBuilder();
    for (TargetTimes t : run.targets.values()) {
      if (sb.length() > 0) sb.append("; ");
      sb.append(t.name).append(": ").append(t.ms.size()).append(" ok");
      if (!t.ms.isEmpty()) sb.append(String.format(", last %.0f ms", t.ms.get(t.ms.size() - 1)));
      if (t.failures > 0) sb.append(", ").append(t.failures).append(" failed (").append(t.lastError).append(')');
    }
    return sb.toString();
  }

  /** MemAvailable of /proc/meminfo, bytes; -1 where there is none. */
  private static long memAvailable() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  static long countFiles(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) return 0;
    // The engine creates files (and renames its temporary ones) while the walk runs: a file gone
    // before it is visited is not counted, never a failed measurement.
    long[] files = {0};
    Files.walkFileTree(dir, new SimpleFileVisitor<Path>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) files[0]++;
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
        throw e;
      }
    });
    return files[0];
  }

  /**
   * Disk blocks in use under {@code dir} ({@code du -s -B1}: RRD files are allocated in full, rings
   * are not files). du exits 1 when a file vanished between its listing and its stat (the engine
   * renames temporary files as it writes): its total is still the directory's, so it is taken.
   */
  static long du(Path dir) throws Exception {
    Process p = new ProcessBuilder("du", "-s", "-B1", dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("du " + dir + ": no answer within 5 minutes");
    }
    String[] total = out.isEmpty() ? new String[0] : out.split("\\s+");
    if (total.length < 2 || !total[0].matches("\\d+")) {
      throw new IllegalStateException("du " + dir + " exited " + p.exitValue() + " without a total: " + out);
    }
    return Long.parseLong(total[0]);
  }

  static List<Double> sorted(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    return s;
  }
}
