package org.doflamingo.collect.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsResult;
import org.apache.kafka.clients.admin.DescribeMetadataQuorumOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupsResult;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.doflamingo.collect.CollectException;
import org.doflamingo.config.KafkaClusterConfig;

/**
 * {@link AdminReads} on a real cluster through one Kafka {@link Admin} client. Works with 3.x and
 * 4.x brokers: groups are listed with {@code listConsumerGroups}, whose listings carry their state
 * from 2.6 on and their type (classic or consumer, KIP-848) from 3.8 on; 4.x's {@code listGroups}
 * says the same and names share and streams groups too, but a 3.9 client (the one that runs on
 * Java 8) has none, so those are listed as of an "other" protocol.
 */
final class KafkaAdminReads implements AdminReads {
  private final KafkaClusterConfig config;
  private final String cluster;
  private final long timeoutMs;
  /** Made at the first read, and again after a failed making: a Kerberos login that failed is retried at the next scrape. */
  private volatile Admin admin;
  private int calls;
  /** False once the cluster said it has no metadata quorum to describe: not asked again. */
  private boolean quorumAnswers = true;
  private boolean listingComplete = true;

  KafkaAdminReads(KafkaClusterConfig cluster, long timeoutMs) {
    this.config = cluster;
    this.cluster = cluster.name;
    this.timeoutMs = timeoutMs;
  }

