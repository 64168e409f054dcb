package org.doflamingo.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.doflamingo.collect.CollectionService;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.engine.Aggregation;
import org.doflamingo.engine.Consolidation;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.Group;
import org.doflamingo.engine.SeriesData;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.doflamingo.engine.Tier;

/**
 * What every area answers: its targets, series, history, group-bys, health tiles and the
 * history's retention. Every argument checked, with a message naming it
 * ({@link IllegalArgumentException}: a 400 over REST).
 */
public final class AreaReads {
  /** Most series in one history request, and most points per series: a page never needs more. */
  public static final int MAX_SERIES = 1000;
  public static final int MAX_POINTS = 20_000;

  private final Reads reads;
  private final Engine engine;
  private final Area area;

  AreaReads(Reads reads, Area area) {
    this.reads = reads;
    this.engine = reads.engine();
    this.area = area;
  }

  /** The area's targets (of one cluster when {@code cluster} is given) and their collection state. */
  public List<TargetRow> targets(String cluster) {
    Monitor monitor = reads.monitor();
    List<TargetRow> out = new ArrayList<>();
    for (Monitor.Target t : monitor.targets()) {
      if (!area.systems.contains(t.system) || (cluster != null && !cluster.equals(t.group))) continue;
      out.add(TargetRow.of(monitor, t));
    }
    return out;
  }

  /** Series of the area, optionally of one metric and carrying {@code labels}; sorted by name then labels. */
  public List<SeriesRow> series(String cluster, String metric, Map<String, String> labels) {
    if (metric != null && !area.owns(metric)) {
      throw new IllegalArgumentException("metric: " + metric + " is not a " + area.name().toLowerCase() + " metric");
    }
    Map<String, String> filter = filter(area, cluster, labels);
    List<String> names = metric != null ? Collections.singletonList(metric) : areaMetrics();
    List<int[]> selected = new ArrayList<>();
    int total = 0;
    for (String name : names) {
      int[] ids = engine.select(name, filter);
      selected.add(ids);
      total += ids.length;
    }
    int[] all = new int[total];
    int at = 0;
    for (int[] ids : selected) {
      System.arraycopy(ids, 0, all, at, ids.length);
      at += ids.length;
    }
    SeriesKey[] keys = reads.index().keys(all);
    SeriesKind[] kinds = reads.index().kinds(all);
    List<SeriesRow> out = new ArrayList<>();
    at = 0;
    for (int n = 0; n < names.size(); n++) {
      MetricSpec spec = reads.monitor().catalogue().get(names.get(n));
      List<Integer> mine = new ArrayList<>();
      for (int i = 0; i < selected.get(n).length; i++, at++) {
        // host figures of another area's target carry that area's labels
        if (keys[at].labels().containsKey(area.groupLabel)) mine.add(at);
      }
      mine.sort(Comparator.comparing(j -> keys[j].toString()));
      for (int j : mine) out.add(new SeriesRow(all[j], keys[j], kinds[j], spec == null ? null : spec.unit));
    }
    return out;
  }

  /** Most rows of a "what changed" answer; its windows at most {@link #MAX_CHANGE_WINDOW_MS} each. */
  public static final int MAX_CHANGES = 100;
  public static final long MAX_CHANGE_WINDOW_MS = 24 * 3600 * 1000L;

