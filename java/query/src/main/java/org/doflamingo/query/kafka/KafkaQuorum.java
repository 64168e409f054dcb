package org.doflamingo.query.kafka;

import static org.doflamingo.collect.catalogue.MetricNames.QUORUM_EPOCH;
import static org.doflamingo.collect.catalogue.MetricNames.QUORUM_HIGH_WATERMARK;
import static org.doflamingo.collect.catalogue.MetricNames.QUORUM_LEADER;
import static org.doflamingo.collect.catalogue.MetricNames.QUORUM_OBSERVER_CAUGHT_UP_AGE;
import static org.doflamingo.collect.catalogue.MetricNames.QUORUM_OBSERVER_LAG;
import static org.doflamingo.collect.catalogue.MetricNames.QUORUM_OBSERVER_LOG_END;
import static org.doflamingo.collect.catalogue.MetricNames.QUORUM_VOTERS;
import static org.doflamingo.collect.catalogue.MetricNames.QUORUM_VOTER_CAUGHT_UP_AGE;
import static org.doflamingo.collect.catalogue.MetricNames.QUORUM_VOTER_LAG;
import static org.doflamingo.collect.catalogue.MetricNames.QUORUM_VOTER_LOG_END;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.query.Area;
import org.doflamingo.query.AreaReads;
import org.doflamingo.query.Readings;
import org.doflamingo.query.Reads;

/**
 * The KRaft metadata quorum of each Kafka cluster, as ZooKeeper's ensemble is shown: leader, epoch,
 * and each voter and observer with its lag, from the Admin collector's quorum series (one bulk
 * read), joined with the controllers' and brokers' JMX targets. A ZooKeeper-mode cluster has no row.
 */
public final class KafkaQuorum {
  private static final List<String> CLUSTER_FIGURES = Arrays.asList(QUORUM_LEADER, QUORUM_EPOCH, QUORUM_HIGH_WATERMARK, QUORUM_VOTERS);
  private static final List<String> MEMBER_FIGURES = Arrays.asList(QUORUM_VOTER_LOG_END, QUORUM_VOTER_LAG, QUORUM_VOTER_CAUGHT_UP_AGE,
      QUORUM_OBSERVER_LOG_END, QUORUM_OBSERVER_LAG, QUORUM_OBSERVER_CAUGHT_UP_AGE);

  private final Reads reads;

  public KafkaQuorum(Reads reads) {
    this.reads = reads;
  }

  /** One row per cluster with a quorum (of {@code cluster} only when given), voters first, each by node id. */
  public List<QuorumRow> quorum(String cluster) {
    long now = System.currentTimeMillis();
    Map<String, String> filter = AreaReads.filter(Area.KAFKA, cluster, null);
    Map<String, QuorumRow> rows = new TreeMap<>();
    Readings c = Readings.of(reads, CLUSTER_FIGURES, filter, k -> k.labels().size() == 1, now);
    for (int i = 0; i < c.size(); i++) {
      String name = c.key(i).label("cluster");
      QuorumRow row = rows.computeIfAbsent(name, QuorumRow::new);
      Double v = c.orNull(i);
      switch (c.metric(i)) {
        case QUORUM_LEADER: row.leader = v == null ? null : v.intValue(); row.leaderSeries = c.id(i); break;
        case QUORUM_EPOCH: row.epoch = v == null ? null : v.longValue(); row.epochSeries = c.id(i); break;
        case QUORUM_HIGH_WATERMARK: row.highWatermark = v == null ? null : v.longValue(); break;
        default: row.voters = v == null ? null : v.intValue();
      }
    }
    Map<String, QuorumMemberRow> members = new TreeMap<>();
    Readings m = Readings.of(reads, MEMBER_FIGURES, filter, k -> true, now);
    for (int i = 0; i < m.size(); i++) {
      SeriesKey k = m.key(i);
      QuorumRow row = rows.get(k.label("cluster"));
      boolean voter = m.metric(i).startsWith("kafka.quorum.voter.");
      String id = k.label(voter ? "controller" : "broker");
      if (row == null || id == null) continue;
      // voters before observers, each by node id
      String key = row.cluster + "\u0000" + (voter ? "0" : "1") + String.format("%011d", parse(id));
      QuorumMemberRow member = members.get(key);
      if (member == null) {
        members.put(key, member = new QuorumMemberRow(parse(id), voter ? "voter" : "observer"));
        row.members.add(member);
      }
      set(member, m.metric(i), m.id(i), m.orNull(i));
    }
    Map<String, String> targets = targetStates();
    for (QuorumRow row : rows.values()) {
      row.members.sort((a, b) -> a.role.equals(b.role) ? Integer.compare(a.id, b.id) : a.role.equals("voter") ? -1 : 1);
      for (QuorumMemberRow member : row.members) {
        member.leader = row.leader != null && member.role.equals("voter") && row.leader == member.id;
        member.targetState = targets.get(row.cluster + "\u0000" + (member.role.equals("voter") ? "kafka-controller" : "kafka-broker")
            + "\u0000" + member.id);
      }
    }
    return new ArrayList<>(rows.values());
  }

  private void set(QuorumMemberRow member, String metric, int id, Double v) {
    Long value = v == null ? null : v.longValue();
    if (metric.endsWith(".log_end_offset")) {
      member.logEndOffset = value;
    } else if (metric.endsWith(".lag")) {
      member.lag = value;
      member.lagSeries = id;
    } else {
      member.caughtUpAgeMs = value;
      member.caughtUpAgeSeries = id;
    }
    MetricSpec spec = reads.monitor().catalogue().get(metric);
    if (v != null && spec != null) member.health = member.health.worse(spec.health(v));
  }

  /** Each controller's and broker's JMX target state, by cluster, system and member. */
  private Map<String, String> targetStates() {
    Monitor monitor = reads.monitor();
    Map<String, String> out = new HashMap<>();
    for (Monitor.Target t : monitor.targets()) {
      if (t.system.equals("kafka-controller") || t.system.equals("kafka-broker")) {
        out.put(t.group + "\u0000" + t.system + "\u0000" + t.member, monitor.status(t.id).state.name());
      }
    }
    return out;
  }

  private static int parse(String id) {
    try {
      return Integer.parseInt(id);
    } catch (NumberFormatException e) {
      return -1; // not a node id: the quorum's series always carry one
    }
  }
}
