package org.doflamingo.collect.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.NoAnswerInTime;

/** A cluster in memory behind {@link AdminReads}, recording every call and what it asked for. */
final class FakeAdminReads implements AdminReads {
  /** One call: its name and the topics, partitions or groups it asked about. */
  static final class Call {
    final String name;
    final Collection<?> asked;

    Call(String name, Collection<?> asked) {
      this.name = name;
      this.asked = asked;
    }
  }

  final List<Call> calls = new ArrayList<>();
  final Map<String, Integer> topics = new TreeMap<>();
  final Map<TopicPartition, Long> logEnds = new HashMap<>();
  final Map<String, String> groupStates = new TreeMap<>();
  /** Each group's protocol; classic unless set. */
  final Map<String, GroupProtocol> groupProtocols = new HashMap<>();
  /** What describeQuorum answers: null, no quorum (ZooKeeper mode). */
  QuorumView quorum;
  /** When set, describeQuorum fails with it. */
  CollectException quorumFailure;
  final Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
  final Map<String, Integer> members = new HashMap<>();
  private final Node leader = new Node(1, "127.0.0.1", 9092);
  /** A partition's replicas and in-sync replicas by broker id, the first replica its leader; else broker 1 alone. */
  /** The group listings miss a broker's answer (it is dead and the cluster has not dropped it yet). */
  boolean partialListing;
  final Map<TopicPartition, int[][]> assigned = new HashMap<>();
  /** The next this many listOffsets calls get no answer by their scrape's deadline (a saturated broker). */
  int slowLogEnds;
  /** How long each listConsumerGroupOffsets takes: a big cluster's. */
  long committedDelayMs;
  private int untaken;
  /** The live brokers and controller describeCluster answers; broker 1 alone unless set. */
  final Set<Integer> live = new HashSet<>(java.util.Collections.singleton(1));
  int controller = 1;
  /** Per partition, where set: its leader (-1: none) and ISR; else broker 1 leads and is the ISR. */
  final Map<TopicPartition, int[]> placement = new HashMap<>();
  /** The replicas of every partition with a placement. */
  List<Integer> replicas = java.util.Arrays.asList(1, 2, 3);

  /** Places a partition: {@code leader} (-1: none) and its in-sync replicas. */
  void place(String topic, int partition, int leader, int... isr) {
    int[] p = new int[isr.length + 1];
    p[0] = leader;
    System.arraycopy(isr, 0, p, 1, isr.length);
    placement.put(new TopicPartition(topic, partition), p);
  }

  private static Node node(int id) {
    return new Node(id, "127.0.0.1", 9090 + id);
  }

  void topic(String name, int partitions) {
    topics.put(name, partitions);
    for (int p = 0; p < partitions; p++) logEnds.put(new TopicPartition(name, p), 1000L);
  }

  void group(String name, String state, int members, String topic, int partitions, long offset) {
    groupStates.put(name, state);
    this.members.put(name, members);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (int p = 0; p < partitions; p++) offsets.put(new TopicPartition(topic, p), offset);
    committed.put(name, offsets);
  }

  /** The calls of this name since the last {@link #clear}. */
  List<Call> of(String name) {
    List<Call> out = new ArrayList<>();
    for (Call c : calls) if (c.name.equals(name)) out.add(c);
    return out;
  }

  /** Everything the calls of this name asked about, each as often as asked. */
  List<Object> asked(String name) {
    List<Object> out = new ArrayList<>();
    for (Call c : of(name)) out.addAll(c.asked);
    return out;
  }

  void clear() {
    calls.clear();
  }

  private void record(String name, Collection<?> asked) {
    calls.add(new Call(name, new ArrayList<>(asked)));
    untaken++;
  }

  @Override
  public ClusterView describeCluster(long deadline) {
    record("describeCluster", new ArrayList<>());
    return new ClusterView(new HashSet<>(live), controller);
  }

