package org.doflamingo.collect.kafka;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Burrow's consumer-lag rules over a sliding window, with time added. Offsets are observed by
 * polling (the Admin API gives committed offsets, not each commit), so the window keeps one
 * sample per {@code window / SAMPLES} of time, and "a commit" means the committed offset moved.
 * Per partition, with a window complete enough to judge:
 * <ol>
 *   <li>REWIND: the committed offset went back between two samples;</li>
 *   <li>OK: lag was zero at some sample of the window;</li>
 *   <li>offset did not move across the window while lag &gt; 0: STALL when the group has members,
 *   STOP when it has none (the consumers are gone);</li>
 *   <li>WARNING: lag never fell and ended higher than it began;</li>
 *   <li>else OK.</li>
 * </ol>
 * Lag in seconds: how long the partition's producers take to write what the group has not read,
 * at the log-end offset's rate over the window; with no production during the window, the time
 * since the log-end offset last moved. The window judged starts at the newest sample at least a
 * window old, so a gap in the readings never leaves it short. Memory: at most {@code SAMPLES} + 2
 * samples per partition;
 * partitions not seen for two windows are forgotten. Not thread-safe: one per Admin collector.
 */
public final class LagEvaluator {
  static final int SAMPLES = 20;

  /** What a partition's window says now. */
  public static final class Verdict {
    /** null while the window is too short to judge. */
    public final LagStatus status;
    /** NaN while unknown. */
    public final double lagSeconds;

    Verdict(LagStatus status, double lagSeconds) {
      this.status = status;
      this.lagSeconds = lagSeconds;
    }
  }

  private static final class Sample {
    final long timeMs;
    final long committed;
    final long logEnd;
    /** Lag was zero at some reading this sample stands for (a slice keeps only its newest reading). */
    final boolean caughtUp;

    Sample(long timeMs, long committed, long logEnd, boolean caughtUp) {
      this.timeMs = timeMs;
      this.committed = committed;
      this.logEnd = logEnd;
      this.caughtUp = caughtUp;
    }

    long lag() {
      return Math.max(0, logEnd - committed);
    }
  }

  private static final class Window {
    final Deque<Sample> samples = new ArrayDeque<>();
    long sliceStartMs;
    long lastSeenMs;
    long logEndMovedMs;
  }

  private final long windowMs;
  private final double completeness;
  private final Map<String, Window> windows = new HashMap<>();

  /**
   * @param windowMs the span judged (Burrow's window of commits, as time)
   * @param completeness the part of the window samples must span before a verdict (e.g. 0.8)
   */
  public LagEvaluator(long windowMs, double completeness) {
    if (windowMs < SAMPLES) throw new IllegalArgumentException("window too short: " + windowMs + " ms");
    this.windowMs = windowMs;
    this.completeness = completeness;
  }

  /** The span judged. */
  public long windowMs() {
    return windowMs;
  }

  /** Records one reading of a group's partition and judges it. */
  public Verdict observe(String group, String topic, int partition, long timeMs, long committed, long logEnd, boolean groupHasMembers) {
    String key = group + '\u0000' + topic + '\u0000' + partition;
    Window w = windows.get(key);
    if (w == null) windows.put(key, w = new Window());
    w.lastSeenMs = timeMs;
    Sample last = w.samples.peekLast();
    if (last == null || logEnd != last.logEnd) w.logEndMovedMs = timeMs;
    boolean caughtUp = logEnd <= committed;
    // One sample per slice of the window, the slice's newest reading; a rewind always starts one.
    if (last == null || timeMs - w.sliceStartMs >= windowMs / SAMPLES || committed < last.committed) {
      w.sliceStartMs = timeMs;
    } else {
      w.samples.pollLast();
      caughtUp |= last.caughtUp;
    }
    Sample now = new Sample(timeMs, committed, logEnd, caughtUp);
    w.samples.addLast(now);
    // The window starts at its newest sample at least a window old. Dropping every sample older
    // than the window instead left it short after a gap in the readings (a restart of the
    // monitor, an Admin outage): the status went unknown minutes later, until new readings
    // spanned most of a window again.
    while (w.samples.size() > 2 && timeMs - second(w.samples).timeMs >= windowMs) w.samples.pollFirst();
    return new Verdict(status(w, timeMs, groupHasMembers), lagSeconds(w, now, timeMs));
  }

  private static Sample second(Deque<Sample> samples) {
    Iterator<Sample> it = samples.iterator();
    it.next();
    return it.next();
  }

  private LagStatus status(Window w, long nowMs, boolean members) {
    if (w.samples.size() < 3 || nowMs - w.samples.peekFirst().timeMs < completeness * windowMs) return null;
    Sample previous = null;
    boolean caughtUp = false;
    boolean lagNeverFell = true;
    for (Sample s : w.samples) {
      if (previous != null && s.committed < previous.committed) return LagStatus.REWIND;
      if (s.caughtUp) caughtUp = true;
      if (previous != null && s.lag() < previous.lag()) lagNeverFell = false;
      previous = s;
    }
    if (caughtUp) return LagStatus.OK;
    Sample first = w.samples.peekFirst();
    Sample last = w.samples.peekLast();
    if (first.committed == last.committed) return members ? LagStatus.STALL : LagStatus.STOP;
    if (lagNeverFell && last.lag() > first.lag()) return LagStatus.WARNING;
    return LagStatus.OK;
  }

  private static double lagSeconds(Window w, Sample now, long nowMs) {
    if (now.lag() == 0) return 0;
    Sample first = w.samples.peekFirst();
    long produced = now.logEnd - first.logEnd;
    long spanMs = nowMs - first.timeMs;
    if (produced > 0 && spanMs > 0) return now.lag() / (produced * 1000.0 / spanMs);
    // Nothing written during the window: the unread records are at least this old.
    return spanMs > 0 ? (nowMs - w.logEndMovedMs) / 1000.0 : Double.NaN;
  }

  /** Forgets partitions (and groups) not seen for two windows: deleted groups and topics. */
  public void forgetOlderThan(long nowMs) {
    for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
      if (nowMs - it.next().lastSeenMs > 2 * windowMs) it.remove();
    }
  }

  int partitions() {
    return windows.size();
  }
}
