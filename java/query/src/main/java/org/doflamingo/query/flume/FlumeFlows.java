package org.doflamingo.query.flume;

import static org.doflamingo.collect.catalogue.MetricNames.CHANNEL_CAPACITY;
import static org.doflamingo.collect.catalogue.MetricNames.CHANNEL_FILL;
import static org.doflamingo.collect.catalogue.MetricNames.CHANNEL_PUT;
import static org.doflamingo.collect.catalogue.MetricNames.CHANNEL_SIZE;
import static org.doflamingo.collect.catalogue.MetricNames.CHANNEL_TAKE;
import static org.doflamingo.collect.catalogue.MetricNames.SINK_CONNECTION_FAILED;
import static org.doflamingo.collect.catalogue.MetricNames.SINK_DRAINED;
import static org.doflamingo.collect.catalogue.MetricNames.SOURCE_ACCEPTED;
import static org.doflamingo.collect.catalogue.MetricNames.SOURCE_RECEIVED;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.doflamingo.engine.LatestValues;
import org.doflamingo.engine.SeriesData;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.doflamingo.query.Current;
import org.doflamingo.query.Reads;

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
 * <p>The answer is a {@link FlowGraph} of typed nodes ({@link AgentNode}, {@link ComponentNode},
 * {@link TopicNode}, {@link EndpointNode}, a path's plain {@link FlowNode}) and edges
 * ({@link FlowEdge}, {@link HopEdge}). Every figure comes from bulk reads: one select per Flume
 * metric, keys and kinds from the monitor's index, the gauges' current values in one read and the
 * counters' recent rates in another, whatever the number of agents. One per monitor: it keeps
 * the topologies read from the files, so a file is parsed again only when it changed.
 */
public final class FlumeFlows {
  /** Figures of each component kind: field name and the series it is read from. */
  static final String[][] SOURCE_FIGURES = {{"rate", SOURCE_ACCEPTED}, {"received", SOURCE_RECEIVED}};
  static final String[][] CHANNEL_FIGURES = {
      {"fill", CHANNEL_FILL}, {"size", CHANNEL_SIZE}, {"capacity", CHANNEL_CAPACITY}, {"rate", CHANNEL_PUT}, {"drain", CHANNEL_TAKE}};
  static final String[][] SINK_FIGURES = {{"rate", SINK_DRAINED}, {"failures", SINK_CONNECTION_FAILED}};

  /** Rates (counters) are averaged over this much of the recent past; see {@link Build#figures}. */
  static final long RATE_WINDOW_MS = 30_000;
  private static final Set<String> WILDCARDS = new HashSet<>(Arrays.asList("0.0.0.0", "::", "[::]", "*", ""));
  private static final Set<String> LOOPBACK = new HashSet<>(Arrays.asList("localhost", "127.0.0.1", "::1", "[::1]"));

  private final Reads reads;
  private final FlumeTopologies topologies = new FlumeTopologies();

  public FlumeFlows(Reads reads) {
    this.reads = reads;
  }

  /** The topologies of the agents' files, as this graph reads them (cached until a file changes). */
  public FlumeTopologies topologies() {
    return topologies;
  }

  /**
   * The graph of every agent, or of agent {@code agent} with the agents and end points it
   * exchanges events with directly.
   *
   * @throws IllegalArgumentException {@code agent} is not a configured Flume agent
   */
  public FlowGraph graph(String agent, long nowMs) {
    MonitorConfig config = reads.monitor().config();
    if (agent != null) {
      boolean known = false;
      for (FlumeAgentConfig a : config.flume) known |= a.name.equals(agent);
      if (!known) throw new IllegalArgumentException("clusterName: no Flume agent \"" + agent + "\" in the configuration");
    }
    Build b = new Build(config, nowMs);
    for (FlumeAgentConfig a : config.flume) b.agent(a);
    b.hops();
    return b.answer(agent);
  }

  /** One answer being built. */
  private final class Build {
    final MonitorConfig config;
    /** Metric → agent → component → series id: one select per metric for the whole answer. */
    final Map<String, Map<String, Map<String, Integer>>> series = new HashMap<>();
    /** The figure of every series of {@link #series}, null where not current. */
    final Map<Integer, Double> figures;
    final List<FlowNode> nodes = new ArrayList<>();
    final List<FlowEdge> edges = new ArrayList<>();
    final Map<String, FlowNode> byId = new HashMap<>();
    /** Per agent name: its topology (null when assumed) and its component nodes by kind and name. */
    final Map<String, FlumeTopology> topologyOf = new HashMap<>();
    final Map<String, Map<FlumeTopology.Kind, Map<String, ComponentNode>>> componentsOf = new HashMap<>();
    final Map<String, FlumeAgentConfig> configOf = new HashMap<>();
    /** End nodes (topic, endpoint, path) by kind, cluster and name, so two sinks to one topic meet there. */
    final Map<String, FlowNode> ends = new HashMap<>();

    Build(MonitorConfig config, long now) {
      this.config = config;
      Engine engine = reads.engine();
      List<Integer> all = new ArrayList<>();
      for (String metric : engine.metricNames()) {
        if (!metric.startsWith("flume.source.") && !metric.startsWith("flume.channel.") && !metric.startsWith("flume.sink.")) continue;
        int[] ids = engine.select(metric, Collections.<String, String>emptyMap());
        SeriesKey[] keys = reads.index().keys(ids);
        Map<String, Map<String, Integer>> perAgent = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
          String agent = keys[i].label("agent");
          String component = keys[i].label("component");
          if (agent == null || component == null) continue;
          perAgent.computeIfAbsent(agent, x -> new HashMap<>()).put(component, ids[i]);
          all.add(ids[i]);
        }
        series.put(metric, perAgent);
      }
      figures = figures(all, now);
    }

    /**
     * A gauge's newest value (fill, size) within the current window; a counter's rate as the mean
     * over the last {@link #RATE_WINDOW_MS}: sinks drain in batches and back off up to 5 s while
     * their channel is empty, so one step's rate flips between 0 and a burst. Gauges in one read,
     * counters in another.
     */
    Map<Integer, Double> figures(List<Integer> ids, long now) {
      int[] all = new int[ids.size()];
      for (int i = 0; i < all.length; i++) all[i] = ids.get(i);
      SeriesKind[] kinds = reads.index().kinds(all);
      List<Integer> gauges = new ArrayList<>();
      List<Integer> counters = new ArrayList<>();
      for (int i = 0; i < all.length; i++) (kinds[i] == SeriesKind.COUNTER ? counters : gauges).add(all[i]);
      Map<Integer, Double> out = new HashMap<>();
      Current current = reads.current();
      int[] g = ints(gauges);
      if (g.length > 0) {
        LatestValues v = current.latest(g, now);
        for (int i = 0; i < g.length; i++) out.put(g[i], Current.orNull(v, i));
      }
      int[] c = ints(counters);
      if (c.length > 0) {
        List<SeriesData> d = reads.engine().query(c, now - Math.max(RATE_WINDOW_MS, current.windowMs()), now, current.stepMs());
        for (int i = 0; i < c.length; i++) out.put(c[i], mean(d.get(i)));
      }
      return out;
    }

    FlowNode add(FlowNode n) {
      nodes.add(n);
      byId.put(n.id, n);
      return n;
    }

    String nextId() {
      return "n" + nodes.size();
    }

    void flow(FlowNode from, FlowNode to, boolean assumed) {
      edges.add(new FlowEdge(from.id, to.id, "flow", assumed));
    }

    void hop(FlowNode from, FlowNode to, Double rate) {
      edges.add(new HopEdge(from.id, to.id, rate));
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
      AgentNode agentNode = (AgentNode) add(new AgentNode(nextId(), a.name, a.host, t != null ? "configured" : "assumed",
          a.configFile == null ? null : a.configFile.toString(), r.error, t == null ? Collections.<String>emptyList() : t.problems()));

      Map<FlumeTopology.Kind, Set<String>> reported = reported(a.name);
      Map<FlumeTopology.Kind, Map<String, ComponentNode>> mine = new LinkedHashMap<>();
      componentsOf.put(a.name, mine);
      for (FlumeTopology.Kind kind : FlumeTopology.Kind.values()) {
        Map<String, ComponentNode> byName = new LinkedHashMap<>();
        mine.put(kind, byName);
        Set<String> names = new LinkedHashSet<>();
        if (t != null) names.addAll((kind == FlumeTopology.Kind.SOURCE ? t.sources() : kind == FlumeTopology.Kind.CHANNEL
            ? t.channels() : t.sinks()).keySet());
        names.addAll(reported.get(kind));
        for (String name : names) {
          FlumeTopology.Component c = t == null ? null : t.component(kind, name);
          ComponentNode n = (ComponentNode) add(new ComponentNode(nextId(), kind.name().toLowerCase(Locale.ROOT), name, a.name,
              agentNode.id, c == null ? null : c.alias(), c != null, reported.get(kind).contains(name)));
          String[][] fields = kind == FlumeTopology.Kind.SOURCE ? SOURCE_FIGURES
              : kind == FlumeTopology.Kind.CHANNEL ? CHANNEL_FIGURES : SINK_FIGURES;
          for (String[] f : fields) n.figure(f[0], figure(f[1], a.name, name));
          byName.put(name, n);
        }
      }
      Map<String, ComponentNode> sources = mine.get(FlumeTopology.Kind.SOURCE);
      Map<String, ComponentNode> channels = mine.get(FlumeTopology.Kind.CHANNEL);
      Map<String, ComponentNode> sinks = mine.get(FlumeTopology.Kind.SINK);
      if (t != null) {
        for (FlumeTopology.Component s : t.sources().values()) {
          for (String ch : s.channels) if (channels.containsKey(ch)) flow(sources.get(s.name), channels.get(ch), false);
        }
        for (FlumeTopology.Component k : t.sinks().values()) {
          for (String ch : k.channels) if (channels.containsKey(ch)) flow(channels.get(ch), sinks.get(k.name), false);
        }
      } else {
        for (ComponentNode ch : channels.values()) {
          for (ComponentNode s : sources.values()) flow(s, ch, true);
          for (ComponentNode k : sinks.values()) flow(ch, k, true);
        }
      }
    }

    /** The figure of a component's series of {@code metric}, null when it has none or it is not current. */
    Double figure(String metric, String agent, String component) {
      Map<String, Map<String, Integer>> perAgent = series.get(metric);
      Integer id = perAgent == null || perAgent.get(agent) == null ? null : perAgent.get(agent).get(component);
      return id == null ? null : figures.get(id);
    }

    /** Host names as compared: lower case; a loopback or wildcard address means the agent's own configured host. */
    String effectiveHost(String host, FlumeAgentConfig agent, boolean listening) {
      String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
      if (LOOPBACK.contains(h) || (listening && WILDCARDS.contains(h))) h = agent.host.trim().toLowerCase(Locale.ROOT);
      return h;
    }

    void hops() {
      // Where each listening source can be reached: host:port → its nodes (two agents may claim one address; both are shown).
      Map<String, List<ComponentNode>> listening = new TreeMap<>();
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
        Map<FlumeTopology.Kind, Map<String, ComponentNode>> mine = componentsOf.get(a.name);
        for (FlumeTopology.Component k : t.sinks().values()) {
          ComponentNode sink = mine.get(FlumeTopology.Kind.SINK).get(k.name);
          Double rate = sink.figure("rate");
          if (k.hostname() != null) {
            List<ComponentNode> to = listening.get(effectiveHost(k.hostname(), a, false) + "\u0000" + k.port());
            if (to != null) {
              for (ComponentNode source : to) hop(sink, source, rate);
            } else {
              EndpointNode end = (EndpointNode) end("endpoint", null, k.hostname() + ":" + k.port());
              end.type = k.alias();
              hop(sink, end, rate);
            }
          }
          for (String topic : k.topics()) hop(sink, topic(topic, k.bootstrapServers()), rate);
          if (k.hdfsPath() != null) hop(sink, end("path", null, k.hdfsPath()), rate);
        }
        for (FlumeTopology.Component s : t.sources().values()) {
          ComponentNode source = mine.get(FlumeTopology.Kind.SOURCE).get(s.name);
          for (String topic : s.topics()) hop(topic(topic, s.bootstrapServers()), source, source.figure("rate"));
        }
      }
    }

    /** The topic's node: with the configured Kafka cluster that has one of these bootstrap servers, else keyed by them. */
    FlowNode topic(String topic, List<String> bootstrap) {
      String cluster = null;
      for (KafkaClusterConfig k : config.kafka) {
        for (KafkaClusterConfig.Broker b : k.brokers) {
          for (String s : bootstrap) if (b.bootstrap != null && b.bootstrap.equalsIgnoreCase(s)) cluster = cluster == null ? k.name : cluster;
        }
      }
      String servers = String.join(",", bootstrap);
      String key = "topic\u0000" + (cluster != null ? cluster : servers) + "\u0000" + topic;
      FlowNode n = ends.get(key);
      if (n == null) ends.put(key, n = add(new TopicNode(nextId(), topic, cluster, servers)));
      return n;
    }

    /** The endpoint or path node of that name. */
    FlowNode end(String kind, String scope, String name) {
      String key = kind + "\u0000" + (scope == null ? "" : scope) + "\u0000" + name;
      FlowNode n = ends.get(key);
      if (n == null) ends.put(key, n = add(kind.equals("endpoint") ? new EndpointNode(nextId(), name) : new FlowNode(nextId(), kind, name)));
      return n;
    }

    /** Everything, or the agent with the agents and end nodes one hop (or one shared end node) away. */
    FlowGraph answer(String agent) {
      if (agent == null) return new FlowGraph(nodes, edges);
      Set<String> keptAgents = new HashSet<>(Collections.singleton(agent));
      Set<String> nearEnds = new HashSet<>();
      for (FlowEdge e : edges) {
        if (!e.kind.equals("hop")) continue;
        FlowNode from = byId.get(e.from);
        FlowNode to = byId.get(e.to);
        if (agent.equals(from.owner()) && to.owner() != null) keptAgents.add(to.owner());
        if (agent.equals(to.owner()) && from.owner() != null) keptAgents.add(from.owner());
        if (agent.equals(from.owner()) && to.owner() == null) nearEnds.add(to.id);
        if (agent.equals(to.owner()) && from.owner() == null) nearEnds.add(from.id);
      }
      for (FlowEdge e : edges) { // agents sharing an end node with the chosen one (its topic read by another)
        FlowNode from = byId.get(e.from);
        FlowNode to = byId.get(e.to);
        if (nearEnds.contains(from.id) && to.owner() != null) keptAgents.add(to.owner());
        if (nearEnds.contains(to.id) && from.owner() != null) keptAgents.add(from.owner());
      }
      Set<String> keptNodes = new HashSet<>();
      for (FlowNode n : nodes) {
        String owner = n instanceof AgentNode ? n.name : n.owner();
        if (owner != null && keptAgents.contains(owner)) keptNodes.add(n.id);
      }
      for (FlowEdge e : edges) { // the end nodes of the kept agents
        if (keptNodes.contains(e.from) && byId.get(e.to).owner() == null) keptNodes.add(e.to);
        if (keptNodes.contains(e.to) && byId.get(e.from).owner() == null) keptNodes.add(e.from);
      }
      List<FlowNode> ns = new ArrayList<>();
      for (FlowNode n : nodes) if (keptNodes.contains(n.id)) ns.add(n);
      List<FlowEdge> es = new ArrayList<>();
      for (FlowEdge e : edges) if (keptNodes.contains(e.from) && keptNodes.contains(e.to)) es.add(e);
      return new FlowGraph(ns, es);
    }
  }

  private static int[] ints(List<Integer> ids) {
    int[] out = new int[ids.size()];
    for (int i = 0; i < out.length; i++) out[i] = ids.get(i);
    return out;
  }

  /** The mean of the known values, null when there is none. */
  private static Double mean(SeriesData d) {
    double sum = 0;
    int known = 0;
    for (double v : d.values) {
      if (Double.isNaN(v)) continue;
      sum += v;
      known++;
    }
    return known == 0 ? null : sum / known;
  }
}
