package org.doflamingo.engine;

/** What became of one ingested batch. Everything counted as accepted is in the journal. */
public final class IngestResult {
  public final long accepted;
  /** At or before the series' last sample: RRD cannot take the past. */
  public final long outOfOrder;
  /** Beyond the configured future tolerance (a target with a wrong clock). */
  public final long tooFarAhead;
  /** NaN or ±Inf: stored as unknown (for counters: skipped). */
  public final long nonFinite;
  /** First reading of a counter: a rate needs two. */
  public final long firstCounterReadings;

  IngestResult(org.doflamingo.engine.jni.IngestResult r) {
    this.accepted = r.getAccepted();
    this.outOfOrder = r.getOutOfOrder();
    this.tooFarAhead = r.getTooFarAhead();
    this.nonFinite = r.getNonFinite();
    this.firstCounterReadings = r.getFirstCounterReadings();
  }

  @Override
  public String toString() {
    return "IngestResult{accepted=" + accepted + ", outOfOrder=" + outOfOrder + ", tooFarAhead=" + tooFarAhead
        + ", nonFinite=" + nonFinite + ", firstCounterReadings=" + firstCounterReadings + "}";
  }
}
