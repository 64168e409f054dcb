package org.doflamingo.collect.events;

/**
 * Every kind of event the detectors record, by area; docs/events.md is the table of them (area,
 * severity, entity labels, before → after). Kinds are dotted and lower case; a kind means one
 * transition, its before → after says which way.
 */
public final class EventKinds {
  private EventKinds() {
  }

  public static final String KAFKA = "kafka";
  public static final String ZOOKEEPER = "zookeeper";
  public static final String FLUME = "flume";
  public static final String DOFLAMINGO = "doflamingo";

  /** A target's scrapes started failing (after: DOWN, message: the error). */
  public static final String TARGET_DOWN = "target.down";
  /** A target answers again. */
  public static final String TARGET_UP = "target.up";

  public static final String CONTROLLER_MOVED = "controller.moved";
  public static final String BROKER_JOINED = "broker.joined";
  public static final String BROKER_LEFT = "broker.left";
  public static final String QUORUM_LEADER = "quorum.leader";
  /** The cluster's under-replicated partition count left 0 (WARNING) or returned to it (INFO). */
  public static final String UNDER_REPLICATED = "cluster.under_replicated";
  public static final String TOPIC_CREATED = "topic.created";
  public static final String TOPIC_DELETED = "topic.deleted";
  public static final String PARTITION_LEADER = "partition.leader";
  public static final String PARTITION_OFFLINE = "partition.offline";
  public static final String PARTITION_ONLINE = "partition.online";
  public static final String ISR_SHRINK = "partition.isr.shrink";
  public static final String ISR_EXPAND = "partition.isr.expand";
  public static final String GROUP_CREATED = "group.created";
  public static final String GROUP_DELETED = "group.deleted";
  public static final String GROUP_STATUS = "group.status";
  public static final String GROUP_MEMBERS = "group.members";

  /** A ZooKeeper server's role changed (a leader election). */
  public static final String SERVER_ROLE = "server.role";

  /** A Flume channel's fill crossed its catalogue rule (before → after: GREEN/AMBER/RED). */
  public static final String CHANNEL_FILL = "channel.fill";
  public static final String SINK_FAILING = "sink.connection.failing";
  public static final String SINK_RECOVERED = "sink.connection.recovered";

  /** The probe's produce or consume availability crossed its rule. */
  public static final String PROBE_AVAILABILITY = "probe.availability";

  /** A health tile changed colour (message: the rule that fired). */
  public static final String HEALTH = "health";
}
