package org.doflamingo.query.kafka;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.query.Reads;

/**
 * The consumer groups behind the group-level series (labelled cluster and group), each series
 * decoded to its group once: every group gets a slot (a small number, never reused), and each
 * select of a figure is kept with the slot of each id it answered. While a select answers the same
 * ids again (groups come and go far more slowly than pages reload), a list of 50,000 groups
 * touches no key and no map: one select and one array comparison a figure. One per monitor.
 */
final class GroupSlots {
  /** One figure's series: the ids a select answered and the group slot of each (-1: not a group's series). */
  static final class Selected {
    final int[] ids;
    final int[] slots;
    /** How many series the engine had when selected: with as many now, a select would answer the same ids. */
    final long seriesThen;
    /** The id of each slot's series (-1: none), made at the first {@link #idOf} and kept with the select. */
    private volatile int[] idBySlot;

    Selected(int[] ids, int[] slots, long seriesThen) {
      this.ids = ids;
      this.slots = slots;
      this.seriesThen = seriesThen;
    }

    /**
     * The series of the group in {@code slot}, -1 when this select has none: a few named groups'
     * series without a pass over every group's (but the first call's, which makes the index).
     */
    int idOf(int slot) {
      int[] by = idBySlot;
      if (by == null) { // two threads may both make it: the same array either way
        int max = -1;
        for (int s : slots) max = Math.max(max, s);
        by = new int[max + 1];
        Arrays.fill(by, -1);
        for (int i = 0; i < ids.length; i++) if (slots[i] >= 0) by[slots[i]] = ids[i];
        idBySlot = by;
      }
      return slot >= 0 && slot < by.length ? by[slot] : -1;
    }
  }

  private final Reads reads;
  private final List<GroupId> groups = new ArrayList<>();
  private final Map<GroupId, Integer> slotOf = new HashMap<>();
  /** The last select of each figure and filter. */
  private final Map<String, Selected> selected = new HashMap<>();
  /** Slots in (cluster, group) order when its length is the number of groups; cluster-less groups first. */
  private int[] byName = new int[0];

  GroupSlots(Reads reads) {
    this.reads = reads;
  }

  /**
   * The series of {@code metric} carrying {@code filter}'s labels, each with its group's slot. The
   * engine never removes a series nor changes a key, so while it holds {@code series} series (its
   * count, asked once per request) the last select's answer stands: no native call at all.
   */
  Selected select(String metric, Map<String, String> filter, long series) {
    String cacheKey = metric + '\u0000' + filter;
    synchronized (this) {
      Selected last = selected.get(cacheKey);
      if (last != null && last.seriesThen == series) return last;
    }
    int[] ids = reads.engine().select(metric, filter);
    // keys from the index, outside the lock: a first list of 50,000 groups may fetch them all
    SeriesKey[] keys = reads.index().keys(ids);
    synchronized (this) {
      int[] slots = new int[ids.length];
      for (int i = 0; i < ids.length; i++) slots[i] = slot(keys[i]);
      Selected s = new Selected(ids, slots, series);
      selected.put(cacheKey, s);
      return s;
    }
  }

  /** Every slot in (cluster, group) order (no cluster first): sorted again only when groups were added. */
  synchronized int[] byName() {
    if (byName.length != groups.size()) {
      Integer[] order = new Integer[groups.size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      Arrays.sort(order, (a, b) -> {
        GroupId x = groups.get(a);
        GroupId y = groups.get(b);
        int c = x.cluster == null || y.cluster == null ? Boolean.compare(x.cluster != null, y.cluster != null) : x.cluster.compareTo(y.cluster);
        return c != 0 ? c : x.group.compareTo(y.group);
      });
      byName = new int[order.length];
      for (int i = 0; i < order.length; i++) byName[i] = order[i];
    }
    return byName;
  }

  /** How many groups have a slot (slots are 0 to this less one). */
  synchronized int size() {
    return groups.size();
  }

  synchronized GroupId group(int slot) {
    return groups.get(slot);
  }

  /** The slot of a cluster's group, -1 when no select has answered a series of it. */
  synchronized int slotOf(String cluster, String group) {
    Integer slot = slotOf.get(new GroupId(cluster, group));
    return slot == null ? -1 : slot;
  }

  private int slot(SeriesKey k) {
    String group = k.label("group");
    if (group == null) return -1;
    GroupId g = new GroupId(k.label("cluster"), group);
    Integer slot = slotOf.get(g);
    if (slot == null) {
      slotOf.put(g, slot = groups.size());
      groups.add(g);
    }
    return slot;
  }

  /** A consumer group of a cluster. */
  static final class GroupId {
    final String cluster;
    final String group;

    GroupId(String cluster, String group) {
      this.cluster = cluster;
      this.group = group;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof GroupId && Objects.equals(((GroupId) o).cluster, cluster) && ((GroupId) o).group.equals(group);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(cluster) * 31 + group.hashCode();
    }
  }
}
