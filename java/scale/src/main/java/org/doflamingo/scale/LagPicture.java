package org.doflamingo.scale;

import java.util.HashMap;
import java.util.Map;

/**
 * One tool's lag of every group it reported: the total over the group's partitions and the
 * largest, and how it compares with what the plan makes the stable groups' lag (their topics are
 * never written after setup, so every tool must see exactly that).
 */
final class LagPicture {
  final String tool;
  final Map<String, Long> totalLag = new HashMap<>();
  final Map<String, Long> maxLag = new HashMap<>();
  /** Partition rows added through {@link #addPartition}. */
  int partitions;

  LagPicture(String tool) {
    this.tool = tool;
  }

  /** Adds one partition's lag of {@code group}. */
  void addPartition(String group, long lag) {
    partitions++;
    totalLag.merge(group, lag, Long::sum);
    maxLag.merge(group, lag, Math::max);
  }

  /** A group's figures as the tool gives them (null: the tool does not give that figure). */
  void putGroup(String group, Long total, Long max) {
    if (total != null) totalLag.put(group, total);
    if (max != null) maxLag.put(group, max);
  }

  int groups() {
    java.util.Set<String> all = new java.util.HashSet<>(totalLag.keySet());
    all.addAll(maxLag.keySet());
    return all.size();
  }

  /** "a of b stable groups reported, c exact": of the plan's stable groups, how many this tool reports, and with the right lag. */
  String agreement(GroupPlan plan, ScaleOptions o) {
    int seen = 0;
    String firstWrong = null;
    for (int g = 0; g < plan.stableGroups(); g++) {
      String name = plan.group(g);
      if (!totalLag.containsKey(name) && !maxLag.containsKey(name)) continue;
      seen++;
      if (firstWrong == null && !right(g, plan, o)) {
        long lag = plan.stableLag(g);
        firstWrong = name + ": total " + totalLag.get(name) + ", max " + maxLag.get(name) + ", expected total "
            + lag * o.partitionsPerGroup + ", max " + lag;
      }
    }
    return String.format("%,d of %,d stable groups reported, %,d exact%s", seen, plan.stableGroups(), exact(plan, o),
        firstWrong == null ? "" : "; e.g. " + firstWrong);
  }

  /** How many of the plan's stable groups this tool reports with exactly the planned lag. */
  int exact(GroupPlan plan, ScaleOptions o) {
    int n = 0;
    for (int g = 0; g < plan.stableGroups(); g++) if (right(g, plan, o)) n++;
    return n;
  }

  private boolean right(int g, GroupPlan plan, ScaleOptions o) {
    String name = plan.group(g);
    Long total = totalLag.get(name);
    Long max = maxLag.get(name);
    long lag = plan.stableLag(g);
    return (total != null || max != null) && (total == null || total == lag * o.partitionsPerGroup) && (max == null || max == lag);
  }
}
