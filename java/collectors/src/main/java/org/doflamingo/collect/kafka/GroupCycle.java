package org.doflamingo.collect.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.Exclusions;
import org.doflamingo.collect.NoAnswerInTime;
import org.doflamingo.collect.Scrape;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.collect.events.Bursts;
import org.doflamingo.engine.SeriesKind;

/**
 * The Admin collector's consumer-group reads, once per group cycle: the groups are listed with
 * their states when a cycle starts and cut into batches of {@code batchSize}, spread over the
 * cycle's scrapes ({@link Cycle}). Per batch: one listConsumerGroupOffsets and one
 * describeConsumerGroups for the groups that may have members (an Empty or Dead group has none:
 * no describe); per scrape, one listOffsets for the partitions its batches' groups committed on,
 * read right after their commits so that a lag is never measured against an older log end. An empty group's committed
 * offsets cannot move through a member, so they are read again only every {@code emptyMs} (or
 * when its state changed), while its lag, against the fresh log end, is written every cycle.
 * (Offsets committed by clients outside the group protocol, e.g. with {@code assign()}, show in
 * an Empty group up to {@code emptyMs} late.) Every group's protocol (classic, KIP-848's consumer,
 * or other) and state are written as its batch comes round; groups of an other protocol (share
 * and streams groups on 4.x, which a 3.9 client cannot name) get nothing more. Transitions
 * (created, deleted, lag status, member count) are worded by {@link GroupEvents}.
 */
final class GroupCycle {
  /** What is kept of a group between its reads. */
  private static final class Group {
    String state;
    GroupProtocol protocol;
    /** The state when its committed offsets were read, and when. */
    String stateAtRead;
    long readMs;
    Map<TopicPartition, Long> committed;
    /** The lag status and member count of the last judged read (null, -1: none yet), for the events. */
    LagStatus status;
    int members = -1;
  }

  private final String cluster;
  private final Exclusions exclusions;
  private final int batchSize;
  private final long emptyMs;
  private final LagEvaluator lag;
  private final Cycle cycle;
  private final List<List<String>> plan = new ArrayList<>();
  private final Map<String, Group> groups = new HashMap<>();
  private int readUntil;
  private String waiting;
  /** When the last read ran (the scrape's time), to tell how late its cycle is. */
  private long lastReadMs;
  private final GroupEvents events;
  /** The first listing is the baseline: its groups were not created. */
  private boolean listed;

  GroupCycle(String cluster, Exclusions exclusions, int batchSize, long cycleMs, long emptyMs, long intervalMs, LagEvaluator lag) {
    this.cluster = cluster;
    this.exclusions = exclusions;
    this.batchSize = batchSize;
    this.emptyMs = emptyMs;
    this.lag = lag;
    this.cycle = new Cycle(cycleMs, intervalMs);
    this.events = new GroupEvents(cluster);
  }

