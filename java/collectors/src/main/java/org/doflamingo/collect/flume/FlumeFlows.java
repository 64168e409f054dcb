package org.doflamingo.collect.flume;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.doflamingo.config.FlumeAgentConfig;
import org.doflamingo.config.KafkaClusterConfig;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.SeriesData;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * The Flume transport network as a graph: every configured agent with its sources, channels and
 * sinks (their latest rates and channel fill from the stored {@code flume.*} series), the flows
 * inside each agent, and the hops between agents and out of them.
 *
 * <p>An agent with a readable {@code configFile} is wired as its file says ({@link FlumeTopology}):
 * a source into its channels, a channel into the sinks that take from it; an avro/thrift sink hops
 * to the configured agent whose avro/thrift/http source binds that host and port (else to an
 * external {@code endpoint} node), a Kafka sink to its {@code topic} node (with the configured
 * Kafka cluster whose bootstrap servers it names, if any), a Kafka source reads from its topics,
 * an HDFS sink writes to its {@code path}. Without a file (or when it cannot be read: the error is
 * in the agent node) Flume's metrics are all there is, and they do not say how components are
 * wired: every source is joined to every channel of its agent and every channel to every sink,
 * those edges marked {@code assumed}, and no hop is known.
 *
 * <p>The answer is plain maps and lists (for Jackson): {@code {nodes: [...], edges: [...]}}. Nodes: {@code id} (opaque, {@code n0}, {@code n1}...), {@code kind} (agent, source,
 * channel, sink, topic, endpoint, path), {@code name} as written (any text: the page shows it as
 * text), agents also {@code host}, {@code wiring} (configured or assumed), {@code configFile},
 * {@code error} (why the file could not be used, naming the field) and {@code problems} (what Flume
 * would refuse in it); components also {@code agent}, {@code parent} (the agent node's id), {@code type},
 * {@code configured}, {@code reported} and their figures (rates per second, averaged over the
 * last 30 s; fill and size as last read; null when not current). Edges: {@code from}, {@code to}, {@code kind} (flow inside an agent, hop beyond it),
 * {@code assumed}, and for a hop the sending sink's {@code rate}.
 */
public final class FlumeFlows {
  /** Figures of each component kind: field name and the series it is read from. */
  static final String[][] SOURCE_FIGURES = {
      {"rate", "flume.source.EventAcceptedCount"}, {"received", "flume.source.EventReceivedCount"}};
  static final String[][] CHANNEL_FIGURES = {
      {"fill", "flume.channel.ChannelFillPercentage"}, {"size", "flume.channel.ChannelSize"},
      {"capacity", "flume.channel.ChannelCapacity"}, {"rate", "flume.channel.EventPutSuccessCount"},
      {"drain", "flume.channel.EventTakeSuccessCount"}};
  static final String[][] SINK_FIGURES = {
      {"rate", "flume.sink.EventDrainSuccessCount"}, {"failures", "flume.sink.ConnectionFailedCount"}};

  /** A latest value older than this many base steps is not current (as the other REST answers judge it). */
  private static final int CURRENT_STEPS = 5;
  /** Rates (counters) are averaged over this much of the recent past; see {@link Build#latest}. */
  static final long RATE_WINDOW_MS = 30_000;
  private static final Set<String> WILDCARDS = new HashSet<>(java.util.Arrays.asList("0.0.0.0", "::", "[::]", "*", ""));
  private static final Set<String> LOOPBACK = new HashSet<>(java.util.Arrays.asList("localhost", "127.0.0.1", "::1", "[::1]"));

  private final MonitorConfig config;
  private final Engine engine;
  private final FlumeTopologies topologies;

  public FlumeFlows(MonitorConfig config, Engine engine, FlumeTopologies topologies) {
    this.config = config;
    this.engine = engine;
    this.topologies = topologies;
  }

  /**
   * The graph of every agent, or of agent {@code agent} with the agents and end points it
   * exchanges events with directly.
   *
   * @throws IllegalArgumentException {@code agent} is not a configured Flume agent
   */
  public Map<String, Object> graph(String agent, long nowMs) {
    if (agent != null) {
      boolean known = false;
      for (FlumeAgentConfig a : config.flume) known |= a.name.equals(agent);
      if (!known) throw new IllegalArgumentException("clusterName: no Flume agent \"" + agent + "\" in the configuration");
    }
    Build b = new Build(nowMs);
    for (FlumeAgentConfig a : config.flume) b.agent(a);
    b.hops();
    return b.answer(agent);
  }

  /** One answer being built. */
  private final class Build {
    final long now;
    final long step = engine.baseStepMs();
    /** Metric → agent → component → series id: one select per metric for the whole answer. */
    final Map<String, Map<String, Map<String, Integer>>> series = new HashMap<>();
    final List<Map<String, Object>> nodes = new ArrayList<>();
    final List<Map<String, Object>> edges = new ArrayList<>();
    final Map<String, Map<String, Object>> byId = new HashMap<>();
    /** Per agent name: its topology (null when assumed) and its component nodes by kind and name. */
    final Map<String, FlumeTopology> topologyOf = new HashMap<>();
    final Map<String, Map<FlumeTopology.Kind, Map<String, Map<String, Object>>>> componentsOf = new HashMap<>();
    final Map<String, FlumeAgentConfig> configOf = new HashMap<>();
    /** End nodes (topic, endpoint, path) by kind, cluster and name, so two sinks to one topic meet there. */
    final Map<String, Map<String, Object>> ends = new HashMap<>();

    Build(long now) {
      this.now = now;
      for (String metric : engine.metricNames()) {
        if (!metric.startsWith("flume.source.") && !metric.startsWith("flume.channel.") && !metric.startsWith("flume.sink.")) continue;
        Map<String, Map<String, Integer>> perAgent = new HashMap<>();
        for (int id : engine.select(metric, Collections.<String, String>emptyMap())) {
          SeriesKey k = engine.key(id);
          String agent = k.label("agent");
          String component = k.label("component");
          if (agent == null || component == null) continue;
          perAgent.computeIfAbsent(agent, x -> new HashMap<>()).put(component, id);
        }
        series.put(metric, perAgent);
      }
    }

    Map<String, Object> node(String kind, String name) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("id", "n" + nodes.size());
      n.put("kind", kind);
      n.put("name", name);
      nodes.add(n);
      byId.put((String) n.get("id"), n);
      return n;
    }

    void edge(Map<String, Object> from, Map<String, Object> to, String kind, boolean assumed, Object rate) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("from", from.get("id"));
      e.put("to", to.get("id"));
      e.put("kind", kind);
      e.put("assumed", assumed);
      if (kind.equals("hop")) e.put("rate", rate);
      edges.add(e);
    }

    /** Components the metrics report for the agent, by kind, in name order. */
    Map<FlumeTopology.Kind, Set<String>> reported(String agent) {
      Map<FlumeTopology.Kind, Set<String>> out = new LinkedHashMap<>();
      for (FlumeTopology.Kind kind : FlumeTopology.Kind.values()) out.put(kind, new TreeSet<>());
      for (Map.Entry<String, Map<String, Map<String, Integer>>> m : series.entrySet()) {
        Map<String, Integer> components = m.getValue().get(agent);
        if (components == null) continue;
        String kind = m.getKey().substring("flume.".length(), m.getKey().indexOf('.', "flume.".length()));
        out.get(FlumeTopology.Kind.valueOf(kind.toUpperCase(Locale.ROOT))).addAll(components.keySet());
      }
      return out;
    }

    void agent(FlumeAgentConfig a) {
      FlumeTopologies.Result r = topologies.get(a);
      FlumeTopology t = r.topology;
      configOf.put(a.name, a);
      topologyOf.put(a.name, t);
      Map<String, Object> agentNode = node("agent", a.name);
      agentNode.put("host", a.host);
      agentNode.put("wiring", t != null ? "configured" : "assumed");
      agentNode.put("configFile", a.configFile == null ? null : a.configFile.toString());
      agentNode.put("error", r.error);
      agentNode.put("problems", t == null ? Collections.emptyList() : t.problems());

      Map<FlumeTopology.Kind, Set<String>> reported = reported(a.name);
      Map<FlumeTopology.Kind, Map<String, Map<String, Object>>> mine = new LinkedHashMap<>();
      componentsOf.put(a.name, mine);
      for (FlumeTopology.Kind kind : FlumeTopology.Kind.values()) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        mine.put(kind, byName);
        Set<String> names = new LinkedHashSet<>();
        if (t != null) names.addAll((kind == FlumeTopology.Kind.SOURCE ? t.sources() : kind == FlumeTopology.Kind.CHANNEL
            ? t.channels() : t.sinks()).keySet());
        names.addAll(reported.get(kind));
        for (String name : names) {
          FlumeTopology.Component c = t == null ? null : t.component(kind, name);
          Map<String, Object> n = node(kind.name().toLowerCase(Locale.ROOT), name);
          n.put("agent", a.name);
          n.put("parent", agentNode.get("id"));
          n.put("type", c == null ? null : c.alias());
          n.put("configured", c != null);
          n.put("reported", reported.get(kind).contains(name));
          String[][] figures = kind == FlumeTopology.Kind.SOURCE ? SOURCE_FIGURES
              : kind == FlumeTopology.Kind.CHANNEL ? CHANNEL_FIGURES : SINK_FIGURES;
          for (String[] f : figures) n.put(f[0], latest(f[1], a.name, name));
          byName.put(name, n);
        }
      }
      Map<String, Map<String, Object>> sources = mine.get(FlumeTopology.Kind.SOURCE);
      Map<String, Map<String, Object>> channels = mine.get(FlumeTopology.Kind.CHANNEL);
      Map<String, Map<String, Object>> sinks = mine.get(FlumeTopology.Kind.SINK);
      if (t != null) {
        for (FlumeTopology.Component s : t.sources().values()) {
          for (String ch : s.channels) if (channels.containsKey(ch)) edge(sources.get(s.name), channels.get(ch), "flow", false, null);
        }
        for (FlumeTopology.Component k : t.sinks().values()) {
          for (String ch : k.channels) if (channels.containsKey(ch)) edge(channels.get(ch), sinks.get(k.name), "flow", false, null);
        }
      } else {
        for (Map<String, Object> ch : channels.values()) {
          for (Map<String, Object> s : sources.values()) edge(s, ch, "flow", true, null);
          for (Map<String, Object> k : sinks.values()) edge(ch, k, "flow", true, null);
        }
      }
    }

    /**
     * A gauge's newest value (fill, size) within the last {@link #CURRENT_STEPS} steps; a counter's
     * rate as the mean over the last {@link #RATE_WINDOW_MS}: sinks drain in batches and back off
     * up to 5 s while their channel is empty, so one step's rate flips between 0 and a burst.
     */
    Double latest(String metric, String agent, String component) {
      Map<String, Map<String, Integer>> perAgent = series.get(metric);
      Integer id = perAgent == null || perAgent.get(agent) == null ? null : perAgent.get(agent).get(component);
      if (id == null) return null;
      if (engine.kind(id) != SeriesKind.COUNTER) {
        double v = engine.query(id, now - CURRENT_STEPS * step, now, step).latest();
        return Double.isNaN(v) ? null : v;
      }
      SeriesData d = engine.query(id, now - Math.max(RATE_WINDOW_MS, CURRENT_STEPS * step), now, step);
      double sum = 0;
      int known = 0;
      for (double v : d.values) {
        if (Double.isNaN(v)) continue;
        sum += v;
        known++;
      }
      return known == 0 ? null : sum / known;
    }

    /** Host names as compared: lower case; a loopback or wildcard address means the agent's own configured host. */
    String effectiveHost(String host, FlumeAgentConfig agent, boolean listening) {
      String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
      if (LOOPBACK.contains(h) || (listening && WILDCARDS.contains(h))) h = agent.host.trim().toLowerCase(Locale.ROOT);
      return h;
    }

    void hops() {
      // Where each listening source can be reached: host:port → its nodes (two agents may claim one address; both are shown).
      Map<String, List<Map<String, Object>>> listening = new TreeMap<>();
      for (Map.Entry<String, FlumeTopology> e : topologyOf.entrySet()) {
        if (e.getValue() == null) continue;
        FlumeAgentConfig a = configOf.get(e.getKey());
        for (FlumeTopology.Component s : e.getValue().sources().values()) {
          if (s.bind() == null) continue; // Flume starts no avro/thrift/http source without bind and port
          String host = effectiveHost(s.bind(), a, true);
          listening.computeIfAbsent(host + "\u0000" + s.port(), x -> new ArrayList<>())
              .add(componentsOf.get(e.getKey()).get(FlumeTopology.Kind.SOURCE).get(s.name));
        }
      }
      for (FlumeAgentConfig a : config.flume) {
        FlumeTopology t = topologyOf.get(a.name);
        if (t == null) continue;
        Map<FlumeTopology.Kind, Map<String, Map<String, Object>>> mine = componentsOf.get(a.name);
        for (FlumeTopology.Component k : t.sinks().values()) {
          Map<String, Object> sink = mine.get(FlumeTopology.Kind.SINK).get(k.name);
          Object rate = sink.get("rate");
          if (k.hostname() != null) {
            List<Map<String, Object>> to = listening.get(effectiveHost(k.hostname(), a, false) + "\u0000" + k.port());
            if (to != null) {
              for (Map<String, Object> source : to) edge(sink, source, "hop", false, rate);
            } else {
              Map<String, Object> end = end("endpoint", null, k.hostname() + ":" + k.port());
              end.put("type", k.alias());
              edge(sink, end, "hop", false, rate);
            }
          }
          for (String topic : k.topics()) edge(sink, topic(topic, k.bootstrapServers()), "hop", false, rate);
          if (k.hdfsPath() != null) edge(sink, end("path", null, k.hdfsPath()), "hop", false, rate);
        }
        for (FlumeTopology.Component s : t.sources().values()) {
          Map<String, Object> source = mine.get(FlumeTopology.Kind.SOURCE).get(s.name);
          for (String topic : s.topics()) edge(topic(topic, s.bootstrapServers()), source, "hop", false, source.get("rate"));
        }
      }
    }

    /** The topic's node: with the configured Kafka cluster that has one of these bootstrap servers, else keyed by them. */
    Map<String, Object> topic(String topic, List<String> bootstrap) {
      String cluster = null;
      for (KafkaClusterConfig k : config.kafka) {
        for (KafkaClusterConfig.Broker b : k.brokers) {
          for (String s : bootstrap) if (b.bootstrap != null && b.bootstrap.equalsIgnoreCase(s)) cluster = cluster == null ? k.name : cluster;
        }
      }
      Map<String, Object> n = end("topic", cluster != null ? cluster : String.join(",", bootstrap), topic);
      n.put("cluster", cluster);
      n.put("bootstrapServers", String.join(",", bootstrap));
      return n;
    }

    Map<String, Object> end(String kind, String scope, String name) {
      String key = kind + "\u0000" + (scope == null ? "" : scope) + "\u0000" + name;
      Map<String, Object> n = ends.get(key);
      if (n == null) ends.put(key, n = node(kind, name));
      return n;
    }

    /** Everything, or the agent with the agents and end nodes one hop (or one shared end node) away. */
    Map<String, Object> answer(String agent) {
      Map<String, Object> out = new LinkedHashMap<>();
      if (agent == null) {
        out.put("nodes", nodes);
        out.put("edges", edges);
        return out;
      }
      Set<String> keptAgents = new HashSet<>(Collections.singleton(agent));
      Set<String> nearEnds = new HashSet<>();
      for (Map<String, Object> e : edges) {
        if (!e.get("kind").equals("hop")) continue;
        Map<String, Object> from = byId.get(e.get("from"));
        Map<String, Object> to = byId.get(e.get("to"));
        if (agent.equals(from.get("agent")) && to.get("agent") != null) keptAgents.add((String) to.get("agent"));
        if (agent.equals(to.get("agent")) && from.get("agent") != null) keptAgents.add((String) from.get("agent"));
        if (agent.equals(from.get("agent")) && to.get("agent") == null) nearEnds.add((String) to.get("id"));
        if (agent.equals(to.get("agent")) && from.get("agent") == null) nearEnds.add((String) from.get("id"));
      }
      for (Map<String, Object> e : edges) { // agents sharing an end node with the chosen one (its topic read by another)
        Map<String, Object> from = byId.get(e.get("from"));
        Map<String, Object> to = byId.get(e.get("to"));
        if (nearEnds.contains(from.get("id")) && to.get("agent") != null) keptAgents.add((String) to.get("agent"));
        if (nearEnds.contains(to.get("id")) && from.get("agent") != null) keptAgents.add((String) from.get("agent"));
      }
      Set<String> keptNodes = new HashSet<>();
      for (Map<String, Object> n : nodes) {
        boolean isAgent = n.get("kind").equals("agent");
        String owner = isAgent ? (String) n.get("name") : (String) n.get("agent");
        if (owner != null && keptAgents.contains(owner)) keptNodes.add((String) n.get("id"));
      }
      for (Map<String, Object> e : edges) { // the end nodes of the kept agents
        if (keptNodes.contains(e.get("from")) && byId.get(e.get("to")).get("agent") == null) keptNodes.add((String) e.get("to"));
        if (keptNodes.contains(e.get("to")) && byId.get(e.get("from")).get("agent") == null) keptNodes.add((String) e.get("from"));
      }
      List<Map<String, Object>> ns = new ArrayList<>();
      for (Map<String, Object> n : nodes) if (keptNodes.contains(n.get("id"))) ns.add(n);
      List<Map<String, Object>> es = new ArrayList<>();
      for (Map<String, Object> e : edges) if (keptNodes.contains(e.get("from")) && keptNodes.contains(e.get("to"))) es.add(e);
      out.put("nodes", ns);
      out.put("edges", es);
      return out;
    }
  }
}