  private Admin admin() throws CollectException {
    if (admin != null) return admin;
    Properties p;
    try {
      p = KafkaClientSecurity.properties(config);
    } catch (IllegalStateException e) {
      throw new CollectException(e.getMessage());
    }
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "doflamingo-" + cluster);
    try {
      admin = Admin.create(p);
    } catch (RuntimeException e) {
      // a keytab that is missing or refused, a store that cannot be read: said as the cause, retried next scrape
      throw new CollectException(KafkaClientSecurity.creationFailure(cluster, config.security, e));
    }
    return admin;
  }

  @Override
  public ClusterView describeCluster(long deadline) throws CollectException {
    calls++;
    DescribeClusterResult described = admin().describeCluster();
    Set<Integer> live = new HashSet<>();
    for (Node n : get(described.nodes(), deadline, "describing the cluster")) live.add(n.id());
    Node controller = get(described.controller(), deadline, "finding the controller");
    return new ClusterView(live, controller == null ? -1 : controller.id());
  }

  @Override
  public Set<String> listTopics(long deadline) throws CollectException {
    calls++;
    return new HashSet<>(get(admin().listTopics(new ListTopicsOptions().timeoutMs(budget(deadline))).names(), deadline, "listing topics"));
  }

  @Override
  public Map<String, TopicDescription> describeTopics(Collection<String> topics, long deadline) throws CollectException {
    Map<String, TopicDescription> out = new HashMap<>();
    if (topics.isEmpty()) return out;
    calls++;
    Map<String, KafkaFuture<TopicDescription>> each = admin().describeTopics(topics).topicNameValues();
    for (Map.Entry<String, KafkaFuture<TopicDescription>> e : each.entrySet()) {
      try {
        out.put(e.getKey(), get(e.getValue(), deadline, "describing topics"));
      } catch (CollectException failed) {
        // deleted since it was listed: gone from the next listing; anything else fails the read
        if (!(failed.getCause() instanceof UnknownTopicOrPartitionException)) throw failed;
      }
    }
    return out;
  }

  @Override
  public Map<TopicPartition, Long> logEndOffsets(Collection<TopicPartition> partitions, long deadline) throws CollectException {
    Map<TopicPartition, Long> ends = new HashMap<>();
    if (partitions.isEmpty()) return ends;
    calls++;
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (TopicPartition tp : partitions) latest.put(tp, OffsetSpec.latest());
    // Half the time left: a partition whose leader just died must not take the rest of the scrape with it.
    long answered = halfway(deadline);
    ListOffsetsResult listed = admin().listOffsets(latest, new ListOffsetsOptions().timeoutMs(budget(answered)));
    Throwable last = null;
    for (TopicPartition tp : latest.keySet()) {
      try {
        ends.put(tp, listed.partitionResult(tp).get(budget(answered), TimeUnit.MILLISECONDS).offset());
      } catch (ExecutionException e) {
        last = e.getCause();
      } catch (TimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CollectException("Kafka cluster " + cluster + ": interrupted while reading log-end offsets", e);
      }
    }
    // While leadership moves (a broker just died) some partitions cannot answer; they must not cost the others theirs.
    if (ends.isEmpty()) throw new CollectException("Kafka cluster " + cluster + ": " + KafkaFailures.describe(last) + " while reading log-end offsets", last);
    return ends;
  }

  @Override
  public boolean lastListingComplete() {
    return listingComplete;
  }

  @Override
  public Map<String, ListedGroup> listGroups(long deadline) throws CollectException {
    calls++;
    // Every broker is asked for the groups it coordinates; while one is dead (until the cluster
    // drops it) the others' listings are taken, and its groups wait for the next cycle.
    long answered = halfway(deadline);
    ListConsumerGroupsResult result = admin().listConsumerGroups(new ListConsumerGroupsOptions().timeoutMs(budget(answered)));
    Collection<ConsumerGroupListing> listed = get(result.valid(), deadline, "listing consumer groups");
    Collection<Throwable> errors = get(result.errors(), deadline, "listing consumer groups");
    listingComplete = errors.isEmpty();
    if (listed.isEmpty() && !errors.isEmpty()) {
      Throwable first = errors.iterator().next();
      throw new CollectException("Kafka cluster " + cluster + ": " + KafkaFailures.describe(first) + " while listing consumer groups", first);
    }
    Map<String, ListedGroup> out = new HashMap<>();
    for (ConsumerGroupListing g : listed) {
      // GroupType.UNKNOWN: a type this client cannot name (share, streams); empty: a broker too old to say
      String type = g.type().map(t -> t == GroupType.UNKNOWN ? "unknown" : t.toString()).orElse(null);
      out.put(g.groupId(), new ListedGroup(g.state().map(Enum::toString).orElse("Unknown"), GroupProtocol.ofType(type)));
    }
    return out;
  }

  @Override
  public QuorumView describeQuorum(long deadline) throws CollectException {
    if (!quorumAnswers) return null;
    calls++;
    try {
      QuorumInfo q = get(admin.describeMetadataQuorum(new DescribeMetadataQuorumOptions().timeoutMs(budget(deadline))).quorumInfo(),
          deadline, "describing the metadata quorum");
      return new QuorumView(q.leaderId(), q.leaderEpoch(), q.highWatermark(), replicas(q.voters()), replicas(q.observers()));
    } catch (CollectException e) {
      // ZooKeeper mode (or a broker before 3.3): no quorum, and the brokers say so the same way every time
      if (e.getCause() instanceof UnsupportedVersionException) {
        quorumAnswers = false;
        return null;
      }
      throw e;
    }
  }

  private static List<QuorumView.Replica> replicas(List<QuorumInfo.ReplicaState> states) {
    List<QuorumView.Replica> out = new ArrayList<>();
    for (QuorumInfo.ReplicaState r : states) {
      out.add(new QuorumView.Replica(r.replicaId(), r.logEndOffset(), r.lastCaughtUpTimestamp().orElse(-1)));
    }
    return out;
  }

  @Override
  public Map<String, Map<TopicPartition, Long>> committedOffsets(Collection<String> groups, long deadline) throws CollectException {
    Map<String, Map<TopicPartition, Long>> out = new HashMap<>();
    if (groups.isEmpty()) return out;
    calls++;
    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    for (String g : groups) specs.put(g, new ListConsumerGroupOffsetsSpec());
    ListConsumerGroupOffsetsResult result =
        admin().listConsumerGroupOffsets(specs, new ListConsumerGroupOffsetsOptions().timeoutMs(budget(deadline)));
    CollectException last = null;
    for (String g : groups) {
      try {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> c : get(result.partitionsToOffsetAndMetadata(g), deadline,
            "reading committed offsets").entrySet()) {
          if (c.getValue() != null) offsets.put(c.getKey(), c.getValue().offset()); // null: no commit for this partition yet
        }
        out.put(g, offsets);
      } catch (CollectException e) {
        last = e; // a group deleted meanwhile, its coordinator moving: the others still count
      }
    }
    if (out.isEmpty() && last != null) throw last;
    return out;
  }

  @Override
  public Map<String, Integer> memberCounts(Collection<String> groups, long deadline) throws CollectException {
    Map<String, Integer> out = new HashMap<>();
    if (groups.isEmpty()) return out;
    calls++;
    DescribeConsumerGroupsResult result = admin().describeConsumerGroups(groups, new DescribeConsumerGroupsOptions().timeoutMs(budget(deadline)));
    CollectException last = null;
    for (Map.Entry<String, KafkaFuture<ConsumerGroupDescription>> e : result.describedGroups().entrySet()) {
      try {
        out.put(e.getKey(), get(e.getValue(), deadline, "describing groups").members().size());
      } catch (CollectException failed) {
        last = failed;
      }
    }
    if (out.isEmpty() && last != null) throw last;
    return out;
  }

  @Override
  public int takeCalls() {
    int n = calls;
    calls = 0;
    return n;
  }

  private static long halfway(long deadline) {
    long now = System.currentTimeMillis();
    return now + Math.max(1, (deadline - now) / 2);
  }

  private static int budget(long deadline) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline - System.currentTimeMillis()));
  }

  private <T> T get(KafkaFuture<T> future, long deadline, String what) throws CollectException {
    try {
      return future.get(budget(deadline), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new CollectException("Kafka cluster " + cluster + ": no answer by the scrape's deadline while " + what);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthenticationException) dropClient();
      throw new CollectException("Kafka cluster " + cluster + ": " + KafkaFailures.describe(e.getCause()) + " while " + what, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectException("Kafka cluster " + cluster + ": interrupted while " + what, e);
    }
  }

  /**
   * Closes a client the brokers refused (wrong password, untrusted certificate, mechanism not
   * offered): left open it would reconnect every second by itself, each time logging the refusal;
   * the next scrape, after the target's backoff, makes a new one.
   */
  private void dropClient() {
    Admin refused = admin;
    admin = null;
    if (refused != null) refused.close(Duration.ZERO);
  }

  @Override
  public void close() {
    if (admin != null) admin.close(Duration.ofSeconds(5));
  }
}