  /**
   * Reads the batches due at {@code nowMs} into {@code out}; {@link #commit} once the scrape succeeded.
   * @param readable whether a partition's log end can be read (its leader is live)
   * @param budgetEnd no batch but the first starts after this: the others wait for the next scrape
   */
  void read(AdminReads reads, Predicate<TopicPartition> readable, Scrape out, long nowMs, long budgetEnd, long deadline, Bursts seen)
      throws CollectException {
    waiting = null;
    lastReadMs = nowMs;
    readUntil = cycle.done();
    if (cycle.dueAt(nowMs)) {
      Map<String, ListedGroup> listing;
      try {
        listing = reads.listGroups(deadline);
      } catch (NoAnswerInTime e) {
        waiting = e.getMessage(); // the listing is still asked: the cycle starts when it answers
        return;
      }
      plan(listing, reads.lastListingComplete(), nowMs, seen);
    }
    int due = cycle.dueUntil(nowMs);
    int b = cycle.done();
    Map<String, Integer> members = new HashMap<>();
    for (; b < due && (b == cycle.done() || System.currentTimeMillis() < budgetEnd); b++) {
      try {
        readCommitsAndMembers(reads, plan.get(b), members, nowMs, deadline);
      } catch (NoAnswerInTime e) {
        // A batch the coordinators answer slowly stretches the cycle: its calls stay asked, the next scrape takes their answers.
        waiting = e.getMessage();
        break;
      }
      for (String name : plan.get(b)) writeListing(name, groups.get(name), out);
    }
    // One log-end read for every batch of this scrape, after their commits: a lag is never
    // measured against an older log end, and the scrape pays one call, not one per batch.
    Set<TopicPartition> partitions = new HashSet<>();
    for (int n = cycle.done(); n < b; n++) {
      for (String name : plan.get(n)) {
        Map<TopicPartition, Long> committed = groups.get(name).committed;
        if (committed == null) continue;
        for (TopicPartition tp : committed.keySet()) if (readable.test(tp)) partitions.add(tp);
      }
    }
    Map<TopicPartition, Long> ends;
    try {
      ends = reads.logEndOffsets(partitions, deadline);
    } catch (NoAnswerInTime e) {
      // The batches' lag waits for the log ends: they are read again (their commits asked anew, the log ends' call kept).
      waiting = e.getMessage();
      return;
    }
    readUntil = b;
    for (int n = cycle.done(); n < readUntil; n++) {
      for (String name : plan.get(n)) {
        Group g = groups.get(name);
        Integer count = quiet(g.state) ? Integer.valueOf(0) : members.get(name);
        if (count != null) {
          out.add(AdminCollector.key(cluster, MetricNames.GROUP_MEMBERS, "group", name), SeriesKind.GAUGE, count);
          if (g.members >= 0 && g.members != count) events.members(name, g.members, count, g.state, nowMs, seen);
          g.members = count;
        }
        // a group whose describe failed is not told apart from one with members (never a false STOP)
        if (g.committed != null) {
          LagStatus status = write(name, g.committed, ends, count == null || count > 0, out, nowMs);
          if (status != null) {
            if (g.status != null && g.status != status) events.status(name, g.status, status, nowMs, seen);
            g.status = status;
          }
        }
      }
    }
  }

  void commit() {
    cycle.advanceTo(readUntil);
  }

  /** What the last read waits for (a batch or the listing the brokers have not answered yet) or how late its cycle runs, or null. */
  String waiting() {
    return waiting != null ? waiting : cycle.overdue("group", lastReadMs);
  }

  /** Groups known from the last listing, for tests and the operator. */
  int groups() {
    return groups.size();
  }

  private static boolean quiet(String state) {
    return AdminReads.EMPTY.equals(state) || AdminReads.DEAD.equals(state);
  }

  /** The group's protocol and state as listed. */
  private void writeListing(String name, Group g, Scrape out) {
    out.add(AdminCollector.key(cluster, MetricNames.GROUP_PROTOCOL, "group", name), SeriesKind.GAUGE, g.protocol.code);
    out.add(AdminCollector.key(cluster, MetricNames.GROUP_STATE, "group", name), SeriesKind.GAUGE, GroupState.ofLabel(g.state).code);
  }

