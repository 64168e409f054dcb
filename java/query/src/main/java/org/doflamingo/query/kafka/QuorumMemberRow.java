package org.doflamingo.query.kafka;

import org.doflamingo.collect.catalogue.Health;

/**
 * A member of a KRaft metadata quorum: a voter (a controller) or an observer (a broker), how far
 * behind the committed end of the metadata log it is, how long since it last caught up, the
 * collection state of its own JMX target when one is configured, and its health (the worst of the
 * catalogue's rules on those figures). Each figure null when not current.
 */
public final class QuorumMemberRow {
  public final int id;
  /** "voter" or "observer". */
  public final String role;
  public boolean leader;
  public Long logEndOffset;
  /** Records behind the high watermark, with its series for history. */
  public Long lag;
  public Integer lagSeries;
  public Long caughtUpAgeMs;
  public Integer caughtUpAgeSeries;
  /** Its JMX target's state (UP, DOWN, ...), null when none is configured for it. */
  public String targetState;
  public Health health = Health.UNKNOWN;

  QuorumMemberRow(int id, String role) {
    this.id = id;
    this.role = role;
  }
}
