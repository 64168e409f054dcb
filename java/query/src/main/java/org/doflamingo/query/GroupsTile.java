package org.doflamingo.query;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.kafka.LagStatus;

/**
 * The consumer groups of one Kafka cluster judged into one health tile, not one tile each: at
 * 50,000 groups a tile per group was a 2.4 MB answer no page can show. The tile is as bad as the
 * worst group; its reasons count the groups by status and by health, then name the
 * {@value #NAMED} worst groups with why (their own non-green rules). The consumer-groups list
 * shows every group.
 */
final class GroupsTile {
  /** Groups named in the tooltip, worst first. */
  static final int NAMED = 10;
  /** The tile's kind: the pages show it as the groups' tile. */
  static final String KIND = "groups";

  private final String cluster;
  private final Map<String, Judged> groups = new HashMap<>();

  GroupsTile(String cluster) {
    this.cluster = cluster;
  }

  String cluster() {
    return cluster;
  }

  /**
   * One rule's verdict on one of {@code group}'s figures; {@code reason} null when green, worded
   * only if the group is named (a cluster where every group is red words ten, not 50,000).
   */
  void add(String group, Health h, Supplier<String> reason, LagStatus status) {
    Judged g = groups.computeIfAbsent(group, Judged::new);
    g.health = g.health.worse(h);
    if (status != null) g.status = status.worse(g.status);
    if (reason != null) g.reasons.add(reason);
  }

  /** The groups the tooltip names, worst first (health, then status, then name). */
  List<String> named() {
    List<Judged> all = new ArrayList<>(groups.values());
    all.removeIf(g -> g.health != Health.RED && g.health != Health.AMBER);
    all.sort((a, b) -> {
      int c = Integer.compare(rank(b.health), rank(a.health));
      if (c == 0) c = Integer.compare(b.status == null ? -1 : b.status.code, a.status == null ? -1 : a.status.code);
      return c != 0 ? c : a.name.compareTo(b.name);
    });
    List<String> out = new ArrayList<>();
    for (Judged g : all.subList(0, Math.min(NAMED, all.size()))) out.add(g.name);
    return out;
  }

  /** Adds a reason to a named group (members = 0). */
  void addReason(String group, String reason) {
    Judged g = groups.get(group);
    if (g != null) g.reasons.add(() -> reason);
  }

  /** The tile: worst health of the groups, the counts, then the named groups' reasons. */
  HealthTile tile(List<String> named) {
    HealthTile t = new HealthTile(cluster, KIND, "consumer groups");
    Map<LagStatus, Integer> byStatus = new EnumMap<>(LagStatus.class);
    Map<Health, Integer> byHealth = new EnumMap<>(Health.class);
    int noStatus = 0;
    for (Judged g : groups.values()) {
      t.add(g.health, null);
      byHealth.merge(g.health, 1, Integer::sum);
      if (g.status == null) noStatus++;
      else byStatus.merge(g.status, 1, Integer::sum);
    }
    StringBuilder status = new StringBuilder(String.format(Locale.ROOT, "%,d groups, status:", groups.size()));
    for (LagStatus s : LagStatus.values()) status.append(String.format(Locale.ROOT, " %s %,d", s.name(), byStatus.getOrDefault(s, 0)));
    if (noStatus > 0) status.append(String.format(Locale.ROOT, ", none yet %,d", noStatus));
    t.add(t.health, status.toString());
    StringBuilder health = new StringBuilder("health:");
    for (Health h : new Health[] {Health.RED, Health.AMBER, Health.GREEN, Health.UNKNOWN}) {
      health.append(String.format(Locale.ROOT, " %s %,d", h.name().toLowerCase(Locale.ROOT), byHealth.getOrDefault(h, 0)));
    }
    t.add(t.health, health.toString());
    for (String name : named) {
      List<String> why = new ArrayList<>();
      for (Supplier<String> r : groups.get(name).reasons) why.add(r.get());
      t.add(t.health, "group " + name + ": " + String.join("; ", why));
    }
    return t;
  }

  private static int rank(Health h) {
    return h == Health.RED ? 2 : h == Health.AMBER ? 1 : 0;
  }

  /** One group's verdict. */
  private static final class Judged {
    final String name;
    Health health = Health.UNKNOWN;
    LagStatus status;
    final List<Supplier<String>> reasons = new ArrayList<>();

    Judged(String name) {
      this.name = name;
    }
  }
}