  /**
   * "What changed" around {@code at}: the area's series (of one cluster, carrying {@code labels},
   * when given) ranked by the engine in one call by how far their window after the moment departs
   * from their window before (see {@link Engine#rankChanges}); the best {@code limit}, with what
   * each series is. {@code before}/{@code after} 0 take the defaults (10 and 5 minutes).
   */
  public Changes changes(String cluster, Map<String, String> labels, long at, long before, long after, int limit) {
    if (at <= 0) throw new IllegalArgumentException("at: expected epoch milliseconds, got " + at);
    long b = before == 0 ? Engine.CHANGES_BEFORE_MS : before;
    long a = after == 0 ? Engine.CHANGES_AFTER_MS : after;
    if (b < 0 || b > MAX_CHANGE_WINDOW_MS) throw new IllegalArgumentException("before: 1 ms to 24 h, got " + before);
    if (a < 0 || a > MAX_CHANGE_WINDOW_MS) throw new IllegalArgumentException("after: 1 ms to 24 h, got " + after);
    if (at <= b) throw new IllegalArgumentException("at: must lie more than before (" + b + " ms) after the epoch, got " + at);
    if (limit < 1 || limit > MAX_CHANGES) throw new IllegalArgumentException("limit: 1 to " + MAX_CHANGES + ", got " + limit);
    int[] ids = areaIds(cluster, labels);
    org.doflamingo.engine.ChangeRanking r = engine.rankChanges(ids, at, b, a, limit, Engine.CHANGES_MIN_KNOWN);
    int[] top = new int[r.top.size()];
    for (int i = 0; i < top.length; i++) top[i] = r.top.get(i).seriesId;
    SeriesKey[] keys = reads.index().keys(top);
    SeriesKind[] kinds = reads.index().kinds(top);
    List<ChangeRow> rows = new ArrayList<>(top.length);
    for (int i = 0; i < top.length; i++) {
      rows.add(new ChangeRow(r.top.get(i), keys[i], kinds[i], reads.monitor().catalogue().get(keys[i].name())));
    }
    return new Changes(at, b, a, r.ranked, r.skipped, rows);
  }

  /**
   * Ids of the area's series (of one cluster, carrying labels): one select per metric name of the
   * area, and, without a label filter, the {@link CollectionService#UP_SERIES} series of the area's
   * targets (of that cluster): a target that went down is silent after the moment, and its up
   * series is then what says so.
   */
  private int[] areaIds(String cluster, Map<String, String> labels) {
    Map<String, String> filter = filter(area, cluster, labels);
    List<int[]> parts = new ArrayList<>();
    for (String name : areaMetrics()) {
      int[] ids = engine.select(name, filter);
      if (name.startsWith("host.") && ids.length > 0) ids = withLabel(ids, area.groupLabel);
      parts.add(ids);
    }
    if (labels == null || labels.isEmpty()) {
      java.util.Set<String> mine = new java.util.HashSet<>();
      for (Monitor.Target t : reads.monitor().targets()) {
        if (area.systems.contains(t.system) && (cluster == null || cluster.equals(t.group))) mine.add(t.upLabel);
      }
      int[] up = engine.select(CollectionService.UP_SERIES, Collections.<String, String>emptyMap());
      SeriesKey[] keys = reads.index().keys(up);
      int[] kept = new int[up.length];
      int n = 0;
      for (int i = 0; i < up.length; i++) if (mine.contains(keys[i].labels().get("target"))) kept[n++] = up[i];
      parts.add(java.util.Arrays.copyOf(kept, n));
    }
    int total = 0;
    for (int[] p : parts) total += p.length;
    int[] all = new int[total];
    int at = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  /** Host figures of another area's target carry that area's labels: keep those with this area's. */
  private int[] withLabel(int[] ids, String label) {
    SeriesKey[] keys = reads.index().keys(ids);
    int[] out = new int[ids.length];
    int n = 0;
    for (int i = 0; i < ids.length; i++) if (keys[i].labels().containsKey(label)) out[n++] = ids[i];
    return java.util.Arrays.copyOf(out, n);
  }

  private List<String> areaMetrics() {
    List<String> out = new ArrayList<>();
    for (String n : engine.metricNames()) if (area.owns(n)) out.add(n);
    Collections.sort(out);
    return out;
  }

  /** Values of many series over one range at one resolution (the finest tier that covers it is read), in one read. */
  public List<HistoryRow> history(int[] ids, long from, long to, long resolution, Consolidation cf) {
    if (ids.length == 0) throw new IllegalArgumentException("ids: give at least one series id");
    if (ids.length > MAX_SERIES) throw new IllegalArgumentException("ids: at most " + MAX_SERIES + " series at once, got " + ids.length);
    long step = checkRange(from, to, resolution);
    SeriesKey[] keys = keysNamingTheUnknown(ids);
    List<SeriesData> data = engine.query(ids, from, to, step, cf);
    List<HistoryRow> out = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) out.add(new HistoryRow(ids[i], keys[i], data.get(i)));
    return out;
  }

  private SeriesKey[] keysNamingTheUnknown(int[] ids) {
    try {
      return reads.index().keys(ids);
    } catch (IllegalArgumentException e) {
      for (int id : ids) { // which one: only on this error's path, one id at a time
        try {
          reads.index().key(id);
        } catch (IllegalArgumentException unknown) {
          throw new IllegalArgumentException("ids: no series " + id);
        }
      }
      throw e;
    }
  }

