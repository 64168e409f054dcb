package org.doflamingo.query;

import java.util.Map;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.series.SeriesCounts;
import org.doflamingo.engine.Scheduler;

/**
 * A target and its collection state as pages receive it, by REST ({@code targets}) and by push
 * alike, with the series it created per retention class and, when a budget of the configuration
 * stopped it, the series refused and a warning.
 */
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
  /**
   * Its last round had no answer within the timeout (it timed out, or answered late) while not
   * DOWN: a busy target, still collected; DOWN only after a few such rounds in a row.
   */
  public final boolean slow;
  /** What its last good scrape could not read yet, as it answers slowly (a batch still asked, its cycle stretched), or null. */
  public final String behind;
  public final String lastError;
  /**
   * What a target still starting waits for (first contact: connected, its MBeans still being
   * listed), null once it is read; meanwhile it is not DOWN and writes nothing.
   */
  public final String pending;
  /** Series this target created, by retention class. */
  public final Map<String, Long> series;
  public final long seriesTotal;
  /** New series a budget refused, by class (empty while within budget). */
  public final Map<String, Long> seriesRefused;
  /** Which budget was reached and how many series it refused, or null. */
  public final String seriesWarning;

  private TargetRow(Monitor.Target t, Scheduler.Status s, String pending, String behind, SeriesCounts.Target counts) {
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
    this.behind = behind;
    slow = (s.slow || behind != null) && s.state != Scheduler.State.DOWN;
    lastError = s.lastError == null || s.lastError.isEmpty() ? null : s.lastError;
    this.pending = pending;
    series = counts.series;
    long total = 0;
    for (long n : counts.series.values()) total += n;
    seriesTotal = total;
    seriesRefused = counts.refused;
    seriesWarning = counts.warning;
  }

  /** The row of target {@code t} of {@code monitor} now. */
  public static TargetRow of(Monitor monitor, Monitor.Target t) {
    return new TargetRow(t, monitor.status(t.id), monitor.pending(t.id), monitor.behind(t.id), monitor.seriesCounts(t.id));
  }
}
