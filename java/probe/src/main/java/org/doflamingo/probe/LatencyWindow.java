package org.doflamingo.probe;

import java.util.Arrays;
import org.HdrHistogram.IntCountsHistogram;

/**
 * End-to-end latencies over the last window: one HdrHistogram per time slice (as
 * {@link SlidingCount} slices its counts), merged when percentiles are asked for. Two significant
 * digits up to an hour with int counts: about 8 KB per slice, some 110 KB in all, whatever the
 * traffic; slower records count as an hour. Not thread-safe: {@link ProbeStats} guards it.
 */
final class LatencyWindow {
  static final long MAX_MS = 3_600_000;

  private final long sliceMs;
  private final IntCountsHistogram[] histograms;
  private final long[] slices;
  private final IntCountsHistogram merged = new IntCountsHistogram(MAX_MS, 2);

  LatencyWindow(long sliceMs, int slices) {
    this.sliceMs = sliceMs;
    this.histograms = new IntCountsHistogram[slices];
    for (int i = 0; i < slices; i++) histograms[i] = new IntCountsHistogram(MAX_MS, 2);
    this.slices = new long[slices];
    Arrays.fill(this.slices, Long.MIN_VALUE);
  }

  void record(long nowMs, long latencyMs) {
    long slice = Math.floorDiv(nowMs, sliceMs);
    int i = (int) Math.floorMod(slice, (long) histograms.length);
    if (slices[i] > slice) return;
    if (slices[i] != slice) {
      slices[i] = slice;
      histograms[i].reset();
    }
    // A clock step back must not make a negative latency, nor a stuck record an out-of-range one.
    histograms[i].recordValue(Math.max(0, Math.min(MAX_MS, latencyMs)));
  }

  /** The latencies at {@code percentiles} (e.g. 50, 99, 99.9) over the window; NaN for all when there were none. */
  double[] percentiles(long nowMs, double... percentiles) {
    long slice = Math.floorDiv(nowMs, sliceMs);
    merged.reset();
    for (int i = 0; i < histograms.length; i++) {
      if (slices[i] <= slice && slices[i] > slice - histograms.length) merged.add(histograms[i]);
    }
    double[] out = new double[percentiles.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = merged.getTotalCount() == 0 ? Double.NaN : merged.getValueAtPercentile(percentiles[i]);
    }
    return out;
  }

  /** Bytes the histograms take, for the memory bound's test. */
  long footprintBytes() {
    long sum = merged.getEstimatedFootprintInBytes();
    for (IntCountsHistogram h : histograms) sum += h.getEstimatedFootprintInBytes();
    return sum;
  }
}
