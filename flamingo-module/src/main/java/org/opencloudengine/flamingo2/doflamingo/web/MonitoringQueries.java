package org.opencloudengine.flamingo2.doflamingo.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.collect.kafka.LagStatus;
import org.doflamingo.engine.Aggregation;
import org.doflamingo.engine.Consolidation;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.Group;
import org.doflamingo.engine.SeriesData;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.Tier;
import org.opencloudengine.flamingo2.doflamingo.TargetView;

/**
 * What the REST controllers answer, computed from the monitor's engine and targets; plain maps
 * and lists that Jackson writes as they are. One per request; every argument checked, with a
 * message naming it ({@link IllegalArgumentException} becomes a 400).
 */
final class MonitoringQueries {
  /** Most series in one history request, and most points per series: a page never needs more. */
  static final int MAX_SERIES = 1000;
  static final int MAX_POINTS = 20_000;
  /** A latest value older than this many base steps is not current. */
  private static final int CURRENT_STEPS = 5;
  /** Every target's collection state over time (CollectionService writes it). */
  private static final String UP_SERIES = "doflamingo.target.up";

  private final Monitor monitor;
  private final Engine engine;
  private final Area area;

  MonitoringQueries(Monitor monitor, Area area) {
    this.monitor = monitor;
    this.engine = monitor.engine();
    this.area = area;
  }

