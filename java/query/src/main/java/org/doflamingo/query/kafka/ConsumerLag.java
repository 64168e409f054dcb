package org.doflamingo.query.kafka;

import static org.doflamingo.collect.catalogue.MetricNames.GROUP_COMMITTED_OFFSET;
import static org.doflamingo.collect.catalogue.MetricNames.GROUP_LAG;
import static org.doflamingo.collect.catalogue.MetricNames.GROUP_MAX_LAG;
import static org.doflamingo.collect.catalogue.MetricNames.GROUP_MAX_LAG_SECONDS;
import static org.doflamingo.collect.catalogue.MetricNames.GROUP_MEMBERS;
import static org.doflamingo.collect.catalogue.MetricNames.GROUP_PROTOCOL;
import static org.doflamingo.collect.catalogue.MetricNames.GROUP_STATE;
import static org.doflamingo.collect.catalogue.MetricNames.GROUP_STATUS;
import static org.doflamingo.collect.catalogue.MetricNames.GROUP_TOTAL_LAG;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.collect.kafka.GroupProtocol;
import org.doflamingo.collect.kafka.GroupState;
import org.doflamingo.collect.kafka.LagStatus;
import org.doflamingo.engine.LatestValues;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.query.Area;
import org.doflamingo.query.AreaReads;
import org.doflamingo.query.Page;
import org.doflamingo.query.Readings;
import org.doflamingo.query.Reads;

/**
 * The consumer groups' lag, from the Admin collector's per-group and per-partition series. Made
 * for 50,000 groups: one select per figure, each series decoded to its group once ({@link
 * GroupSlots}), and the values a page needs in one or two bulk reads.
 */
public final class ConsumerLag {
  /** The per-group series the list shows. */
  private static final List<String> GROUP_FIGURES = Arrays.asList(GROUP_MAX_LAG, GROUP_TOTAL_LAG, GROUP_MAX_LAG_SECONDS,
      GROUP_STATUS, GROUP_MEMBERS, GROUP_PROTOCOL, GROUP_STATE);

  /** The {@link LagRow} field (sort column) each figure sets. */
  private static final Map<String, String> FIELD_OF = new HashMap<>();

  static {
    FIELD_OF.put(GROUP_MAX_LAG, "maxLag");
    FIELD_OF.put(GROUP_TOTAL_LAG, "totalLag");
    FIELD_OF.put(GROUP_MAX_LAG_SECONDS, "maxLagSeconds");
    FIELD_OF.put(GROUP_STATUS, "status");
    FIELD_OF.put(GROUP_MEMBERS, "members");
    FIELD_OF.put(GROUP_PROTOCOL, "protocol");
    FIELD_OF.put(GROUP_STATE, "state");
  }

  private final Reads reads;
  private final GroupSlots slots;

  public ConsumerLag(Reads reads) {
    this.reads = reads;
    this.slots = new GroupSlots(reads);
  }

  /**
   * A page of the consumer groups with their protocol and state, current lag (offsets and
   * seconds), members, Burrow status and health (worst of the catalogue's rules on those), of
   * groups whose name holds {@code contains} and which the cluster still has ({@link #present}),
   * sorted by any of {@link LagRow#COLUMNS} (by cluster and group for ties). The figures the sort
   * needs, and max lag (which every group has while it is present), are read for every group, the
   * others for the page's rows only: a page of 50,000 groups sorted by name reads 50,000 max lags
   * and 100 groups' other values.
   */
  public Page<LagRow> lag(String cluster, String contains, String sort, boolean descending, int start, int limit) {
    Comparator<LagRow> order = LagRow.COLUMNS.order(sort, descending);
    Page.check(start, limit);
    Map<String, String> filter = AreaReads.filter(Area.KAFKA, cluster, null);
    long series = reads.engine().stats().series;
    GroupSlots.Selected[] figures = new GroupSlots.Selected[GROUP_FIGURES.size()];
    for (int f = 0; f < figures.length; f++) figures[f] = slots.select(GROUP_FIGURES.get(f), filter, series);
    int[] byName = slots.byName();
    int groups = byName.length;
    // each group's series of each figure (-1: none), and whether it has any
    int[][] idOf = new int[figures.length][groups];
    boolean[] listed = new boolean[groups];
    for (int f = 0; f < figures.length; f++) {
      Arrays.fill(idOf[f], -1);
      for (int i = 0; i < figures[f].ids.length; i++) {
        int slot = figures[f].slots[i];
        if (slot < 0) continue;
        idOf[f][slot] = figures[f].ids[i];
        listed[slot] = true;
      }
    }
    List<LagRow> rows = new ArrayList<>();
    for (int slot : byName) { // the base order ties keep: cluster, then group
      if (!listed[slot]) continue;
      GroupSlots.GroupId g = slots.group(slot);
      if (contains == null || g.group.contains(contains)) rows.add(new LagRow(g.cluster, g.group, slot));
    }
    long now = System.currentTimeMillis();
    Set<String> late = KafkaTables.adminLate(reads.monitor());
    boolean[] sortNeeds = sortFigures(sort);
    fill(rows, idOf, sortNeeds, late, now);
    Page<LagRow> page = Page.of(present(rows, late), order, start, limit);
    boolean[] rest = new boolean[figures.length];
    for (int f = 0; f < rest.length; f++) rest[f] = !sortNeeds[f];
    fill(page.rows, idOf, rest, late, now); // the other figures for the page's rows alone
    return page;
  }

