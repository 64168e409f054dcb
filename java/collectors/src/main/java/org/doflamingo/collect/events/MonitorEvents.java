package org.doflamingo.collect.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.doflamingo.engine.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's recorder: every event goes to the operator's log and to the listeners (live push).
 * Durable storage in the engine's event log is issue 16's next step.
 */
public final class MonitorEvents implements EventRecorder {
  private static final Logger log = LoggerFactory.getLogger("org.doflamingo.events");
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

  @Override
  public void record(Event event) {
    if (event.severity == Event.Severity.INFO) log.info("{}", event);
    else log.warn("{}", event);
    for (Consumer<Event> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        log.warn("an event listener failed on {}: {}", event.kind, e.toString());
      }
    }
  }

  public void addListener(Consumer<Event> listener) {
    listeners.add(listener);
  }
}
