package org.doflamingo.engine;

import java.util.ArrayList;
import java.util.List;
import org.doflamingo.engine.jni.NativeScheduler;

/**
 * Decides which collection targets are due: interval, jitter, timeout, exponential backoff while a
 * target fails. The host's clock ticks {@link #due(long)}; the host runs each due target on its
 * own worker and reports with {@link #complete}. A dead target never delays the others. Closing
 * again does nothing; any other call after close throws {@link IllegalStateException}.
 */
public final class Scheduler extends NativeHandle {
  /** One due collection attempt. */
  public static final class Due {
    public final int targetId;
    final long token;

    Due(long token) {
      this.token = token;
      this.targetId = (int) (token & 0xffffffffL);
    }
  }

  /** A target's state as the scheduler sees it. */
  public enum State {
    UNKNOWN(0),
    UP(1),
    DOWN(2);

    /** The engine's number for it (TargetState in scheduler.h); what crosses JNI. */
    public final int code;

    State(int code) {
      this.code = code;
    }

    /** The state with this code; IllegalArgumentException for any other. */
    public static State fromCode(int code) {
      return EnumCodes.fromCode(values(), v -> v.code, code);
    }
  }

  /** Snapshot of one target. */
  public static final class Status {
    public final String name;
    public final State state;
    public final long nextDueMs;
    public final long lastSuccessMs;
    public final long lastDurationMs;
    public final int consecutiveFailures;
    public final long attempts;
    public final long failures;
    public final long timeouts;
    public final long overruns;
    /** Rounds in a row without an answer (timeouts, attempts not started as the one before still ran). */
    public final int consecutiveTimeouts;
    /** Its last round had no answer within the timeout (it timed out, or answered late): slow, not down. */
    public final boolean slow;
    public final String lastError;

    Status(NativeScheduler.Status s) {
      name = s.getName();
      state = State.fromCode(s.getState());
      nextDueMs = s.getNextDueMs();
      lastSuccessMs = s.getLastSuccessMs();
      lastDurationMs = s.getLastDurationMs();
      consecutiveFailures = s.getConsecutiveFailures();
      attempts = s.getAttempts();
      failures = s.getFailures();
      timeouts = s.getTimeouts();
      overruns = s.getOverruns();
      consecutiveTimeouts = s.getConsecutiveTimeouts();
      slow = s.isSlow();
      lastError = s.getLastError();
    }
  }

  private final NativeScheduler handle;

  private Scheduler(NativeScheduler handle) {
    super("scheduler");
    this.handle = handle;
  }

  public static Scheduler create() {
    NativeLibrary.load();
    EngineLog.install();
    return new Scheduler(new NativeScheduler());
  }

  /** Adds a target; its first attempt is due at once (spread by jitter). */
  public int addTarget(String name, long intervalMs, long jitterMs, long timeoutMs, long maxBackoffMs, long nowMs) {
    return call(() -> handle.addTarget(name, intervalMs, jitterMs, timeoutMs, maxBackoffMs, nowMs));
  }

  public void removeTarget(int targetId) {
    run(() -> handle.removeTarget(targetId));
  }

  /** The attempts due now; each target in the list is now running until {@link #complete}. */
  public List<Due> due(long nowMs) {
    long[] tokens = call(() -> handle.dueTokens(nowMs));
    List<Due> out = new ArrayList<>(tokens.length);
    for (long t : tokens) out.add(new Due(t));
    return out;
  }

  /**
   * Reports an attempt; false when its result is ignored: it completed already, a newer attempt
   * started, its timeouts made the target DOWN, or it failed after its timeout (a success after
   * its timeout still counts: the target is slow).
   */
  public boolean complete(Due due, boolean success, long nowMs, String error) {
    return call(() -> handle.complete(due.token, success, nowMs, error == null ? "" : error));
  }

  /**
   * Reports that {@code due} got no answer in time though nothing refused it (the collector's own
   * deadline passed, or the host did not start it as the target's previous scrape still ran): a
   * round without an answer, as a timeout is (three in a row make a target DOWN). False for a
   * stale attempt.
   */
  public boolean unanswered(Due due, long nowMs, String why) {
    return call(() -> handle.unanswered(due.token, nowMs, why == null ? "" : why));
  }

  /**
   * Reports that the host skipped {@code due} for a reason of its own, not the target's (it is
   * still storing the previous answer): an overrun, the target's state unchanged. False for a
   * stale attempt.
   */
  public boolean skipped(Due due) {
    return call(() -> handle.skipped(due.token));
  }

  public Status status(int targetId) {
    return call(() -> {
      NativeScheduler.Status s = handle.status(targetId);
      try {
        return new Status(s);
      } finally {
        s.delete();
      }
    });
  }

  public long millisUntilNextDue(long nowMs) {
    return call(() -> handle.millisUntilNextDue(nowMs));
  }

  @Override
  void release() {
    handle.delete();
  }
}
