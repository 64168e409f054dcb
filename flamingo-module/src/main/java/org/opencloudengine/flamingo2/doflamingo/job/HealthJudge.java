package org.opencloudengine.flamingo2.doflamingo.job;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.doflamingo.collect.Monitor;
import org.doflamingo.query.HealthEvents;
import org.doflamingo.query.Reads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges the health tiles once per collection interval, after the collection job's beats, and
 * records their colour changes as events ({@link HealthEvents}). On a thread of its own, never the
 * Quartz thread's: a beat returns at once whatever the judgement costs, and a judgement still
 * running when the next is due is not doubled (the next beat after it ends judges again). Its
 * cost is bounded: the next judgement waits at least {@value #COST_SHARE} times the last one's
 * duration, so a monitor of 50,000 groups spends at most a fifth of one core on it (its events
 * are then that much later), whatever the interval.
 */
public final class HealthJudge implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthJudge.class);

  /** A judgement takes at most 1 / COST_SHARE of the time between judgements. */
  static final int COST_SHARE = 5;

  private final HealthEvents health;
  private final long intervalMs;
  private final AtomicBoolean busy = new AtomicBoolean();
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "doflamingo-health-events");
    t.setDaemon(true);
    return t;
  });
  /** When the last judgement was started; none yet: 0 (a MIN_VALUE would overflow the difference). */
  private volatile long lastMs;
  private volatile long lastDurationMs;
  private volatile String lastFailure;

  public HealthJudge(Monitor monitor, Reads reads) {
    this.health = new HealthEvents(reads, monitor.events());
    this.intervalMs = monitor.config().intervalSeconds * 1000L;
  }

  /** After a beat: judges when an interval has passed since the last judgement and none is running. */
  public void afterBeat(long nowMs) {
    if (nowMs - lastMs < Math.max(intervalMs, COST_SHARE * lastDurationMs) || !busy.compareAndSet(false, true)) return;
    lastMs = nowMs;
    try {
      thread.execute(() -> {
        long start = System.currentTimeMillis();
        try {
          health.judge(start);
          lastFailure = null;
        } catch (RuntimeException e) {
          String failure = e.toString();
          if (!failure.equals(lastFailure)) log.warn("health events: judging the tiles failed (said again only when it changes): {}", failure);
          lastFailure = failure;
        } finally {
          lastDurationMs = System.currentTimeMillis() - start;
          busy.set(false);
        }
      });
    } catch (RejectedExecutionException closed) {
      busy.set(false);
    }
  }

  /** Stops judging; waits a little for a judgement under way, which reads the engine about to close. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
