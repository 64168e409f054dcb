package org.doflamingo.collect.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.doflamingo.collect.CollectException;

/**
 * The Admin API calls the Admin collector makes, each one call (one or a few requests, one per
 * broker it concerns), bounded by a deadline. A seam: {@link KafkaAdminReads} makes them on a
 * real cluster; tests count and answer them. Failures are {@link CollectException}s naming the
 * cluster and the call; a call the cluster has not answered by the deadline is a
 * {@link org.doflamingo.collect.NoAnswerInTime}, and asking the same again takes its answer when it comes.
 */
interface AdminReads extends AutoCloseable {
  /** The live brokers' ids and the controller's (-1 when none is known). */
  final class ClusterView {
    final Set<Integer> live;
    final int controller;

    ClusterView(Set<Integer> live, int controller) {
      this.live = live;
      this.controller = controller;
    }
  }

  /** A consumer group's state as listed; {@code state} is Kafka's name (Stable, Empty, Dead, ...) or "Unknown". */
  String EMPTY = "Empty";
  String DEAD = "Dead";

  ClusterView describeCluster(long deadline) throws CollectException;

  Set<String> listTopics(long deadline) throws CollectException;

  /** Topics that vanished since they were listed are left out. */
  Map<String, TopicDescription> describeTopics(Collection<String> topics, long deadline) throws CollectException;

  /**
   * Latest offsets; a partition that cannot answer (its leader moving) is left out, and the call
   * fails only when none answers.
   */
  Map<TopicPartition, Long> logEndOffsets(Collection<TopicPartition> partitions, long deadline) throws CollectException;

  /** Every group with its state and protocol, in one call. */
  Map<String, ListedGroup> listGroups(long deadline) throws CollectException;

  /**
   * Whether the last {@link #listGroups} heard from every broker. While a broker is dead (until
   * the cluster drops it) the others' listings are taken: the groups it coordinated are missing
   * from them, not deleted.
   */
  default boolean lastListingComplete() {
    return true;
  }

  /**
   * The KRaft metadata quorum (leader, epoch, high watermark, voters and observers with their log
   * end offsets), or null when the cluster has none to describe (ZooKeeper mode, a broker before
   * 3.3).
   */
  QuorumView describeQuorum(long deadline) throws CollectException;

  /** The committed offsets of each group (partitions without a commit left out); a group that fails is left out. */
  Map<String, Map<TopicPartition, Long>> committedOffsets(Collection<String> groups, long deadline) throws CollectException;

  /** Members per group; a group that fails is left out. */
  Map<String, Integer> memberCounts(Collection<String> groups, long deadline) throws CollectException;

  /** Calls made since the last reset (each method above counts one), then resets. */
  int takeCalls();

  @Override
  void close();
}
