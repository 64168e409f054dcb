package org.doflamingo.collect.catalogue;

/**
 * The catalogue's names that code writes or reads by name (the Admin collector's series, the
 * tables' and the flow graph's figures); every one is in {@code metrics.json} (a test checks), so
 * a renamed metric breaks the build instead of emptying a column.
 */
public final class MetricNames {
  private MetricNames() {}

  // the Admin API's cluster, topic and partition series (system kafka-cluster)
  public static final String CLUSTER_BROKERS = "kafka.cluster.brokers";
  public static final String CLUSTER_CONTROLLER = "kafka.cluster.controller";
  public static final String TOPIC_UNDER_REPLICATED = "kafka.topic.under_replicated_partitions";
  public static final String PARTITION_LEADER = "kafka.partition.leader";
  public static final String PARTITION_REPLICAS = "kafka.partition.replicas";
  public static final String PARTITION_ISR = "kafka.partition.in_sync_replicas";
  public static final String PARTITION_LOG_END = "kafka.partition.log_end_offset";

  // the KRaft metadata quorum (Admin API describeMetadataQuorum): the cluster's, each voter's (label controller), each observer's (label broker)
  public static final String QUORUM_LEADER = "kafka.quorum.leader";
  public static final String QUORUM_EPOCH = "kafka.quorum.epoch";
  public static final String QUORUM_HIGH_WATERMARK = "kafka.quorum.high_watermark";
  public static final String QUORUM_VOTERS = "kafka.quorum.voters";
  public static final String QUORUM_VOTER_LOG_END = "kafka.quorum.voter.log_end_offset";
  public static final String QUORUM_VOTER_LAG = "kafka.quorum.voter.lag";
  public static final String QUORUM_VOTER_CAUGHT_UP_AGE = "kafka.quorum.voter.caught_up_age_ms";
  public static final String QUORUM_OBSERVER_LOG_END = "kafka.quorum.observer.log_end_offset";
  public static final String QUORUM_OBSERVER_LAG = "kafka.quorum.observer.lag";
  public static final String QUORUM_OBSERVER_CAUGHT_UP_AGE = "kafka.quorum.observer.caught_up_age_ms";

  // consumer groups, per partition and per group
  public static final String GROUP_COMMITTED_OFFSET = "kafka.consumer.group.committed_offset";
  public static final String GROUP_LAG = "kafka.consumer.group.lag";
  public static final String GROUP_LAG_SECONDS = "kafka.consumer.group.lag_seconds";
  public static final String GROUP_PARTITION_STATUS = "kafka.consumer.group.partition_status";
  public static final String GROUP_MAX_LAG = "kafka.consumer.group.max_lag";
  public static final String GROUP_TOTAL_LAG = "kafka.consumer.group.total_lag";
  public static final String GROUP_MAX_LAG_SECONDS = "kafka.consumer.group.max_lag_seconds";
  /** A {@code LagStatus} code. */
  public static final String GROUP_STATUS = "kafka.consumer.group.status";
  public static final String GROUP_MEMBERS = "kafka.consumer.group.members";
  /** A {@code GroupProtocol} code: classic, consumer (KIP-848), other. */
  public static final String GROUP_PROTOCOL = "kafka.consumer.group.protocol";
  /** A {@code GroupState} code. */
  public static final String GROUP_STATE = "kafka.consumer.group.state";

  // a broker's JMX (labelled cluster and broker; the per-topic twins also topic)
  public static final String BROKER_PARTITIONS = "kafka.server.ReplicaManager.PartitionCount";
  public static final String BROKER_LEADERS = "kafka.server.ReplicaManager.LeaderCount";
  public static final String BROKER_UNDER_REPLICATED = "kafka.server.ReplicaManager.UnderReplicatedPartitions";
  public static final String MESSAGES_IN = "kafka.server.BrokerTopicMetrics.MessagesInPerSec";
  public static final String BYTES_IN = "kafka.server.BrokerTopicMetrics.BytesInPerSec";
  public static final String BYTES_OUT = "kafka.server.BrokerTopicMetrics.BytesOutPerSec";
  public static final String BROKER_HEAP_USED = "kafka.jvm.heap.used";
  public static final String BROKER_HEAP_MAX = "kafka.jvm.heap.max";

  // Flume components (labelled agent and component)
  public static final String SOURCE_ACCEPTED = "flume.source.EventAcceptedCount";
  public static final String SOURCE_RECEIVED = "flume.source.EventReceivedCount";
  public static final String CHANNEL_FILL = "flume.channel.ChannelFillPercentage";
  public static final String CHANNEL_SIZE = "flume.channel.ChannelSize";
  public static final String CHANNEL_CAPACITY = "flume.channel.ChannelCapacity";
  public static final String CHANNEL_PUT = "flume.channel.EventPutSuccessCount";
  public static final String CHANNEL_TAKE = "flume.channel.EventTakeSuccessCount";
  public static final String SINK_DRAINED = "flume.sink.EventDrainSuccessCount";
  public static final String SINK_CONNECTION_FAILED = "flume.sink.ConnectionFailedCount";
}
