package org.doflamingo.query;

import java.util.ArrayList;
import java.util.List;
import org.doflamingo.engine.Tier;

/** How far back the history reaches: the RRD tiers and the oldest moment anything was collected (null before the first collection). */
public final class Retention {
  /** One tier: its step and how long it is kept, in ms. */
  public static final class TierRow {
    public final long step;
    public final long retention;

    TierRow(Tier t) {
      step = t.stepMs;
      retention = t.retentionMs;
    }
  }

  public final Long oldest;
  public final long now;
  public final List<TierRow> tiers = new ArrayList<>();

  Retention(Long oldest, long now, List<Tier> tiers) {
    this.oldest = oldest;
    this.now = now;
    for (Tier t : tiers) this.tiers.add(new TierRow(t));
  }
}
