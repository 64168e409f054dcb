package org.doflamingo.collect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.SampleBatch;
import org.doflamingo.engine.Scheduler;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * Runs collectors on the engine's scheduler: the host ticks {@link #tick(long)} (Flamingo's Quartz
 * job, the standalone server's timer, a test), each due target is scraped on a worker of its own
 * and its values go into the engine in one ingest. A target that fails is marked DOWN, retried
 * with backoff, and never holds up the others. A scrape that outlives its timeout makes its target
 * slow, not DOWN: its answer is still stored if it comes before the next scrape starts, and only a
 * few rounds in a row without an answer (timeouts, or a scrape still stuck when the next is due,
 * which is then interrupted) make it DOWN (see the scheduler's {@code roundsBeforeDown}); a
 * scrape whose answer the engine is still taking (its write-back behind) skips the target's next
 * rounds without counting them against it. Every target also gets a series {@code doflamingo.target.up} (1 or 0),
 * so its outages are in the history too, and its cost per scrape ({@link CollectionCost}:
 * {@code doflamingo.collect.*}). A target still starting ({@link StillStarting}: connecting,
 * discovering) is neither: nothing is written, its cadence is kept, and {@link #pending} says why.
 */
public final class CollectionService implements AutoCloseable {
  /** Every target's collection state over time, 1 or 0, labelled {@code target}; what the history's oldest moment is read from. */
  public static final String UP_SERIES = "doflamingo.target.up";
  private static final String OWN_PREFIX = "doflamingo.";

  /**
   * Whether {@code name} is one of Doflamingo's own series of a target (its up series, a scrape's
   * cost): a few per target, never refused by a budget, so a target over budget still shows its state.
   */
  public static boolean isOwnSeries(String name) {
    return name.startsWith(OWN_PREFIX);
  }

  /** Told of each scrape whose values are in the engine, on the worker that scraped. */
  public interface Listener {
    /**
     * @param seriesIds the series that got a point at {@code timeMillis} (the target's up series included)
     */
    void stored(int targetId, long timeMillis, int[] seriesIds);
  }

  /**
   * Told of each outcome the scheduler took for a target (a success, a failure, a timeout; not a
   * target still starting), on the worker that scraped or the ticking thread. Must be quick and not throw.
   */
  public interface OutcomeListener {
    /**
     * @param target the target's name (its up series' {@code target} label)
     * @param error null for a success
     */
    void outcome(int targetId, String target, long timeMillis, String error);
  }

  private final Engine engine;
  private final Scheduler scheduler = Scheduler.create();
  private final EngineScrape.Ids ids;
  private final Map<Integer, Collector> collectors = new HashMap<>();
  /** The running scrape of each target: a timed-out one is interrupted, never run twice at once. */
  private final Map<Integer, Future<?>> running = new HashMap<>();
  private final ExecutorService workers;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final List<OutcomeListener> outcomeListeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  /** Targets still starting, with what they wait for. */
  private final Map<Integer, String> pending = new ConcurrentHashMap<>();
  /** Targets whose last answer the engine is still taking (an ingest waiting for the write-back). */
  private final Set<Integer> storing = ConcurrentHashMap.newKeySet();
  /** Targets read, but behind with part of their reads ({@link Collector#behind}). */
  private final Map<Integer, String> behind = new ConcurrentHashMap<>();
  /** One direct batch per collector thread, reused by every scrape it runs (and kept when a scrape grew it). */
  private final ThreadLocal<SampleBatch> batches = new ThreadLocal<>();

  /**
   * @param workers scrapes in flight at once; a hung target occupies one until its timeout
   */
  public CollectionService(Engine engine, int workers) {
    this(engine, workers, new EngineScrape.Ids(engine));
  }

  /** As above, with series interned through {@code ids} (its policy, classes and budgets). */
  public CollectionService(Engine engine, int workers, EngineScrape.Ids ids) {
    this.engine = engine;
    this.ids = ids;
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "doflamingo-collect-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Adds a target; its first scrape is due at once. Returns its id in {@link #status}. */
  public synchronized int add(Collector collector, long intervalMs, long timeoutMs, long nowMs) {
    int id = scheduler.addTarget(collector.target(), intervalMs, Math.min(intervalMs / 10, 500), timeoutMs,
        Math.max(60_000, intervalMs), nowMs);
    collectors.put(id, collector);
    return id;
  }

  /** Listeners must be quick (they run on collector workers) and must not throw. */
  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public void addOutcomeListener(OutcomeListener listener) {
    outcomeListeners.add(listener);
  }

  private void tellOutcome(int targetId, String target, long timeMs, String error) {
    // closing interrupts the scrapes in flight: their failures are the monitor's stop, not the targets'
    if (closed) return;
    for (OutcomeListener l : outcomeListeners) {
      try {
        l.outcome(targetId, target, timeMs, error);
      } catch (RuntimeException e) {
        // a listener's bug must not stop collection; it is the listener's to log
      }
    }
  }

  /**
   * Tells a round the scheduler counted without a report (a timeout, an attempt not started as
   * the one before still ran): as the failure it became once the target is DOWN; while the target
   * is only slow, not at all (its next answer is told).
   */
  private void tellRoundWithoutAnswer(int targetId, Collector c, long timeMs) {
    Scheduler.Status s = scheduler.status(targetId);
    if (s.state != Scheduler.State.DOWN) return;
    tellOutcome(targetId, c.target(), timeMs, s.lastError.isEmpty() ? c.target() + ": scrape timed out" : c.target() + ": " + s.lastError);
  }

  /** Starts the scrapes due at {@code nowMs}; returns at once. */
  public void tick(long nowMs) {
    for (Scheduler.Due due : scheduler.due(nowMs)) {
      synchronized (this) {
        Collector c = collectors.get(due.targetId);
        Future<?> previous = running.get(due.targetId);
        if (previous != null && !previous.isDone() && storing.contains(due.targetId)) {
          // The target answered; the engine is still taking its values (its write-back behind, as
          // when a first cycle creates a million files): Doflamingo's delay, not the target's.
          scheduler.skipped(due);
          continue;
        }
        if (previous != null && !previous.isDone()) {
          // Still stuck in a scrape that timed out: interrupt it rather than pile up another one
          // (hung scrapes would otherwise take every worker and starve the healthy targets). A
          // round without an answer, as its timeout was: a few in a row make it DOWN, one is slow.
          previous.cancel(true);
          if (scheduler.unanswered(due, nowMs, "previous scrape still running")) tellRoundWithoutAnswer(due.targetId, c, nowMs);
          continue;
        }
        try {
          running.put(due.targetId, workers.submit(() -> scrape(due.targetId, c, due)));
        } catch (RejectedExecutionException closed) {
          return;
        }
      }
    }
  }

  private void scrape(int targetId, Collector c, Scheduler.Due due) {
    long start = System.currentTimeMillis();
    SampleBatch batch = batches.get();
    EngineScrape scrape = new EngineScrape(engine, ids, start, batch == null ? new SampleBatch(256) : batch, targetId);
    try {
      scrapeInto(scrape, targetId, c, due, start);
    } finally {
      batches.set(scrape.batch());
    }
  }

  private void scrapeInto(EngineScrape scrape, int targetId, Collector c, Scheduler.Due due, long start) {
    String error = null;
    CollectionCost cost = new CollectionCost();
    try {
      c.scrape(scrape);
    } catch (StillStarting e) {
      // Not a failure, not a read: the scheduler keeps the cadence (no backoff), nothing is written.
      // Said before the scheduler reports the target UP, so that no reader sees UP and not pending.
      pending.put(targetId, e.getMessage());
      if (!scheduler.complete(due, true, System.currentTimeMillis(), null)) pending.remove(targetId); // timed out meanwhile
      scrape.discard();
      return;
    } catch (NoAnswerInTime e) {
      // Slow, not refused: a round without an answer, as the scheduler's own timeout is.
      scrape.discard();
      if (scheduler.unanswered(due, System.currentTimeMillis(), e.getMessage())) tellRoundWithoutAnswer(targetId, c, start);
      return;
    } catch (CollectException e) {
      error = e.getMessage();
    } catch (RuntimeException e) {
      error = c.target() + ": " + e; // a collector bug must not take the worker down
    }
    // Only a report the scheduler still waits for is stored: a timed-out scrape's values are late.
    boolean current = scheduler.complete(due, error == null, System.currentTimeMillis(), error);
    if (!current) {
      // the scheduler counted a round without an answer when its timeout passed
      tellRoundWithoutAnswer(targetId, c, start);
      return;
    }
    tellOutcome(targetId, c.target(), start, error);
    pending.remove(targetId);
    String late = error == null ? c.behind() : null;
    if (late != null) behind.put(targetId, late);
    else behind.remove(targetId);
    if (error != null) scrape.discard(); // nothing half-read is kept
    int[] written;
    storing.add(targetId);
    try {
      // size() and seriesIds() intern the scrape's new series (one call): the engine may refuse them too
      cost.addTo(scrape, c.target(), c.lastScrapeCalls(), scrape.size());
      scrape.add(SeriesKey.of(UP_SERIES, "target", c.target()), SeriesKind.GAUGE, error == null ? 1 : 0);
      written = scrape.seriesIds();
      scrape.commit();
    } catch (RuntimeException e) {
      // the engine refused the new series or the batch (storage trouble): the engine logs it; the next scrape retries
      scrape.discard();
      return;
    } finally {
      storing.remove(targetId);
    }
    for (Listener l : listeners) {
      try {
        l.stored(targetId, start, written);
      } catch (RuntimeException e) {
        // a listener's bug must not stop collection; it is the listener's to log
      }
    }
  }

  public Scheduler.Status status(int id) {
    return scheduler.status(id);
  }

  /**
   * What a target still starting waits for (its first connection, its first MBean discovery), or
   * null once a scrape has read it or failed. The scheduler reports such a target UP meanwhile (it
   * answers, it is not failing): this tells the two apart.
   */
  public String pending(int id) {
    return pending.get(id);
  }

  /** What the target's last good scrape could not read yet, as it answers slowly ({@link Collector#behind}), or null. */
  public String behind(int id) {
    return behind.get(id);
  }

  public synchronized List<Integer> targets() {
    return new ArrayList<>(collectors.keySet());
  }

  /** Milliseconds until the next scrape is due, for hosts that sleep between ticks. */
  public long millisUntilNextDue(long nowMs) {
    return scheduler.millisUntilNextDue(nowMs);
  }

  @Override
  public synchronized void close() {
    closed = true;
    workers.shutdownNow();
    for (Collector c : collectors.values()) c.close();
    scheduler.close();
  }
}
