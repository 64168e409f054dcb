package org.doflamingo.query.kafka;

import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.query.Columns;

/** A consumer group of the lag list: its protocol and state, current lag, members, Burrow status and health. */
public final class LagRow {
  /** The columns the list sorts by. */
  public static final Columns<LagRow> COLUMNS = Columns.<LagRow>of("group", r -> r.group)
      .and("maxLag", r -> r.maxLag).and("totalLag", r -> r.totalLag).and("maxLagSeconds", r -> r.maxLagSeconds)
      .and("status", r -> r.status).and("members", r -> r.members).and("protocol", r -> r.protocol).and("state", r -> r.state)
      .and("health", r -> r.health.rank()); // by how bad, not by name

  public final String cluster;
  public final String group;
  /** Offsets behind on the group's worst partition; null when not current. */
  public Long maxLag;
  /** The series of {@link #maxLag}, for its history. */
  public Integer maxLagSeries;
  public Long totalLag;
  /** Seconds behind on the worst partition, one decimal. */
  public Double maxLagSeconds;
  /** OK, WARNING, REWIND, STALL or STOP. */
  public String status;
  public Long members;
  /** classic, consumer (KIP-848) or other (a share or streams group, listed only); null when not current. */
  public String protocol;
  /** Kafka's name of the group's state (Stable, Empty, Reconciling, ...); null when not current. */
  public String state;
  /** Worst of the catalogue's rules on those figures; UNKNOWN when none is current. */
  public Health health = Health.UNKNOWN;
  /**
   * True when the figures are the last known of a group whose cluster's Admin target is not
   * answering or is behind (its group cycle longer than a figure stays current); null when current.
   */
  public Boolean stale;
  /** How old the max lag of a stale row is, ms; null when current. */
  public Long ageMs;

  /** The group's slot in {@link GroupSlots}: how the page finds the row's series (not shown). */
  final int slot;

  LagRow(String cluster, String group, int slot) {
    this.cluster = cluster;
    this.group = group;
    this.slot = slot;
  }
}