  @Override
  public Set<String> listTopics(long deadline) {
    record("listTopics", new ArrayList<>());
    return new HashSet<>(topics.keySet());
  }

  private static List<Node> nodes(int[] ids) {
    List<Node> out = new ArrayList<>();
    for (int id : ids) out.add(node(id));
    return out;
  }

  @Override
  public Map<String, TopicDescription> describeTopics(Collection<String> names, long deadline) {
    record("describeTopics", names);
    Map<String, TopicDescription> out = new HashMap<>();
    for (String t : names) {
      Integer n = topics.get(t);
      if (n == null) continue;
      List<TopicPartitionInfo> partitions = new ArrayList<>();
      for (int p = 0; p < n; p++) {
        int[][] a = assigned.get(new TopicPartition(t, p));
        if (a != null) {
          partitions.add(new TopicPartitionInfo(p, node(a[0][0]), nodes(a[0]), nodes(a[1])));
          continue;
        }
        int[] placed = placement.get(new TopicPartition(t, p));
        if (placed == null) {
          List<Node> replicas = new ArrayList<>();
          replicas.add(leader);
          partitions.add(new TopicPartitionInfo(p, leader, replicas, replicas));
          continue;
        }
        List<Node> all = new ArrayList<>();
        for (int r : this.replicas) all.add(node(r));
        List<Node> isr = new ArrayList<>();
        for (int i = 1; i < placed.length; i++) isr.add(node(placed[i]));
        partitions.add(new TopicPartitionInfo(p, placed[0] < 0 ? null : node(placed[0]), all, isr));
      }
      out.put(t, new TopicDescription(t, false, partitions));
    }
    return out;
  }

  @Override
  public Map<TopicPartition, Long> logEndOffsets(Collection<TopicPartition> partitions, long deadline) throws NoAnswerInTime {
    if (partitions.isEmpty()) return new HashMap<>();
    record("listOffsets", partitions);
    if (slowLogEnds > 0) {
      slowLogEnds--;
      throw new NoAnswerInTime("Kafka cluster c: no answer by the scrape's deadline while reading log-end offsets");
    }
    Map<TopicPartition, Long> out = new HashMap<>();
    for (TopicPartition tp : partitions) if (logEnds.containsKey(tp)) out.put(tp, logEnds.get(tp));
    return out;
  }

  @Override
  public boolean lastListingComplete() {
    return !partialListing;
  }

  @Override
  public Map<String, ListedGroup> listGroups(long deadline) {
    record("listGroups", new ArrayList<>());
    Map<String, ListedGroup> out = new HashMap<>();
    for (Map.Entry<String, String> g : groupStates.entrySet()) {
      out.put(g.getKey(), new ListedGroup(g.getValue(), groupProtocols.getOrDefault(g.getKey(), GroupProtocol.CLASSIC)));
    }
    return out;
  }

  @Override
  public QuorumView describeQuorum(long deadline) throws CollectException {
    record("describeMetadataQuorum", new ArrayList<>());
    if (quorumFailure != null) throw quorumFailure;
    return quorum;
  }

  @Override
  public Map<String, Map<TopicPartition, Long>> committedOffsets(Collection<String> groups, long deadline) {
    Map<String, Map<TopicPartition, Long>> out = new HashMap<>();
    if (groups.isEmpty()) return out;
    record("listConsumerGroupOffsets", groups);
    sleep(committedDelayMs);
    for (String g : groups) out.put(g, new HashMap<>(committed.get(g)));
    return out;
  }

  @Override
  public Map<String, Integer> memberCounts(Collection<String> groups, long deadline) {
    Map<String, Integer> out = new HashMap<>();
    if (groups.isEmpty()) return out;
    record("describeConsumerGroups", groups);
    for (String g : groups) out.put(g, members.get(g));
    return out;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public int takeCalls() {
    int n = untaken;
    untaken = 0;
    return n;
  }

  @Override
  public void close() {}
}
