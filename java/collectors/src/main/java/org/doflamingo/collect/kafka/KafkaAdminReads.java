package org.doflamingo.collect.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
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
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
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
import org.doflamingo.collect.NoAnswerInTime;
import org.doflamingo.config.KafkaClusterConfig;

/**
 * {@link AdminReads} on a real cluster through one Kafka {@link Admin} client. A scrape waits for
 * its answers until its deadline, but the calls themselves are patient ({@link #patienceMs}): an
 * Admin call that expires in flight makes the client drop the broker's connection, which cancels
 * every other call on it, and on a busy cluster that turns one slow answer into a storm of
 * reconnections. A call still unanswered when its scrape ends is kept, and the next scrape that
 * asks the same (a batch not read is asked again) takes its answer instead of asking twice.
 *
 * <p>Works with 3.x and 4.x brokers: groups are listed with {@code listConsumerGroups}, whose listings carry their state
 * from 2.6 on and their type (classic or consumer, KIP-848) from 3.8 on; 4.x's {@code listGroups}
 * says the same and names share and streams groups too, but a 3.9 client (the one that runs on
 * Java 8) has none, so those are listed as of an "other" protocol.
 */
final class KafkaAdminReads implements AdminReads {
  private final KafkaClusterConfig config;
  private final String cluster;
  /**
   * How long a call may stay unanswered before the client gives it up: Kafka's own default request
   * timeout, or the scrape's timeout when that is longer.
   */
  private final int patienceMs;
  /** Calls unanswered when their scrape ended, by what they asked (at most a few: a cycle's batch, a listing). */
  private final Map<List<Object>, Asked> unanswered = new HashMap<>();
  /** Made at the first read, and again after a failed making: a Kerberos login that failed is retried at the next scrape. */
  private volatile Admin admin;
  private int calls;
  /** False once the cluster said it has no metadata quorum to describe: not asked again. */
  private boolean quorumAnswers = true;
  private boolean listingComplete = true;

  KafkaAdminReads(KafkaClusterConfig cluster, long timeoutMs) {
    this.config = cluster;
    this.cluster = cluster.name;
    this.patienceMs = (int) Math.min(Integer.MAX_VALUE, Math.max(30_000, timeoutMs));
  }

  /** A call's result, and when it was first asked. */
  private static final class Asked {
    final Object result;
    final long askedMs;

    Asked(Object result, long askedMs) {
      this.result = result;
      this.askedMs = askedMs;
    }
  }

  private interface Call<R> {
    R ask() throws CollectException;
  }

  /** The call asked before with this question and not answered by its scrape's end, or a new one. */
  private Asked ask(List<Object> question, Call<?> call) throws CollectException {
    long now = System.currentTimeMillis();
    unanswered.values().removeIf(a -> now - a.askedMs > patienceMs); // given up by the client by now
    Asked before = unanswered.remove(question);
    return before != null ? before : new Asked(call.ask(), now);
  }

  @SuppressWarnings("unchecked")
  private static <R> R result(Asked a) {
    return (R) a.result;
  }