  /**
   * Which figures a sort by {@code sort} needs for every row: its own, and for health every figure
   * a catalogue rule judges; max lag always, which tells whether the group is still present.
   */
  private boolean[] sortFigures(String sort) {
    MetricCatalogue catalogue = reads.monitor().catalogue();
    boolean[] out = new boolean[GROUP_FIGURES.size()];
    for (int f = 0; f < out.length; f++) {
      String metric = GROUP_FIGURES.get(f);
      MetricSpec spec = catalogue.get(metric);
      out[f] = metric.equals(GROUP_MAX_LAG) || sort.equals(FIELD_OF.get(metric)) || (sort.equals("health") && spec != null && (spec.amber != null || spec.red != null));
    }
    return out;
  }

  /**
   * The figures marked in {@code which} for these rows: one bulk read of all their series (two when
   * some cluster is late: its groups' figures as last known, the row marked stale with the age of
   * its max lag where that is older than current); each figure's rule (if any) judges the row's health.
   */
  private void fill(List<LagRow> rows, int[][] idOf, boolean[] which, Set<String> late, long now) {
    MetricCatalogue catalogue = reads.monitor().catalogue();
    int n = 0;
    int[] ids = new int[rows.size() * which.length];
    int[] rowOf = new int[ids.length];
    int[] figureOf = new int[ids.length];
    MetricSpec[] rules = new MetricSpec[which.length];
    for (int f = 0; f < which.length; f++) {
      if (!which[f]) continue;
      MetricSpec spec = catalogue.get(GROUP_FIGURES.get(f));
      if (spec != null && (spec.amber != null || spec.red != null)) rules[f] = spec;
      for (int r = 0; r < rows.size(); r++) {
        int id = idOf[f][rows.get(r).slot];
        if (id < 0) continue;
        ids[n] = id;
        rowOf[n] = r;
        figureOf[n++] = f;
      }
    }
    if (n == 0) return;
    boolean[] lastKnown = new boolean[n];
    for (int i = 0; i < n; i++) lastKnown[i] = late.contains(rows.get(rowOf[i]).cluster);
    KnownValues values = KnownValues.read(reads, Arrays.copyOf(ids, n), lastKnown, now);
    long currentMs = reads.current().windowMs(GROUP_MAX_LAG);
    for (int i = 0; i < n; i++) {
      LagRow row = rows.get(rowOf[i]);
      int f = figureOf[i];
      double v = values.value(i);
      set(row, GROUP_FIGURES.get(f), ids[i], v);
      if (rules[f] != null && values.has(i)) row.health = row.health.worse(rules[f].health(v));
      if (GROUP_FIGURES.get(f).equals(GROUP_MAX_LAG) && values.has(i) && now - values.timeMs(i) > currentMs) {
        row.stale = true;
        row.ageMs = now - values.timeMs(i);
      }
    }
  }

