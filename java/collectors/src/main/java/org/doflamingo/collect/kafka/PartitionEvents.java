package org.doflamingo.collect.kafka;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.doflamingo.collect.events.Bursts;
import org.doflamingo.collect.events.EventKinds;
import org.doflamingo.engine.Event;

/**
 * Per partition, as each partition cycle describes it: the leader changing, the partition going
 * offline (no leader) and back, the in-sync replica set shrinking and expanding. A partition's
 * first description is its baseline. A broker's death moves thousands of leaders in one scrape:
 * the {@link Bursts} of the scrape make that one event per kind. Memory: one map entry per
 * partition, the leader and the sorted ISR in one int array (about 100 bytes a partition with 3
 * replicas: 2 MB at 20,000); a deleted topic's entries go when a cycle's listing lacks it. Not
 * thread-safe.
 */
final class PartitionEvents {
  private final String cluster;
  /** [leader, isr...] as last described. */
  private final Map<TopicPartition, int[]> last = new HashMap<>();

  PartitionEvents(String cluster) {
    this.cluster = cluster;
  }

  void described(TopicPartition tp, TopicPartitionInfo p, long timeMs, Bursts out) {
    int[] now = state(p);
    int[] was = last.put(tp, now);
    if (was == null || Arrays.equals(was, now)) return;
    String member = tp.topic() + "-" + tp.partition();
    int before = was[0];
    int after = now[0];
    if (before != after) {
      if (after < 0) {
        out.add(at(tp, timeMs, EventKinds.PARTITION_OFFLINE, Event.Severity.CRITICAL).change(ClusterEvents.broker(before), "none").build(),
            member + " (leader was " + before + ")", "partitions");
      } else if (before < 0) {
        out.add(at(tp, timeMs, EventKinds.PARTITION_ONLINE, Event.Severity.INFO).change("none", String.valueOf(after)).build(),
            member + " (leader " + after + ")", "partitions");
      } else {
        out.add(at(tp, timeMs, EventKinds.PARTITION_LEADER, Event.Severity.INFO).change(String.valueOf(before), String.valueOf(after))
            .build(), member + " (" + before + " -> " + after + ")", "partitions");
      }
    }
    boolean lost = false;
    boolean gained = false;
    for (int i = 1; i < was.length; i++) lost |= Arrays.binarySearch(now, 1, now.length, was[i]) < 0;
    for (int i = 1; i < now.length; i++) gained |= Arrays.binarySearch(was, 1, was.length, now[i]) < 0;
    String isrBefore = isr(was);
    String isrAfter = isr(now);
    if (lost) {
      out.add(at(tp, timeMs, EventKinds.ISR_SHRINK, Event.Severity.WARNING).change(isrBefore, isrAfter).build(),
          member + " (" + isrBefore + " -> " + isrAfter + ")", "partitions");
    }
    if (gained) {
      out.add(at(tp, timeMs, EventKinds.ISR_EXPAND, Event.Severity.INFO).change(isrBefore, isrAfter).build(),
          member + " (" + isrBefore + " -> " + isrAfter + ")", "partitions");
    }
  }

  /** Forgets the partitions of topics no longer listed. */
  void retainTopics(Set<String> topics) {
    last.keySet().removeIf(tp -> !topics.contains(tp.topic()));
  }

  int partitions() {
    return last.size();
  }

  private Event.Builder at(TopicPartition tp, long timeMs, String kind, Event.Severity severity) {
    return Event.at(timeMs, EventKinds.KAFKA, kind, severity).label("cluster", cluster).label("topic", tp.topic())
        .label("partition", String.valueOf(tp.partition()));
  }

  private static int[] state(TopicPartitionInfo p) {
    List<Node> isr = p.isr();
    int[] s = new int[1 + isr.size()];
    s[0] = p.leader() == null ? -1 : p.leader().id();
    for (int i = 0; i < isr.size(); i++) s[i + 1] = isr.get(i).id();
    Arrays.sort(s, 1, s.length);
    return s;
  }

  /** The ISR as "1,2,3"; "none" when empty. */
  private static String isr(int[] s) {
    if (s.length == 1) return "none";
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < s.length; i++) b.append(i > 1 ? "," : "").append(s[i]);
    return b.toString();
  }
}
