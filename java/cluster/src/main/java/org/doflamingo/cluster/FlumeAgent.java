package org.doflamingo.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flume agent ({@code org.apache.flume.node.Application}) in its own JVM, with the HTTP JSON
 * monitoring ({@code -Dflume.monitoring.type=http}, {@code GET /metrics}) and remote JMX on.
 * {@link #startKafkaFlow} runs the usual pipeline: HTTP source -> memory channel -> Kafka sink;
 * {@link #startEdge} and {@link #startCollector} split it into a two-tier transport network, an
 * edge agent sending over avro to a collector agent that writes to Kafka.
 */
public final class FlumeAgent extends ClusterMember {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  /** Component names of {@link #startKafkaFlow}: {@code SOURCE.http}, {@code CHANNEL.mem}, {@code SINK.kafka}. */
  public static final String SOURCE = "SOURCE.http";
  public static final String CHANNEL = "CHANNEL.mem";
  public static final String SINK = "SINK.kafka";
  /** The collector's source ({@link #startCollector}) and the edge's sink ({@link #startEdge}). */
  public static final String AVRO_SOURCE = "SOURCE.avro";
  public static final String AVRO_SINK = "SINK.avro";

  private final String agentName;
  private final int monitoringPort = Ports.free();
  private final int sourcePort;
  /** Whether the source on {@link #sourcePort} is Flume's HTTP source (so {@link #postEvents} works). */
  private final boolean httpSource;
  private final Path configFile;
  /** The Flume it runs (1.11.0 by default). */
  private final ApacheRuntime runtime;

  private FlumeAgent(Path dir, String agentName, String config, int sourcePort, boolean httpSource) {
    this(ApacheRuntime.FLUME, dir, agentName, config, sourcePort, httpSource);
  }

  private FlumeAgent(ApacheRuntime runtime, Path dir, String agentName, String config, int sourcePort, boolean httpSource) {
    super(dir, Duration.ofSeconds(10));
    if (runtime.product() != ApacheRuntime.Product.FLUME) throw new IllegalArgumentException("not a Flume runtime: " + runtime);
    this.runtime = runtime;
    this.agentName = agentName;
    this.sourcePort = sourcePort;
    this.httpSource = httpSource;
    Path conf = dir.resolve("flume.conf");
    this.configFile = conf;
    Dirs.write(conf, config);
    Path log4j2 = dir.resolve("log4j2.xml");
    Dirs.write(log4j2, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<Configuration status=\"ERROR\">\n"
        + "  <Appenders>\n"
        + "    <Console name=\"out\" target=\"SYSTEM_OUT\">\n"
        + "      <PatternLayout pattern=\"%d{HH:mm:ss.SSS} %-5p [%t] %c{1} - %m%n\"/>\n"
        + "    </Console>\n"
        + "  </Appenders>\n"
        + "  <Loggers>\n"
        + "    <Logger name=\"org.apache.kafka\" level=\"WARN\"/>\n"
        + "    <Logger name=\"org.eclipse.jetty\" level=\"WARN\"/>\n"
        + "    <Root level=\"INFO\"><AppenderRef ref=\"out\"/></Root>\n"
        + "  </Loggers>\n"
        + "</Configuration>\n");
    // Flume 1.9 logs through log4j 1, 1.10+ through Log4j 2: each reads its own file
    Path log4j1 = dir.resolve("log4j.properties");
    Dirs.write(log4j1, "log4j.rootLogger=INFO, out\n"
        + "log4j.appender.out=org.apache.log4j.ConsoleAppender\n"
        + "log4j.appender.out.layout=org.apache.log4j.PatternLayout\n"
        + "log4j.appender.out.layout.ConversionPattern=%d{HH:mm:ss.SSS} %-5p [%t] %c{1} - %m%n\n"
        + "log4j.logger.org.apache.kafka=WARN\n"
        + "log4j.logger.org.eclipse.jetty=WARN\n");
    List<String> opts = JvmProcess.baseOptions("128m");
    opts.addAll(JvmProcess.jmxOptions(jmxPort));
    opts.add("-Dlog4j.configuration=file:" + log4j1);
    opts.add("-Dflume.monitoring.type=http");
    opts.add("-Dflume.monitoring.port=" + monitoringPort);
    opts.add("-Dlog4j.configurationFile=" + log4j2);
    opts.add("-Dflume.log.dir=" + dir);
    process = new JvmProcess("flume-" + agentName, runtime, opts,
        "org.apache.flume.node.Application",
        Arrays.asList("-n", agentName, "-f", conf.toString(), "--no-reload-conf"),
        dir, dir.resolve("flume-" + agentName + ".log"));
  }

  /**
   * Starts an agent on a configuration of one's own (properties text for agent {@code agentName}),
   * waits until {@code /metrics} answers JSON naming at least one component.
   */
  public static FlumeAgent start(Path dir, String agentName, String config) {
    FlumeAgent agent = new FlumeAgent(Dirs.fresh(dir), agentName, config, -1, false);
    agent.launch();
    return agent;
  }

  /**
   * Agent {@code agent}: HTTP source ({@link #sourcePort()}, Flume's JSON handler) -> memory
   * channel -> Kafka sink writing to {@code topic} on {@code bootstrapServers} (acks=all).
   */
  public static FlumeAgent startKafkaFlow(Path dir, String bootstrapServers, String topic) {
    return startKafkaFlow(ApacheRuntime.FLUME, dir, bootstrapServers, topic);
  }

  /** As {@link #startKafkaFlow(Path, String, String)}, the agent running Flume {@code runtime} ({@code ApacheRuntime.flume("1.9.0")}). */
  public static FlumeAgent startKafkaFlow(ApacheRuntime runtime, Path dir, String bootstrapServers, String topic) {
    int sourcePort = Ports.free();
    String config = components("agent", "http", "mem", "kafka")
        + httpSource("agent", "http", sourcePort, "mem")
        + memoryChannel("agent", "mem")
        + kafkaSink("agent", "kafka", "mem", bootstrapServers, topic);
    FlumeAgent agent = new FlumeAgent(runtime, Dirs.fresh(dir), "agent", config, sourcePort, true);
    agent.launch();
    return agent;
  }

  /**
   * The collecting tier of a transport network: agent {@code name} with an avro source
   * ({@link #AVRO_SOURCE}, on {@link #sourcePort()}) -> memory channel -> Kafka sink
   * ({@link #SINK}) writing to {@code topic}. Feed it with {@link #startEdge}.
   */
  public static FlumeAgent startCollector(Path dir, String name, String bootstrapServers, String topic) {
    int sourcePort = Ports.free();
    String config = components(name, "avro", "mem", "kafka")
        + name + ".sources.avro.type = avro\n"
        + name + ".sources.avro.bind = " + Ports.HOST + "\n"
        + name + ".sources.avro.port = " + sourcePort + "\n"
        + name + ".sources.avro.channels = mem\n\n"
        + memoryChannel(name, "mem")
        + kafkaSink(name, "kafka", "mem", bootstrapServers, topic);
    FlumeAgent agent = new FlumeAgent(Dirs.fresh(dir), name, config, sourcePort, false);
    agent.launch();
    return agent;
  }

  /**
   * The client tier: agent {@code name} with an HTTP source ({@link #SOURCE}, {@link #postEvents})
   * -> memory channel -> avro sink ({@link #AVRO_SINK}) sending to {@code next}'s avro source.
   */
  public static FlumeAgent startEdge(Path dir, String name, FlumeAgent next) {
    if (next.httpSource || next.sourcePort < 0) {
      throw new IllegalArgumentException(next + " has no avro source to send to: start it with startCollector");
    }
    int sourcePort = Ports.free();
    String config = components(name, "http", "mem", "avro")
        + httpSource(name, "http", sourcePort, "mem")
        + memoryChannel(name, "mem")
        + name + ".sinks.avro.type = avro\n"
        + name + ".sinks.avro.channel = mem\n"
        + name + ".sinks.avro.hostname = " + next.host() + "\n"
        + name + ".sinks.avro.port = " + next.sourcePort + "\n"
        + name + ".sinks.avro.batch-size = 100\n";
    FlumeAgent agent = new FlumeAgent(Dirs.fresh(dir), name, config, sourcePort, true);
    agent.launch();
    return agent;
  }

  private static String components(String agent, String source, String channel, String sink) {
    return agent + ".sources = " + source + "\n" + agent + ".channels = " + channel + "\n" + agent + ".sinks = " + sink + "\n\n";
  }

  private static String httpSource(String agent, String name, int port, String channel) {
    String p = agent + ".sources." + name;
    return p + ".type = http\n" + p + ".bind = " + Ports.HOST + "\n" + p + ".port = " + port + "\n" + p + ".channels = " + channel + "\n\n";
  }

  private static String memoryChannel(String agent, String name) {
    String p = agent + ".channels." + name;
    return p + ".type = memory\n" + p + ".capacity = 10000\n" + p + ".transactionCapacity = 1000\n\n";
  }

  private static String kafkaSink(String agent, String name, String channel, String bootstrapServers, String topic) {
    String p = agent + ".sinks." + name;
    return p + ".type = org.apache.flume.sink.kafka.KafkaSink\n"
        + p + ".channel = " + channel + "\n"
        + p + ".kafka.bootstrap.servers = " + bootstrapServers + "\n"
        + p + ".kafka.topic = " + topic + "\n"
        + p + ".flumeBatchSize = 100\n"
        + p + ".kafka.producer.acks = all\n"
        + p + ".kafka.producer.linger.ms = 5\n";
  }

  private void launch() {
    process.start();
    try {
      awaitReady(READY_TIMEOUT);
    } catch (RuntimeException e) {
      process.kill();
      throw e;
    }
  }

  private void awaitReady(Duration timeout) {
    Await.until("Flume agent " + agentName + " serving /metrics on " + monitoringPort, timeout, () -> {
      if (sourcePort > 0 && !Ports.accepts(sourcePort)) {
        return false;
      }
      String json = metricsJson();
      return json.startsWith("{") && (json.contains("\"SOURCE.") || json.contains("\"SINK."));
    }, process);
  }

  /** The Flume this agent runs. */
  public ApacheRuntime runtime() {
    return runtime;
  }

  public String agentName() {
    return agentName;
  }

  /** HTTP JSON monitoring port: {@code GET http://host:port/metrics}. */
  public int monitoringPort() {
    return monitoringPort;
  }

  /**
   * Port of the harness's source: the HTTP source of {@link #startKafkaFlow} and {@link #startEdge},
   * the avro source of {@link #startCollector}; -1 for an agent of one's own configuration.
   */
  public int sourcePort() {
    return sourcePort;
  }

  /** The agent's properties file ({@code -f}), as an operator's monitor configuration names it ({@code configFile}). */
  public Path configFile() {
    return configFile;
  }

  /** Kills the agent if it runs, starts it again with the same configuration and ports. */
  @Override
  public void restart() {
    process.kill();
    launch();
  }

  /** The body of {@code GET /metrics}: {@code {"SOURCE.http":{"EventReceivedCount":"12",...},...}}. */
  public String metricsJson() throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL("http://" + Ports.HOST + ":" + monitoringPort + "/metrics")
        .openConnection();
    c.setConnectTimeout(1000);
    c.setReadTimeout(3000);
    try (InputStream in = c.getInputStream()) {
      return new String(ApacheRuntime.readAll(in), StandardCharsets.UTF_8).trim();
    } finally {
      c.disconnect();
    }
  }

  /**
   * One counter of one component from {@code /metrics} ({@code metric("CHANNEL.mem", "EventPutSuccessCount")}),
   * or -1 when the component or the key is absent.
   */
  public long metric(String component, String key) throws IOException {
    return metric(metricsJson(), component, key);
  }

  /** Reads a value from a {@code /metrics} document (flat objects of string values, as Flume writes them). */
  public static long metric(String json, String component, String key) {
    Matcher obj = Pattern.compile("\"" + Pattern.quote(component) + "\"\\s*:\\s*\\{([^}]*)\\}").matcher(json);
    if (!obj.find()) {
      return -1;
    }
    Matcher v = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"?(-?[0-9]+)").matcher(obj.group(1));
    return v.find() ? Long.parseLong(v.group(1)) : -1;
  }

  /** Posts events to the HTTP source (Flume's JSON handler), one event per body; returns the HTTP status. */
  public int postEvents(List<String> bodies) throws IOException {
    if (!httpSource) {
      throw new IllegalStateException(this + " has no HTTP source of the harness");
    }
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < bodies.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"headers\":{},\"body\":\"").append(escape(bodies.get(i))).append("\"}");
    }
    json.append(']');
    HttpURLConnection c = (HttpURLConnection) new URL("http://" + Ports.HOST + ":" + sourcePort + "/")
        .openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setConnectTimeout(1000);
    c.setReadTimeout(10000);
    c.setRequestProperty("Content-Type", "application/json; charset=UTF-8");
    try (OutputStream out = c.getOutputStream()) {
      out.write(json.toString().getBytes(StandardCharsets.UTF_8));
    }
    int code = c.getResponseCode();
    c.disconnect();
    return code;
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') {
        b.append('\\').append(ch);
      } else if (ch < 0x20) {
        b.append(String.format("\\u%04x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "flume-" + agentName + " (metrics " + monitoringPort + ", jmx " + jmxPort + ", source " + sourcePort + ")";
  }
}
