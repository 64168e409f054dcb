package org.doflamingo.probe;

import java.util.Arrays;

/**
 * A count over the last window, kept in a fixed number of time slices (Kafka's sampled stats,
 * without the allocation): the sum covers the current, partial slice and the slices before it,
 * so the window it spans is the configured one to within one slice. Fixed memory whatever the
 * traffic. Not thread-safe: {@link ProbeStats} guards it.
 */
final class SlidingCount {
  private final long sliceMs;
  private final long[] counts;
  /** The slice number (time / sliceMs) each bucket holds; MIN_VALUE: empty. */
  private final long[] slices;

  SlidingCount(long sliceMs, int slices) {
    if (sliceMs < 1 || slices < 1) throw new IllegalArgumentException("slice " + sliceMs + " ms x " + slices);
    this.sliceMs = sliceMs;
    this.counts = new long[slices];
    this.slices = new long[slices];
    Arrays.fill(this.slices, Long.MIN_VALUE);
  }

  void add(long nowMs, long n) {
    long slice = Math.floorDiv(nowMs, sliceMs);
    int i = (int) Math.floorMod(slice, (long) counts.length);
    if (slices[i] > slice) return; // older than the window: a late report that no longer counts
    if (slices[i] != slice) {
      slices[i] = slice;
      counts[i] = 0;
    }
    counts[i] += n;
  }

  long sum(long nowMs) {
    long slice = Math.floorDiv(nowMs, sliceMs);
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      if (slices[i] <= slice && slices[i] > slice - counts.length) sum += counts[i];
    }
    return sum;
  }
}