  /** A group missing from a partial listing (a broker did not answer) is kept: only a complete one says it is gone. */
  private void plan(Map<String, ListedGroup> listing, boolean complete, long nowMs, Bursts seen) {
    Set<String> names = new TreeSet<>();
    for (Map.Entry<String, ListedGroup> e : listing.entrySet()) {
      if (exclusions.excludesGroup(cluster, e.getKey())) continue;
      names.add(e.getKey());
      Group g = groups.get(e.getKey());
      if (g == null) {
        groups.put(e.getKey(), g = new Group());
        if (listed) events.created(e.getKey(), nowMs, seen);
      }
      g.state = e.getValue().state;
      g.protocol = e.getValue().protocol;
    }
    for (Iterator<String> it = groups.keySet().iterator(); it.hasNext(); ) {
      String name = it.next();
      if (names.contains(name) || !complete) continue;
      it.remove(); // a deleted group
      events.deleted(name, nowMs, seen);
    }
    listed = true;
    lag.forgetOlderThan(nowMs);
    plan.clear();
    List<String> batch = new ArrayList<>();
    for (String g : names) {
      batch.add(g);
      if (batch.size() == batchSize) {
        plan.add(batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) plan.add(batch);
    cycle.start(nowMs, plan.size());
  }

  /** One batch's commits (of the groups whose commits may have moved) and member counts (of the groups that may have members). */
  private void readCommitsAndMembers(AdminReads reads, List<String> batch, Map<String, Integer> members, long nowMs, long deadline)
      throws CollectException {
    List<String> stale = new ArrayList<>();
    List<String> active = new ArrayList<>();
    for (String name : batch) {
      Group g = groups.get(name);
      // a share or streams group, as a 3.9 client sees it: no consumer-group offsets or members to read through it
      if (g.protocol == GroupProtocol.OTHER) continue;
      if (!quiet(g.state)) active.add(name);
      if (g.committed == null || !quiet(g.state) || !g.state.equals(g.stateAtRead) || nowMs - g.readMs >= emptyMs) stale.add(name);
    }
    for (Map.Entry<String, Map<TopicPartition, Long>> e : reads.committedOffsets(stale, deadline).entrySet()) {
      Group g = groups.get(e.getKey());
      g.committed = e.getValue();
      g.stateAtRead = g.state;
      g.readMs = nowMs;
    }
    members.putAll(reads.memberCounts(active, deadline));
  }

  /** Writes a group's lag series; returns its status (its worst partition's), null while no window is judged. */
  private LagStatus write(String group, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends, boolean hasMembers, Scrape out,
      long nowMs) {
    long maxLag = 0;
    long totalLag = 0;
    double maxLagSeconds = 0;
    LagStatus groupStatus = null;
    for (Map.Entry<TopicPartition, Long> c : committed.entrySet()) {
      Long end = ends.get(c.getKey());
      if (end == null) continue; // the topic vanished, or its leader is moving: next cycle
      String topic = c.getKey().topic();
      String partition = String.valueOf(c.getKey().partition());
      // A commit can run ahead of a log-end offset read a moment earlier: never a negative lag.
      long partitionLag = Math.max(0, end - c.getValue());
      out.add(AdminCollector.key(cluster, MetricNames.GROUP_COMMITTED_OFFSET, "group", group, "topic", topic, "partition", partition),
          SeriesKind.GAUGE, c.getValue());
      out.add(AdminCollector.key(cluster, MetricNames.GROUP_LAG, "group", group, "topic", topic, "partition", partition), SeriesKind.GAUGE,
          partitionLag);
      maxLag = Math.max(maxLag, partitionLag);
      totalLag += partitionLag;
      LagEvaluator.Verdict v = lag.observe(group, topic, c.getKey().partition(), nowMs, c.getValue(), end, hasMembers);
      out.add(AdminCollector.key(cluster, MetricNames.GROUP_LAG_SECONDS, "group", group, "topic", topic, "partition", partition),
          SeriesKind.GAUGE, v.lagSeconds);
      if (!Double.isNaN(v.lagSeconds)) maxLagSeconds = Math.max(maxLagSeconds, v.lagSeconds);
      if (v.status != null) {
        out.add(AdminCollector.key(cluster, MetricNames.GROUP_PARTITION_STATUS, "group", group, "topic", topic, "partition", partition),
            SeriesKind.GAUGE, v.status.code);
        groupStatus = v.status.worse(groupStatus);
      }
    }
    out.add(AdminCollector.key(cluster, MetricNames.GROUP_MAX_LAG, "group", group), SeriesKind.GAUGE, maxLag);
    out.add(AdminCollector.key(cluster, MetricNames.GROUP_TOTAL_LAG, "group", group), SeriesKind.GAUGE, totalLag);
    out.add(AdminCollector.key(cluster, MetricNames.GROUP_MAX_LAG_SECONDS, "group", group), SeriesKind.GAUGE, maxLagSeconds);
    // a group is as bad as its worst partition; unknown until a window is complete
    out.add(AdminCollector.key(cluster, MetricNames.GROUP_STATUS, "group", group), SeriesKind.GAUGE,
        groupStatus == null ? Double.NaN : groupStatus.code);
    return groupStatus;
  }
}
