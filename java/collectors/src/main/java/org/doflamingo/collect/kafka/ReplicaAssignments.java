package org.doflamingo.collect.kafka;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest replica assignment of every partition the Admin collectors described: its leader,
 * its replicas' broker ids in Kafka's order (the preferred leader first) and its in-sync replicas'
 * ids. Broker ids are not series: a series per replica id would be 60,000 more at 20,000 partitions
 * × replication 3, each an RRD file, to answer what only the newest describe knows. The counts stay
 * series (history, sorting); the ids live here, in memory, one small array per partition, replaced
 * whenever its topic is described again (every partition cycle) and dropped with the topic.
 *
 * <p>Cost: one {@code int[]} of 2 + replicas + in-sync entries per partition, about 48 bytes at
 * replication 3 plus the maps' entries per topic: about 1 MB at 20,000 partitions. Written by the
 * collectors' scrape threads, read by the pages' requests: every topic's entry is replaced whole.
 */
public final class ReplicaAssignments {
  /** One partition's assignment as last described. */
  public static final class Assignment {
    /** The leader's broker id; -1: none. */
    public final int leader;
    public final List<Integer> replicas;
    public final List<Integer> isr;

    Assignment(int leader, List<Integer> replicas, List<Integer> isr) {
      this.leader = leader;
      this.replicas = replicas;
      this.isr = isr;
    }
  }

  /** Per cluster, per topic: per partition number, {leader, replica count, replicas..., isr...}; null where not described. */
  private final Map<String, Map<String, int[][]>> clusters = new ConcurrentHashMap<>();

  /**
   * A topic's partitions as just described (the Admin collector's write), replacing what was known of it. {@code replicas[p]} and
   * {@code isr[p]} are partition {@code p}'s broker ids (null: partition {@code p} not described).
   */
  public void putTopic(String cluster, String topic, int[] leaders, int[][] replicas, int[][] isr) {
    int[][] packed = new int[leaders.length][];
    for (int p = 0; p < leaders.length; p++) {
      if (replicas[p] == null) continue;
      int[] r = replicas[p];
      int[] s = isr[p] == null ? new int[0] : isr[p];
      int[] one = new int[2 + r.length + s.length];
      one[0] = leaders[p];
      one[1] = r.length;
      System.arraycopy(r, 0, one, 2, r.length);
      System.arraycopy(s, 0, one, 2 + r.length, s.length);
      packed[p] = one;
    }
    clusters.computeIfAbsent(cluster, c -> new ConcurrentHashMap<>()).put(topic, packed);
  }

  /** Forgets the cluster's topics not in {@code topics} (deleted from the cluster). */
  public void retainTopics(String cluster, Set<String> topics) {
    Map<String, int[][]> t = clusters.get(cluster);
    if (t != null) t.keySet().retainAll(topics);
  }

  /** Partition {@code partition} of the topic as last described; null when it never was (or its topic is gone). */
  public Assignment get(String cluster, String topic, int partition) {
    Map<String, int[][]> t = clusters.get(cluster);
    int[][] parts = t == null ? null : t.get(topic);
    if (parts == null || partition < 0 || partition >= parts.length || parts[partition] == null) return null;
    int[] one = parts[partition];
    int n = one[1];
    return new Assignment(one[0], ids(one, 2, 2 + n), ids(one, 2 + n, one.length));
  }

  /** Partitions known, over every cluster (for tests and the cost's check). */
  public int size() {
    int n = 0;
    for (Map<String, int[][]> t : clusters.values()) {
      for (int[][] parts : t.values()) for (int[] p : parts) if (p != null) n++;
    }
    return n;
  }

  private static List<Integer> ids(int[] one, int from, int to) {
    Integer[] out = new Integer[to - from];
    for (int i = from; i < to; i++) out[i - from] = one[i];
    return Collections.unmodifiableList(Arrays.asList(out));
  }
}