  /**
   * The groups the cluster still has: a group deleted from the cluster (or gone with a recreated
   * cluster) has its series kept (its history), but none of its figures is current once its
   * Admin target has answered for {@link org.doflamingo.query.Current#STEPS} group cycles
   * without it (50 s at the default 10 s), so it leaves the list and the charts of worst groups.
   * While a cluster's Admin target is not answering or is behind, its groups stay listed with what
   * is known. Judged on the figures read for every row (max lag among them: written every group cycle).
   */
  private List<LagRow> present(List<LagRow> rows, Set<String> late) {
    List<LagRow> out = new ArrayList<>(rows.size());
    for (LagRow row : rows) {
      boolean current = row.maxLag != null || row.totalLag != null || row.maxLagSeconds != null || row.status != null || row.members != null
          || row.protocol != null || row.state != null;
      if (current || late.contains(row.cluster)) out.add(row);
    }
    return out;
  }

  /** A figure's current value (NaN: not current) on its field. */
  private static void set(LagRow row, String metric, int id, double v) {
    boolean known = !Double.isNaN(v);
    if (metric.equals(GROUP_MAX_LAG)) {
      row.maxLag = known ? (long) v : null;
      row.maxLagSeries = id;
    } else if (metric.equals(GROUP_TOTAL_LAG)) {
      row.totalLag = known ? (long) v : null;
    } else if (metric.equals(GROUP_MAX_LAG_SECONDS)) {
      row.maxLagSeconds = known ? Math.round(v * 10) / 10.0 : null;
    } else if (metric.equals(GROUP_STATUS)) {
      LagStatus s = known ? LagStatus.ofCode((int) v) : null;
      row.status = s == null ? null : s.name();
    } else if (metric.equals(GROUP_PROTOCOL)) {
      GroupProtocol p = known ? GroupProtocol.ofCode((int) v) : null;
      row.protocol = p == null ? null : p.label;
    } else if (metric.equals(GROUP_STATE)) {
      GroupState s = known ? GroupState.ofCode((int) v) : null;
      row.state = s == null ? null : s.label;
    } else {
      row.members = known ? (long) v : null;
    }
  }

  /**
   * The member count now of each of a cluster's named groups (left out: none current), for the
   * groups tile's ten worst: the cluster's members select as {@link GroupSlots} keeps it (not
   * repeated while the engine holds as many series) and one bulk read of the named groups' series,
   * so a health call costs the named groups, not the cluster's 50,000.
   */
  public Map<String, Long> members(String cluster, Collection<String> groups) {
    Map<String, Long> out = new HashMap<>();
    if (groups.isEmpty()) return out;
    GroupSlots.Selected members = slots.select(GROUP_MEMBERS, AreaReads.filter(Area.KAFKA, cluster, null), reads.engine().stats().series);
    int[] ids = new int[groups.size()];
    String[] of = new String[ids.length];
    int n = 0;
    for (String g : groups) {
      int id = members.idOf(slots.slotOf(cluster, g));
      if (id < 0) continue;
      ids[n] = id;
      of[n++] = g;
    }
    if (n == 0) return out;
    LatestValues v = reads.current().latest(Arrays.copyOf(ids, n), System.currentTimeMillis());
    for (int i = 0; i < n; i++) if (v.has(i)) out.put(of[i], (long) v.value(i));
    return out;
  }

  /** One consumer group's partitions: committed offset and lag now, with their series for history; by topic and partition number. */
  public List<LagPartitionRow> partitions(String cluster, String group) {
    if (group == null || group.isEmpty()) throw new IllegalArgumentException("group: give a consumer group");
    Readings r = Readings.of(reads, Arrays.asList(GROUP_LAG, GROUP_COMMITTED_OFFSET),
        AreaReads.filter(Area.KAFKA, cluster, Collections.singletonMap("group", group)), k -> true, System.currentTimeMillis());
    Map<String, LagPartitionRow> partitions = new TreeMap<>();
    for (int i = 0; i < r.size(); i++) {
      SeriesKey k = r.key(i);
      String topic = k.label("topic");
      String partition = k.label("partition");
      String key = k.label("cluster") + "\u0000" + topic + "\u0000" + String.format("%08d", parseOr(partition));
      LagPartitionRow p = partitions.get(key);
      if (p == null) partitions.put(key, p = new LagPartitionRow(k.label("cluster"), topic, partition));
      Long v = r.has(i) ? (long) r.value(i) : null;
      if (r.metric(i).equals(GROUP_LAG)) {
        p.lag = v;
        p.lagSeries = r.id(i);
      } else {
        p.committedOffset = v;
        p.committedOffsetSeries = r.id(i);
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
}
