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

  /** counts: as NativeEngine::ingest returns them (engine_binding.h), in the order of the fields. */
  IngestResult(long[] counts) {
    if (counts.length != 5) throw new IllegalArgumentException("an ingest result has 5 counts, not " + counts.length);
    this.accepted = counts[0];
    this.outOfOrder = counts[1];
    this.tooFarAhead = counts[2];
    this.nonFinite = counts[3];
    this.firstCounterReadings = counts[4];
  }

  @Override
  public String toString() {
    return "IngestResult{accepted=" + accepted + ", outOfOrder=" + outOfOrder + ", tooFarAhead=" + tooFarAhead
        + ", nonFinite=" + nonFinite + ", firstCounterReadings=" + firstCounterReadings + "}";
  }
}
