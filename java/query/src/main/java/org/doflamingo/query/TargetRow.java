package org.doflamingo.query;

import org.doflamingo.collect.Monitor;
import org.doflamingo.engine.Scheduler;

/** A target and its collection state as pages receive it, by REST ({@code targets}) and by push alike. */
public final class TargetRow {
  public final int id;
  public final String system;
  public final String group;
  public final String member;
  public final String address;
  /** UP, DOWN or UNKNOWN (not read yet). */
  public final String state;
  /** Epoch ms of the last good scrape, null before the first. */
  public final Long lastSuccess;
  public final long lastDurationMs;
  public final int consecutiveFailures;
  public final long timeouts;
  public final String lastError;

  private TargetRow(Monitor.Target t, Scheduler.Status s) {
    id = t.id;
    system = t.system;
    group = t.group;
    member = t.member;
    address = t.address;
    state = s.state.name();
    lastSuccess = s.lastSuccessMs > 0 ? s.lastSuccessMs : null;
    lastDurationMs = s.lastDurationMs;
    consecutiveFailures = s.consecutiveFailures;
    timeouts = s.timeouts;
    lastError = s.lastError == null || s.lastError.isEmpty() ? null : s.lastError;
  }

  public static TargetRow of(Monitor.Target t, Scheduler.Status s) {
    return new TargetRow(t, s);
  }
}