  private Admin admin() throws CollectException {
    if (admin != null) return admin;
    Properties p;
    try {
      p = KafkaClientSecurity.properties(config);
    } catch (IllegalStateException e) {
      throw new CollectException(e.getMessage());
    }
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, patienceMs);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, patienceMs);
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
    List<Object> question = Collections.singletonList("describeCluster");
    Asked asked = ask(question, () -> {
      calls++;
      return admin().describeCluster();
    });
    DescribeClusterResult described = result(asked);
    try {
      Set<Integer> live = new HashSet<>();
      for (Node n : get(described.nodes(), deadline, "describing the cluster")) live.add(n.id());
      Node controller = get(described.controller(), deadline, "finding the controller");
      return new ClusterView(live, controller == null ? -1 : controller.id());
    } catch (NoAnswerInTime e) {
      unanswered.put(question, asked);
      throw e;
    }
  }

  @Override
  public Set<String> listTopics(long deadline) throws CollectException {
    List<Object> question = Collections.singletonList("listTopics");
    Asked asked = ask(question, () -> {
      calls++;
      return admin().listTopics(new ListTopicsOptions().timeoutMs(patienceMs)).names();
    });
    try {
      return new HashSet<>(get(this.<KafkaFuture<Set<String>>>result(asked), deadline, "listing topics"));
    } catch (NoAnswerInTime e) {
      unanswered.put(question, asked);
      throw e;
    }
  }

  @Override
  public Map<String, TopicDescription> describeTopics(Collection<String> topics, long deadline) throws CollectException {
    Map<String, TopicDescription> out = new HashMap<>();
    if (topics.isEmpty()) return out;
    List<Object> question = Arrays.asList("describeTopics", new HashSet<>(topics));
    Asked asked = ask(question, () -> {
      calls++;
      return admin().describeTopics(topics, new DescribeTopicsOptions().timeoutMs(patienceMs)).topicNameValues();
    });
    Map<String, KafkaFuture<TopicDescription>> each = result(asked);
    for (Map.Entry<String, KafkaFuture<TopicDescription>> e : each.entrySet()) {
      try {
        out.put(e.getKey(), get(e.getValue(), deadline, "describing topics"));
      } catch (NoAnswerInTime late) {
        unanswered.put(question, asked);
        throw late;
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
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (TopicPartition tp : partitions) latest.put(tp, OffsetSpec.latest());
    // Half the time left: a partition whose leader just died must not take the rest of the scrape with it.
    long answered = halfway(deadline);
    List<Object> question = Arrays.asList("listOffsets", latest.keySet());
    Asked asked = ask(question, () -> {
      calls++;
      return admin().listOffsets(latest, new ListOffsetsOptions().timeoutMs(patienceMs));
    });
    ListOffsetsResult listed = result(asked);
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
    if (!ends.isEmpty()) return ends;
    String failure = "Kafka cluster " + cluster + ": " + KafkaFailures.describe(last) + " while reading log-end offsets";
    if (last instanceof TimeoutException || last instanceof org.apache.kafka.common.errors.TimeoutException) {
      unanswered.put(question, asked);
      throw new NoAnswerInTime(failure, last);
    }
    throw new CollectException(failure, last);
  }

  @Override
  public boolean lastListingComplete() {
    return listingComplete;
  }

  @Override
  public Map<String, ListedGroup> listGroups(long deadline) throws CollectException {
    // Every broker is asked for the groups it coordinates; while one is dead (until the cluster
    // drops it, or the call's patience is spent) the others' listings wait with it, then are
    // taken, and its groups wait for the next cycle.
    List<Object> question = Collections.singletonList("listConsumerGroups");
    Asked asked = ask(question, () -> {
      calls++;
      return admin().listConsumerGroups(new ListConsumerGroupsOptions().timeoutMs(patienceMs));
    });
    ListConsumerGroupsResult result = result(asked);
    Collection<ConsumerGroupListing> listed;
    Collection<Throwable> errors;
    try {
      listed = get(result.valid(), deadline, "listing consumer groups");
      errors = get(result.errors(), deadline, "listing consumer groups");
    } catch (NoAnswerInTime e) {
      unanswered.put(question, asked);
      throw e;
    }
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
    List<Object> question = Collections.singletonList("describeMetadataQuorum");
    Asked asked = ask(question, () -> {
      calls++;
      return admin().describeMetadataQuorum(new DescribeMetadataQuorumOptions().timeoutMs(patienceMs)).quorumInfo();
    });
    try {
      QuorumInfo q = get(this.<KafkaFuture<QuorumInfo>>result(asked), deadline, "describing the metadata quorum");
      return new QuorumView(q.leaderId(), q.leaderEpoch(), q.highWatermark(), replicas(q.voters()), replicas(q.observers()));
    } catch (NoAnswerInTime e) {
      unanswered.put(question, asked);
      throw e;
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
    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    for (String g : groups) specs.put(g, new ListConsumerGroupOffsetsSpec());
    List<Object> question = Arrays.asList("listConsumerGroupOffsets", specs.keySet());
    Asked asked = ask(question, () -> {
      calls++;
      return admin().listConsumerGroupOffsets(specs, new ListConsumerGroupOffsetsOptions().timeoutMs(patienceMs));
    });
    ListConsumerGroupOffsetsResult result = result(asked);
    CollectException last = null;
    for (String g : groups) {
      try {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> c : get(result.partitionsToOffsetAndMetadata(g), deadline,
            "reading committed offsets").entrySet()) {
          if (c.getValue() != null) offsets.put(c.getKey(), c.getValue().offset()); // null: no commit for this partition yet
        }
        out.put(g, offsets);
      } catch (NoAnswerInTime e) {
        unanswered.put(question, asked);
        throw e;
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
    List<Object> question = Arrays.asList("describeConsumerGroups", new HashSet<>(groups));
    Asked asked = ask(question, () -> {
      calls++;
      return admin().describeConsumerGroups(groups, new DescribeConsumerGroupsOptions().timeoutMs(patienceMs));
    });
    DescribeConsumerGroupsResult result = result(asked);
    CollectException last = null;
    for (Map.Entry<String, KafkaFuture<ConsumerGroupDescription>> e : result.describedGroups().entrySet()) {
      try {
        out.put(e.getKey(), get(e.getValue(), deadline, "describing groups").members().size());
      } catch (NoAnswerInTime late) {
        unanswered.put(question, asked);
        throw late;
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
      throw new NoAnswerInTime("Kafka cluster " + cluster + ": no answer by the scrape's deadline while " + what);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthenticationException) dropClient();
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new NoAnswerInTime("Kafka cluster " + cluster + ": " + KafkaFailures.describe(e.getCause()) + " while " + what, e.getCause());
      }
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
