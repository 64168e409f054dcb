package org.doflamingo.collect.flume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.Collector;
import org.doflamingo.collect.Http;
import org.doflamingo.collect.Scrape;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.collect.events.EventRecorder;
import org.doflamingo.config.FlumeAgentConfig;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * Reads a Flume agent's HTTP JSON monitoring ({@code flume.monitoring.type=http}, {@code GET
 * /metrics}): {@code {"SOURCE.r": {"Type": "SOURCE", "EventReceivedCount": "123", ...}, ...}}.
 * Every numeric attribute of every component, custom ones included, becomes
 * {@code flume.<type>.<Attribute>} (type lower-cased: source, channel, sink) labelled
 * {@code agent} and {@code component}. Kind: the catalogue's when it lists the series, else counter
 * for attributes ending in {@code Count} and gauge otherwise; {@code StartTime} and
 * {@code StopTime} (timestamps) are skipped. The answer is parsed whole before anything is
 * recorded. Synchronous, on the caller's thread; safe from many threads.
 */
public final class FlumeCollector implements Collector {
  /** One component of the agent as its last scrape listed it. */
  public static final class Component {
    /** SOURCE, CHANNEL, SINK (or whatever type a custom component reports). */
    public final String type;
    public final String name;

    public Component(String type, String name) {
      this.type = type;
      this.name = name;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Component && ((Component) o).type.equals(type) && ((Component) o).name.equals(name);
    }

    @Override
    public int hashCode() {
      return type.hashCode() * 31 + name.hashCode();
    }

    @Override
    public String toString() {
      return type + "." + name;
    }
  }

  public static final int DEFAULT_CONNECT_TIMEOUT_MS = 2000;
  public static final int DEFAULT_READ_TIMEOUT_MS = 5000;
  public static final int MAX_RESPONSE_BYTES = 4 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FlumeAgentConfig agent;
  private final MetricCatalogue catalogue;
  private final int connectTimeoutMs;
  private final int readTimeoutMs;
  private final String target;
  private volatile List<Component> components = Collections.emptyList();
  private volatile FlumeEvents events;

  public FlumeCollector(FlumeAgentConfig agent, MetricCatalogue catalogue) {
    this(agent, catalogue, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS);
  }

  public FlumeCollector(FlumeAgentConfig agent, MetricCatalogue catalogue, int connectTimeoutMs, int readTimeoutMs) {
    if (agent.httpPort <= 0) throw new IllegalArgumentException("flume agent " + agent.name + " has no httpPort");
    if (connectTimeoutMs <= 0 || readTimeoutMs <= 0) throw new IllegalArgumentException("timeouts must be positive");
    this.agent = agent;
    this.catalogue = catalogue;
    this.connectTimeoutMs = connectTimeoutMs;
    this.readTimeoutMs = readTimeoutMs;
    this.target = "flume agent " + agent.name + " at " + agent.host + ":" + agent.httpPort;
    this.events = new FlumeEvents(agent.name, catalogue, EventRecorder.NONE, 15_000);
  }

  /**
   * Records the agent's transitions (channel fill crossing its rule, sink connection failures
   * starting and stopping) to {@code recorder}; failures stop after {@code quietMs} without one.
   * Returns this collector.
   */
  public FlumeCollector recordingTo(EventRecorder recorder, long quietMs) {
    this.events = new FlumeEvents(agent.name, catalogue, recorder, quietMs);
    return this;
  }

  @Override
  public String target() {
    return target;
  }

  /** The components (type and name) of the last successful scrape, in the agent's order; empty before. */
  public List<Component> components() {
    return components;
  }

  /**
   * Reads {@code /metrics} and records every numeric attribute.
   *
   * @return how many values were recorded
   */
  public int collect(Scrape scrape) throws CollectException {
    String host = agent.host.indexOf(':') >= 0 && !agent.host.startsWith("[") ? "[" + agent.host + "]" : agent.host;
    String body = Http.get(target, "http://" + host + ":" + agent.httpPort + "/metrics", connectTimeoutMs, readTimeoutMs,
        MAX_RESPONSE_BYTES);
    Parsed p = parse(target, body, catalogue);
    for (Value v : p.values) {
      scrape.add(SeriesKey.of(v.name, "agent", agent.name, "component", v.component), v.kind, v.value);
    }
    components = Collections.unmodifiableList(p.components);
    events.read(p.values, scrape.timeMillis());
    return p.values.size();
  }

  static final class Value {
    final String name;
    final String component;
    final SeriesKind kind;
    final double value;

    Value(String name, String component, SeriesKind kind, double value) {
      this.name = name;
      this.component = component;
      this.kind = kind;
      this.value = value;
    }
  }

  static final class Parsed {
    final List<Component> components = new ArrayList<>();
    final List<Value> values = new ArrayList<>();
  }

  static Parsed parse(String target, String body, MetricCatalogue catalogue) throws CollectException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new CollectException(target + ": /metrics is not JSON: " + snippet(body), e);
    }
    if (root == null || !root.isObject()) throw new CollectException(target + ": /metrics is not a JSON object: " + snippet(body));
    Parsed p = new Parsed();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> f = it.next();
      String key = f.getKey();
      JsonNode attrs = f.getValue();
      int dot = key.indexOf('.');
      if (dot <= 0 || dot == key.length() - 1 || !attrs.isObject()) {
        throw new CollectException(target + ": /metrics entry " + snippet(key) + " is not a TYPE.name component object");
      }
      String type = attrs.path("Type").asText(key.substring(0, dot));
      if (type.isEmpty() || !type.equals(key.substring(0, dot))) type = key.substring(0, dot);
      String name = key.substring(dot + 1);
      p.components.add(new Component(type, name));
      String prefix = "flume." + type.toLowerCase(Locale.ROOT) + ".";
      for (Iterator<Map.Entry<String, JsonNode>> at = attrs.fields(); at.hasNext();) {
        Map.Entry<String, JsonNode> a = at.next();
        String attr = a.getKey();
        if (attr.equals("Type") || attr.equals("StartTime") || attr.equals("StopTime")) continue;
        JsonNode v = a.getValue();
        if (!v.isValueNode() || v.isNull()) continue;
        double d;
        try {
          d = Double.parseDouble(v.asText().trim());
        } catch (NumberFormatException e) {
          continue; // not a numeric attribute
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) continue;
        String series = prefix + attr;
        MetricSpec spec = catalogue.get(series);
        SeriesKind kind = spec != null ? ("counter".equals(spec.kind) ? SeriesKind.COUNTER : SeriesKind.GAUGE)
            : attr.endsWith("Count") ? SeriesKind.COUNTER : SeriesKind.GAUGE;
        p.values.add(new Value(series, name, kind, d));
      }
    }
    return p;
  }

  private static String snippet(String s) {
    String one = s.replaceAll("\\p{Cntrl}", "?");
    return "\"" + (one.length() > 120 ? one.substring(0, 120) + "…" : one) + "\"";
  }

  /** One scrape for the collection service; see {@link #collect(Scrape)}. */
  @Override
  public void scrape(Scrape out) throws CollectException {
    collect(out);
  }

  /** Nothing to release: every reading opens and closes its own connection. */
  @Override
  public void close() {}
}