  /** The area's targets (of one cluster when {@code cluster} is given) and their collection state. */
  List<Map<String, Object>> targets(String cluster) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Monitor.Target t : monitor.targets()) {
      if (!area.systems.contains(t.system) || (cluster != null && !cluster.equals(t.group))) continue;
      out.add(TargetView.of(t, monitor.status(t.id)));
    }
    return out;
  }

  /** Series of the area, optionally of one metric and carrying {@code labels}; sorted by name then labels. */
  List<Map<String, Object>> series(String cluster, String metric, Map<String, String> labels) {
    if (metric != null && !area.owns(metric)) {
      throw new IllegalArgumentException("metric: " + metric + " is not a " + area.name().toLowerCase() + " metric");
    }
    Map<String, String> filter = filter(cluster, labels);
    List<String> names = metric != null ? Collections.singletonList(metric) : areaMetrics();
    List<Map<String, Object>> out = new ArrayList<>();
    for (String name : names) {
      List<SeriesKey> keys = new ArrayList<>();
      Map<SeriesKey, Integer> ids = new HashMap<>();
      for (int id : engine.select(name, filter)) {
        SeriesKey k = SeriesKeys.key(engine, id);
        if (!k.labels().containsKey(area.groupLabel)) continue; // host figures of another area's target
        keys.add(k);
        ids.put(k, id);
      }
      keys.sort(Comparator.comparing(SeriesKey::toString));
      MetricSpec spec = monitor.catalogue().get(name);
      for (SeriesKey k : keys) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", ids.get(k));
        s.put("metric", name);
        s.put("labels", k.labels());
        s.put("kind", engine.kind(ids.get(k)).name().toLowerCase());
        s.put("unit", spec == null ? null : spec.unit);
        out.add(s);
      }
    }
    return out;
  }

  private List<String> areaMetrics() {
    List<String> out = new ArrayList<>();
    for (String n : engine.metricNames()) if (area.owns(n)) out.add(n);
    Collections.sort(out);
    return out;
  }

  /** Values of many series over one range at one resolution (the finest tier that covers it is read). */
  List<Map<String, Object>> history(int[] ids, long from, long to, long resolution, Consolidation cf) {
    if (ids.length == 0) throw new IllegalArgumentException("ids: give at least one series id");
    if (ids.length > MAX_SERIES) throw new IllegalArgumentException("ids: at most " + MAX_SERIES + " series at once, got " + ids.length);
    long step = checkRange(from, to, resolution);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int id : ids) {
      SeriesKey key;
      try {
        key = SeriesKeys.key(engine, id);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("ids: no series " + id);
      }
      Map<String, Object> s = data(engine.query(id, from, to, step, cf));
      s.put("id", id);
      s.put("metric", key.name());
      s.put("labels", key.labels());
      out.add(s);
    }
    return out;
  }

  /**
   * How far back the history reaches: the RRD tiers (step and how long each is kept) and the
   * oldest moment anything was collected, from every target's {@code doflamingo.target.up} series
   * (the whole installation's: those series name the collector, not the area). The live ring and
   * then the tiers are read finest first over their whole span, and the first whose span holds the
   * start of the history answers, so the moment is as precise as the history still is. {@code oldest} is null
   * before the first collection.
   */
  Map<String, Object> retention() {
    List<Tier> tiers = engine.tiers();
    long now = System.currentTimeMillis();
    int[] ids = engine.select(UP_SERIES, Collections.<String, String>emptyMap());
    // {step, span} read in turn: the live ring first (served from memory, so it has points not yet
    // written to the RRD files, all a young installation has), then every tier
    List<long[]> spans = new ArrayList<>();
    spans.add(new long[] {engine.baseStepMs(), engine.config().liveWindowSeconds() * 1000});
    for (Tier t : tiers) spans.add(new long[] {t.stepMs, t.retentionMs});
    long oldest = Long.MAX_VALUE;
    for (long[] span : spans) {
      long from = now - span[1];
      for (int id : ids) oldest = Math.min(oldest, firstPoint(engine.query(id, from, now, span[0])));
      if (oldest != Long.MAX_VALUE && oldest > from + span[0]) break; // began inside this span
    }
    List<Map<String, Object>> tierViews = new ArrayList<>();
    for (Tier t : tiers) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", t.stepMs);
      m.put("retention", t.retentionMs);
      tierViews.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("oldest", oldest == Long.MAX_VALUE ? null : oldest);
    out.put("now", now);
    out.put("tiers", tierViews);
    return out;
  }

  /** A metric's series combined per distinct value of the {@code by} labels, at each step. */
  List<Map<String, Object>> groupBy(String metric, String cluster, Map<String, String> labels, List<String> by,
      Aggregation aggregation, long from, long to, long resolution) {
    if (metric == null || !area.owns(metric)) throw new IllegalArgumentException("metric: give a " + area.name().toLowerCase() + " metric");
    long step = checkRange(from, to, resolution);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Group g : engine.groupBy(metric, filter(cluster, labels), by, aggregation, from, to, step)) {
      Map<String, Object> m = data(g.data);
      m.put("labels", g.labels);
      m.put("series", g.seriesCount);
      out.add(m);
    }
    return out;
  }

  /**
   * Health tiles: one per member (broker, client, consumer group, server) or group (cluster,
   * ensemble, agent), worst of the catalogue's rules on its current values and of its targets'
   * states, each with the reasons a tooltip shows.
   */
  List<Map<String, Object>> health(String cluster) {
    return health(cluster, area.systems);
  }

  /**
   * The tiles as judged from these catalogue systems' targets and rules only: a list of one kind
   * of member (brokers) need not read the rules of 20,000 partitions and 10,000 groups.
   */
  List<Map<String, Object>> health(String cluster, Collection<String> systems) {
    Map<String, Tile> tiles = new TreeMap<>();
    for (Monitor.Target t : monitor.targets()) {
      if (!systems.contains(t.system) || (cluster != null && !cluster.equals(t.group))) continue;
      String kind = t.member.equals(t.group) ? area.groupLabel : memberKind(t.system);
      Tile tile = tile(tiles, t.group, kind, t.member);
      switch (monitor.status(t.id).state) {
        case DOWN:
          tile.add(Health.RED, t.address + " is down: " + monitor.status(t.id).lastError);
          break;
        case UP:
          tile.add(Health.GREEN, null);
          break;
        default:
          tile.add(Health.UNKNOWN, t.address + " not read yet");
      }
    }
    long now = System.currentTimeMillis();
    long step = engine.baseStepMs();
    Map<String, String> filter = filter(cluster, null);
    for (String system : systems) {
      for (MetricSpec spec : monitor.catalogue().of(system)) {
        if (spec.amber == null && spec.red == null) continue;
        int[] ids = engine.select(spec.name, filter);
        for (int i = 0; i < ids.length; i++) {
          SeriesKey k = SeriesKeys.key(engine, ids[i]);
          String group = k.label(area.groupLabel);
          if (group == null) continue;
          double v = latest(engine.query(ids[i], now - CURRENT_STEPS * step, now, step));
          if (Double.isNaN(v)) continue;
          Health h = spec.health(v);
          String member = null;
          String kind = area.groupLabel;
          for (String l : area.memberLabels) {
            if (k.label(l) != null) {
              member = k.label(l);
              kind = l;
              break;
            }
          }
          Tile tile = tile(tiles, group, kind, member == null ? group : member);
          tile.add(h, h == Health.GREEN ? null : describe(spec, k, v, h));
        }
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Tile t : tiles.values()) out.add(t.view());
    return out;
  }

  private String memberKind(String system) {
    if (system.equals("kafka-broker")) return "broker";
    if (system.equals("kafka-consumer")) return "client";
    return area.memberLabels.isEmpty() ? area.groupLabel : area.memberLabels.get(0);
  }

  private static String describe(MetricSpec spec, SeriesKey k, double v, Health h) {
    StringBuilder sb = new StringBuilder(spec.name.substring(spec.name.lastIndexOf('.') + 1));
    for (Map.Entry<String, String> l : k.labels().entrySet()) {
      if (l.getKey().equals("topic") || l.getKey().equals("partition") || l.getKey().equals("component")) {
        sb.append(' ').append(l.getKey()).append('=').append(l.getValue());
      }
    }
    String rule = String.valueOf(h == Health.RED ? spec.red : spec.amber);
    return sb.append(" = ").append(format(v)).append(spec.unit == null ? "" : " " + spec.unit)
        .append(" (").append(h.name().toLowerCase()).append(": ").append(rule).append(')').toString();
  }

  /** Per-group series the lag list shows, and the field each becomes. */
  private static final String[][] GROUP_FIELDS = {
      {"kafka.consumer.group.max_lag", "maxLag"}, {"kafka.consumer.group.total_lag", "totalLag"},
      {"kafka.consumer.group.max_lag_seconds", "maxLagSeconds"}, {"kafka.consumer.group.status", "status"},
      {"kafka.consumer.group.members", "members"}};

  /**
   * Consumer groups with their current lag (offsets and seconds), members, Burrow status and
   * health (worst of the catalogue's rules on those), filtered by a substring of the name; the
   * controller sorts and pages: made for 10,000 groups.
   */
  List<Map<String, Object>> lag(String cluster, String contains) {
    long now = System.currentTimeMillis();
    long step = engine.baseStepMs();
    Map<String, Map<String, Object>> groups = new TreeMap<>();
    Map<String, Health> health = new HashMap<>();
    for (String[] field : GROUP_FIELDS) {
      MetricSpec spec = monitor.catalogue().get(field[0]);
      for (int id : engine.select(field[0], filter(cluster, null))) {
        SeriesKey k = SeriesKeys.key(engine, id);
        String group = k.label("group");
        if (group == null || (contains != null && !group.contains(contains))) continue;
        String key = k.label("cluster") + "\u0000" + group;
        Map<String, Object> g = groups.get(key);
        if (g == null) {
          groups.put(key, g = new LinkedHashMap<>());
          g.put("cluster", k.label("cluster"));
          g.put("group", group);
        }
        double v = latest(engine.query(id, now - CURRENT_STEPS * step, now, step));
        if (field[1].equals("status")) {
          g.put("status", Double.isNaN(v) ? null : LagStatus.values()[(int) v].name());
        } else if (field[1].equals("maxLagSeconds")) {
          g.put(field[1], Double.isNaN(v) ? null : Math.round(v * 10) / 10.0);
        } else {
          g.put(field[1], Double.isNaN(v) ? null : (long) v);
        }
        if (field[1].equals("maxLag")) g.put("maxLagSeries", id);
        if (spec != null && !Double.isNaN(v) && (spec.amber != null || spec.red != null)) {
          Health h = spec.health(v);
          Health was = health.get(key);
          health.put(key, was == null || h.compareTo(was) > 0 ? h : was);
        }
      }
    }
    for (Map.Entry<String, Map<String, Object>> g : groups.entrySet()) {
      Health h = health.get(g.getKey());
      g.getValue().put("health", (h == null ? Health.UNKNOWN : h).name());
    }
    return new ArrayList<>(groups.values());
  }

  /** One consumer group's partitions: committed offset and lag now, with their series for history. */
  List<Map<String, Object>> lagPartitions(String cluster, String group) {
    if (group == null || group.isEmpty()) throw new IllegalArgumentException("group: give a consumer group");
    Map<String, String> filter = filter(cluster, Collections.singletonMap("group", group));
    long now = System.currentTimeMillis();
    long step = engine.baseStepMs();
    Map<String, Map<String, Object>> partitions = new TreeMap<>();
    for (String metric : new String[] {"kafka.consumer.group.lag", "kafka.consumer.group.committed_offset"}) {
      for (int id : engine.select(metric, filter)) {
        SeriesKey k = SeriesKeys.key(engine, id);
        String topic = k.label("topic");
        String partition = k.label("partition");
        String key = k.label("cluster") + "\u0000" + topic + "\u0000" + String.format("%08d", parseOr(partition));
        Map<String, Object> p = partitions.get(key);
        if (p == null) {
          partitions.put(key, p = new LinkedHashMap<>());
          p.put("cluster", k.label("cluster"));
          p.put("topic", topic);
          p.put("partition", partition);
        }
        double v = latest(engine.query(id, now - CURRENT_STEPS * step, now, step));
        String field = metric.endsWith(".lag") ? "lag" : "committedOffset";
        p.put(field, Double.isNaN(v) ? null : (long) v);
        p.put(field + "Series", id);
      }
    }
    return new ArrayList<>(partitions.values());
  }

  private static int parseOr(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private Map<String, String> filter(String cluster, Map<String, String> labels) {
    Map<String, String> f = new HashMap<>();
    if (labels != null) f.putAll(labels);
    if (cluster != null) f.put(area.groupLabel, cluster);
    return f;
  }

  private long checkRange(long from, long to, long resolution) {
    if (from <= 0) throw new IllegalArgumentException("from: expected epoch milliseconds, got " + from);
    if (to <= from) throw new IllegalArgumentException("to: must be after from (" + from + "), got " + to);
    long base = engine.baseStepMs();
    long step = resolution <= 0 ? Math.max(base, (to - from) / 1000) : resolution;
    if ((to - from) / step > MAX_POINTS) {
      throw new IllegalArgumentException("resolution: " + step + " ms gives more than " + MAX_POINTS
          + " points over the range; use at least " + ((to - from) / MAX_POINTS + 1) + " ms");
    }
    return step;
  }

  private static Map<String, Object> data(SeriesData d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("start", d.startMs);
    m.put("step", d.stepMs);
    List<Double> values = new ArrayList<>(d.values.length);
    for (double v : d.values) values.add(Double.isNaN(v) ? null : v); // JSON has no NaN
    m.put("values", values);
    return m;
  }

  /** The time of the first value, Long.MAX_VALUE when there is none. */
  private static long firstPoint(SeriesData d) {
    for (int i = 0; i < d.values.length; i++) if (!Double.isNaN(d.values[i])) return d.startMs + i * d.stepMs;
    return Long.MAX_VALUE;
  }

  private static double latest(SeriesData d) {
    for (int i = d.values.length - 1; i >= 0; i--) if (!Double.isNaN(d.values[i])) return d.values[i];
    return Double.NaN;
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format("%.3g", v);
  }

  private static Tile tile(Map<String, Tile> tiles, String group, String kind, String name) {
    String key = group + "\u0000" + kind + "\u0000" + name;
    Tile t = tiles.get(key);
    if (t == null) tiles.put(key, t = new Tile(group, kind, name));
    return t;
  }

  /** One health tile being judged: the worst state seen wins, every non-green reason is kept. */
  private static final class Tile {
    final String group;
    final String kind;
    final String name;
    Health health = Health.UNKNOWN;
    boolean judged;
    final List<String> reasons = new ArrayList<>();

    Tile(String group, String kind, String name) {
      this.group = group;
      this.kind = kind;
      this.name = name;
    }

    void add(Health h, String reason) {
      if (h != Health.UNKNOWN) {
        if (!judged || rank(h) > rank(health)) health = h;
        judged = true;
      }
      if (reason != null && reasons.size() < 20) reasons.add(reason);
    }

    private static int rank(Health h) {
      return h == Health.RED ? 2 : h == Health.AMBER ? 1 : 0;
    }

    Map<String, Object> view() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("group", group);
      m.put("kind", kind);
      m.put("name", name);
      m.put("health", health.name());
      m.put("reasons", reasons);
      return m;
    }
  }
}
