package org.doflamingo.collect.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.Event;
import org.doflamingo.engine.EventLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's recorder: every event is stored in the engine's event log, written to the
 * operator's log, and given to the listeners (live push).
 *
 * <p>Storage is batched: events recorded by the scrape workers wait here and are appended in one
 * engine call at the next {@link #flush()} (the monitor's tick, once an interval) or as soon as
 * {@value #FLUSH_AT} are pending, so an event is durable (as an ingested sample is: a kill -9
 * loses none) at the latest one tick after it was recorded. {@link #close()} appends what waits.
 * When the log cannot be written the events stay pending (up to {@value #MAX_PENDING}, the oldest
 * dropped and counted beyond that) and the next flush tries again.
 *
 * <p>The operator's log gets one line per event, but at most {@value #LOG_LINES_PER_WINDOW} per
 * {@value #LOG_WINDOW_MS} ms; beyond that one line says how many were not logged (they are stored
 * all the same). Bursts are summarised upstream (one event for 2,000 leader moves).
 */
public final class MonitorEvents implements EventRecorder, AutoCloseable {
  static final int FLUSH_AT = 256;
  static final int MAX_PENDING = 100_000;
  static final int LOG_LINES_PER_WINDOW = 50;
  static final long LOG_WINDOW_MS = 10_000;

  private static final Logger log = LoggerFactory.getLogger("org.doflamingo.events");
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private final Engine engine;
  private final Object lock = new Object();
  private final ArrayDeque<Event> pending = new ArrayDeque<>();  // guarded by lock
  private final Object appendLock = new Object();                // one append at a time, in order
  private long dropped;                                          // guarded by lock
  private long windowStartMs;                                    // guarded by lock
  private int linesInWindow;                                     // guarded by lock
  private int unloggedInWindow;                                  // guarded by lock
  private boolean closed;                                        // guarded by lock

  /** A recorder that stores through engine; null: log and listeners only (tests of detectors). */
  public MonitorEvents(Engine engine) {
    this.engine = engine;
  }

  /** Log and listeners only, nothing stored. */
  public MonitorEvents() {
    this(null);
  }

  @Override
  public void record(Event event) {
    Event e = EventLimits.fit(event);
    boolean flushNow = false;
    synchronized (lock) {
      logLine(e, System.currentTimeMillis());
      if (engine != null && !closed) {
        pending.addLast(e);
        if (pending.size() > MAX_PENDING) {
          pending.removeFirst();
          if (dropped++ % 1000 == 0) {
            log.error("the event log cannot keep up ({} events waiting); {} of the oldest dropped so far", MAX_PENDING, dropped);
          }
        }
        flushNow = pending.size() >= FLUSH_AT;
      } else if (engine != null) {
        log.warn("event recorded after the monitor closed, not stored: {}", e);
      }
    }
    for (Consumer<Event> l : listeners) {
      try {
        l.accept(e);
      } catch (RuntimeException ex) {
        log.warn("an event listener failed on {}: {}", e.kind, ex.toString());
      }
    }
    if (flushNow) flush();
  }

  /**
   * Appends every pending event to the engine's log in one call; returns how many went in. On a
   * storage error they stay pending for the next flush; an event the engine refuses (it should not:
   * {@link EventLimits#fit} cut it) is logged and left out, the others of its batch kept.
   */
  public int flush() {
    if (engine == null) return 0;
    synchronized (appendLock) {
      List<Event> batch;
      synchronized (lock) {
        if (pending.isEmpty()) return 0;
        batch = new ArrayList<>(pending);
        pending.clear();
      }
      try {
        engine.appendEvents(batch);
        return batch.size();
      } catch (IllegalArgumentException refused) {
        return appendOneByOne(batch);
      } catch (RuntimeException e) {
        synchronized (lock) {
          for (int i = batch.size() - 1; i >= 0; i--) pending.addFirst(batch.get(i));
        }
        log.warn("cannot store {} events yet, keeping them for the next try: {}", batch.size(), e.getMessage());
        return 0;
      }
    }
  }

  private int appendOneByOne(List<Event> batch) {
    int stored = 0;
    for (Event e : batch) {
      try {
        engine.appendEvents(Collections.singletonList(e));
        stored++;
      } catch (IllegalArgumentException refused) {
        log.error("event refused by the event log, not stored: {} ({})", e, refused.getMessage());
      } catch (RuntimeException ex) {
        synchronized (lock) {
          pending.addFirst(e);
        }
        log.warn("cannot store an event yet, keeping it: {}", ex.getMessage());
      }
    }
    return stored;
  }

  /** Events waiting for the next flush. */
  public int pendingCount() {
    synchronized (lock) {
      return pending.size();
    }
  }

  /** Appends what waits; later events are logged and told to listeners but not stored. The engine is the caller's to close. */
  @Override
  public void close() {
    flush();
    synchronized (lock) {
      closed = true;
      if (!pending.isEmpty()) log.error("{} events could not be stored before the engine closed", pending.size());
    }
  }

  public void addListener(Consumer<Event> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<Event> listener) {
    listeners.remove(listener);
  }

  // Caller holds lock.
  private void logLine(Event e, long nowMs) {
    if (nowMs - windowStartMs >= LOG_WINDOW_MS) {
      if (unloggedInWindow > 0) {
        log.warn("{} more events in the last {} s were not logged (too many to log; all are in the event log)",
            unloggedInWindow, LOG_WINDOW_MS / 1000);
      }
      windowStartMs = nowMs;
      linesInWindow = 0;
      unloggedInWindow = 0;
    }
    if (linesInWindow >= LOG_LINES_PER_WINDOW) {
      unloggedInWindow++;
      return;
    }
    linesInWindow++;
    if (e.severity == Event.Severity.INFO) log.info("{}", e);
    else log.warn("{}", e);
  }
}