  /**
   * How far back the history reaches: the RRD tiers (step and how long each is kept) and the
   * oldest moment anything was collected, from every target's {@link CollectionService#UP_SERIES}
   * series (the whole installation's: those series name the collector, not the area). The live
   * ring and then the tiers are read finest first over their whole span, each in one read of all
   * those series, and the first whose span holds the start of the history answers, so the moment
   * is as precise as the history still is.
   */
  public Retention retention() {
    List<Tier> tiers = engine.tiers();
    long now = System.currentTimeMillis();
    int[] ids = engine.select(CollectionService.UP_SERIES, Collections.<String, String>emptyMap());
    // {step, span} read in turn: the live ring first (served from memory, so it has points not yet
    // written to the RRD files, all a young installation has), then every tier
    List<long[]> spans = new ArrayList<>();
    spans.add(new long[] {reads.current().stepMs(), engine.config().liveWindowSeconds() * 1000});
    for (Tier t : tiers) spans.add(new long[] {t.stepMs, t.retentionMs});
    long oldest = Long.MAX_VALUE;
    for (long[] span : spans) {
      if (ids.length == 0) break;
      long from = now - span[1];
      for (SeriesData d : engine.query(ids, from, now, span[0])) oldest = Math.min(oldest, firstPoint(d));
      if (oldest != Long.MAX_VALUE && oldest > from + span[0]) break; // began inside this span
    }
    return new Retention(oldest == Long.MAX_VALUE ? null : oldest, now, tiers);
  }

  /** The time of the first value, Long.MAX_VALUE when there is none. */
  private static long firstPoint(SeriesData d) {
    for (int i = 0; i < d.values.length; i++) if (!Double.isNaN(d.values[i])) return d.startMs + i * d.stepMs;
    return Long.MAX_VALUE;
  }

  /** A metric's series combined per distinct value of the {@code by} labels, at each step. */
  public List<GroupRow> groupBy(String metric, String cluster, Map<String, String> labels, List<String> by,
      Aggregation aggregation, long from, long to, long resolution) {
    if (metric == null || !area.owns(metric)) throw new IllegalArgumentException("metric: give a " + area.name().toLowerCase() + " metric");
    long step = checkRange(from, to, resolution);
    List<GroupRow> out = new ArrayList<>();
    for (Group g : engine.groupBy(metric, filter(area, cluster, labels), by, aggregation, from, to, step)) out.add(new GroupRow(g));
    return out;
  }

  /**
   * Health tiles: one per member (broker, client, consumer group, server) or group (cluster,
   * ensemble, agent), worst of the catalogue's rules on its current values and of its targets'
   * states, each with the reasons a tooltip shows.
   */
  public List<HealthTile> health(String cluster) {
    return health(cluster, area.systems);
  }

  /**
   * The tiles as judged from these catalogue systems' targets and rules only: a list of one kind
   * of member (brokers) need not read the rules of 20,000 partitions and 10,000 groups.
   */
  public List<HealthTile> health(String cluster, Collection<String> systems) {
    return new HealthTiles(reads, area).judge(cluster, systems);
  }

  /** {@code labels} and, when given, the area's cluster label set to {@code cluster}. */
  public static Map<String, String> filter(Area area, String cluster, Map<String, String> labels) {
    Map<String, String> f = new HashMap<>();
    if (labels != null) f.putAll(labels);
    if (cluster != null) f.put(area.groupLabel, cluster);
    return f;
  }

  private long checkRange(long from, long to, long resolution) {
    if (from <= 0) throw new IllegalArgumentException("from: expected epoch milliseconds, got " + from);
    if (to <= from) throw new IllegalArgumentException("to: must be after from (" + from + "), got " + to);
    long base = reads.current().stepMs();
    long step = resolution <= 0 ? Math.max(base, (to - from) / 1000) : resolution;
    if ((to - from) / step > MAX_POINTS) {
      throw new IllegalArgumentException("resolution: " + step + " ms gives more than " + MAX_POINTS
          + " points over the range; use at least " + ((to - from) / MAX_POINTS + 1) + " ms");
    }
    return step;
  }
}
