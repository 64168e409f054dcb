package org.doflamingo.collect.kafka;

import java.util.Locale;

/**
 * Spreads a cycle's batches over the scrapes of the cycle, so that no scrape makes one giant
 * burst: a cycle of {@code cycleMs} at scrapes every {@code intervalMs} has {@code k} slots, and
 * by the end of slot {@code s} the first {@code ceil((s + 1) × batches / k)} batches are read. A
 * scrape that was missed (a failure, an overrun) is caught up by the next one; a cycle whose
 * batches are not all read by its end finishes before the next one starts. The reader reports the
 * batches it read only once its scrape succeeded ({@link #advanceTo}): a failed scrape's batches
 * are read again. Not thread-safe: one scrape at a time.
 */
final class Cycle {
  private final long cycleMs;
  private final long intervalMs;
  private final int slots;
  private long startMs;
  private boolean started;
  private int batches;
  private int done;

  Cycle(long cycleMs, long intervalMs) {
    this.cycleMs = cycleMs;
    this.intervalMs = intervalMs;
    this.slots = (int) Math.max(1, Math.round((double) cycleMs / intervalMs));
  }

  /**
   * Whether a new cycle is to be planned at {@code nowMs}: none has run yet, or the last one is
   * read and its time is up (half an interval early, so that a scrape's jitter does not skip one).
   */
  boolean dueAt(long nowMs) {
    return !started || (done >= batches && nowMs - startMs >= cycleMs - intervalMs / 2);
  }

  void start(long nowMs, int batches) {
    this.started = true;
    this.startMs = nowMs;
    this.batches = batches;
    this.done = 0;
  }

  /** The first batch not read yet. */
  int done() {
    return done;
  }

  /** The batches [{@link #done()}, this) are due by {@code nowMs}. */
  int dueUntil(long nowMs) {
    long slot = Math.min(slots - 1, Math.max(0, (nowMs - startMs) / intervalMs));
    return (int) Math.min(batches, ((slot + 1) * batches + slots - 1) / slots);
  }

  /** The batches before {@code to} are read (their scrape succeeded). */
  void advanceTo(int to) {
    done = Math.max(done, to);
  }

  /**
   * Says how late the cycle is at {@code nowMs} when it has run past its time by more than a scrape
   * with batches still to read (its figures then come further apart than their cadence), else null.
   */
  String overdue(String what, long nowMs) {
    if (!started || done >= batches || nowMs - startMs <= cycleMs + intervalMs) return null;
    return String.format(Locale.ROOT, "the %s cycle is %d s old at batch %d of %d (planned every %d s)", what,
        (nowMs - startMs) / 1000, done + 1, batches, cycleMs / 1000);
  }

  /** Scrapes per cycle. */
  int slots() {
    return slots;
  }
}
