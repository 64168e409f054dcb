package org.doflamingo.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.collect.kafka.LagStatus;
import org.doflamingo.engine.Scheduler;
import org.doflamingo.engine.SeriesData;
import org.doflamingo.engine.SeriesKey;

/**
 * Judges the health tiles of an area: each target's collection state, then the catalogue's
 * amber/red rules on every series they apply to (over a window with hysteresis for the figures
 * read every scrape, {@link SustainedHealth}; on the current value for the others), each
 * non-green verdict in words ({@link HealthWords}). One select per rule, the
 * keys from the index and every current value in one bulk read: the same few native calls for
 * ten series or 50,000. A Kafka cluster's consumer groups are judged into one tile ({@link
 * GroupsTile}) rather than one each.
 */
final class HealthTiles {
  /** The catalogue's scope of a group's figures per partition. */
  private static final String GROUP_PARTITION = "group-partition";

  private final Reads reads;
  private final Area area;

  HealthTiles(Reads reads, Area area) {
    this.reads = reads;
    this.area = area;
  }

  /** The tiles judged from these catalogue systems' targets and rules, sorted by group, kind and name. */
  List<HealthTile> judge(String cluster, Collection<String> systems) {
    Monitor monitor = reads.monitor();
    Map<String, HealthTile> tiles = new TreeMap<>();
    for (Monitor.Target t : monitor.targets()) {
      if (!systems.contains(t.system) || (cluster != null && !cluster.equals(t.group))) continue;
      String kind = t.member.equals(t.group) ? area.groupLabel : memberKind(t.system);
      HealthTile tile = tile(tiles, t.group, kind, t.member);
      judgeTarget(tile, t.address, monitor.status(t.id), monitor.behind(t.id));
    }
    boolean summariseGroups = area == Area.KAFKA && systems.contains("kafka-consumer");
    Map<String, GroupsTile> groups = new TreeMap<>();
    // a metric several systems read (a controller's MBeans on a ZooKeeper-mode broker) is read once
    Set<String> ruled = new LinkedHashSet<>();
    for (String system : systems) {
      for (MetricSpec spec : monitor.catalogue().of(system)) {
        // A group's tile needs no rule on each of its partitions: the group-level figure is the
        // worst partition's (max_lag_seconds of lag_seconds) under the same thresholds
        // (HealthTilesTest pins this), and reading 800,000 group×partition series would add nothing.
        if (summariseGroups && spec.per.equals(Collections.singletonList(GROUP_PARTITION))) continue;
        if (spec.amber != null || spec.red != null) ruled.add(spec.name);
      }
    }
    long now = System.currentTimeMillis();
    Readings r = Readings.of(reads, new ArrayList<>(ruled), AreaReads.filter(area, cluster, null), k -> k.label(area.groupLabel) != null, now);
    Health[] sustained = sustained(r, now);
    for (int i = 0; i < r.size(); i++) {
      if (!r.has(i)) continue;
      SeriesKey k = r.key(i);
      MetricSpec spec = monitor.catalogue().get(r.metric(i));
      double v = r.value(i);
      Health h = sustained[i] != null ? sustained[i] : spec.health(v);
      String member = null;
      String kind = area.groupLabel;
      for (String l : area.memberLabels) {
        if (k.label(l) != null) {
          member = k.label(l);
          kind = l;
          break;
        }
      }
      String group = k.label(area.groupLabel);
      if (summariseGroups && kind.equals("group")) {
        LagStatus status = spec.name.equals(MetricNames.GROUP_STATUS) ? LagStatus.ofCode((int) v) : null;
        groups.computeIfAbsent(group, GroupsTile::new).add(member, h, h == Health.GREEN ? null : () -> HealthWords.reason(spec, k, v, h), status);
        continue;
      }
      tile(tiles, group, kind, member == null ? group : member).add(h, h == Health.GREEN || h == Health.UNKNOWN ? null
          : HealthWords.reason(spec, k, v, h));
    }
    List<HealthTile> out = new ArrayList<>(tiles.values());
    for (GroupsTile g : groups.values()) out.add(g.tile(nameEmptyGroups(g)));
    return out;
  }

  /**
   * The groups a tile names, each that has no member saying so: "members 0" is why a group
   * STOPs, and no rule of its own judges it (an idle group with no lag is fine). Members are read
   * for the named groups alone, found through the lag list's group slots (no select nor key
   * decoding of every group's members series).
   */
  private List<String> nameEmptyGroups(GroupsTile groups) {
    List<String> named = groups.named();
    if (named.isEmpty()) return named;
    Map<String, Long> members = reads.lag().members(groups.cluster(), named);
    for (String g : named) {
      Long m = members.get(g);
      if (m != null && m == 0) groups.addReason(g, "members 0 (no consumer in the group)");
    }
    return named;
  }

  /**
   * The rules of series at the engine's base step (cluster, broker, probe, ZooKeeper and Flume
   * figures: the noisy ones, read every scrape) judged over their recent readings with
   * hysteresis ({@link SustainedHealth}), in one read of all of them from the live ring; null for
   * the others (partition, topic and group figures, read at their own slower cadence and, for
   * groups, already judged over Burrow's window), which keep the rule on their current value.
   */
  private Health[] sustained(Readings r, long now) {
    Health[] out = new Health[r.size()];
    long step = reads.current().stepMs();
    int[] ids = new int[r.size()];
    int[] at = new int[r.size()];
    int n = 0;
    for (int i = 0; i < r.size(); i++) {
      if (r.has(i) && reads.current().windowMs(r.metric(i)) == reads.current().windowMs()) {
        ids[n] = r.id(i);
        at[n++] = i;
      }
    }
    if (n == 0) return out;
    List<SeriesData> data = reads.engine().query(Arrays.copyOf(ids, n), now - SustainedHealth.WINDOW_MS, now, step);
    for (int j = 0; j < n; j++) {
      SeriesData d = data.get(j);
      out[at[j]] = SustainedHealth.judge(reads.monitor().catalogue().get(r.metric(at[j])), d.values, d.stepMs);
    }
    return out;
  }

  private String memberKind(String system) {
    if (system.equals("kafka-broker")) return "broker";
    if (system.equals("kafka-controller")) return "controller";
    if (system.equals("kafka-consumer")) return "client";
    return area.memberLabels.isEmpty() ? area.groupLabel : area.memberLabels.get(0);
  }

  private static String tileKey(String group, String kind, String name) {
    return group + "\u0000" + kind + "\u0000" + name;
  }

  /**
   * A target's own part of its tile: red while DOWN; amber once two rounds in a row had no answer
   * (it is still collected, but its figures come late or with gaps; one late answer among many is
   * not news, and a tile that blinked with each would flood the events: the targets list shows
   * each) or while it is behind with part of its reads; grey before its first read.
   */
  static void judgeTarget(HealthTile tile, String address, Scheduler.Status status, String behind) {
    switch (status.state) {
      case DOWN:
        tile.add(Health.RED, address + " is down: " + status.lastError);
        break;
      case UP:
        if (status.consecutiveTimeouts >= 2) tile.add(Health.AMBER, address + " is slow: " + status.lastError);
        else if (behind != null) tile.add(Health.AMBER, address + " is behind: " + behind);
        else tile.add(Health.GREEN, null);
        break;
      default:
        tile.add(Health.UNKNOWN, address + " not read yet");
    }
  }

  private static HealthTile tile(Map<String, HealthTile> tiles, String group, String kind, String name) {
    String key = tileKey(group, kind, name);
    HealthTile t = tiles.get(key);
    if (t == null) tiles.put(key, t = new HealthTile(group, kind, name));
    return t;
  }
}
