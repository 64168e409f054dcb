package org.doflamingo.engine;

/** One retention tier of the RRD files: points of {@code stepMs}, kept for {@code retentionMs}. */
public final class Tier {
  public final long stepMs;
  public final long retentionMs;

  Tier(long stepMs, long retentionMs) {
    this.stepMs = stepMs;
    this.retentionMs = retentionMs;
  }

  @Override
  public String toString() {
    return stepMs / 1000 + "s:" + retentionMs / 1000 + "s";
  }
}
