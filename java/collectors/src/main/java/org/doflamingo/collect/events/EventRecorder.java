package org.doflamingo.collect.events;

import org.doflamingo.engine.Event;

/**
 * Where detectors put the transitions they see. Detection stays next to the collectors that see a
 * transition (the Admin collector sees a leader move, the ZooKeeper collector a new leader); the
 * monitor's recorder stores each event durably and tells its listeners (live push). Thread-safe:
 * scrapes record from their workers.
 */
public interface EventRecorder {
  /** Records nothing: for collectors built outside a monitor (tools, tests that do not look). */
  EventRecorder NONE = event -> {};

  void record(Event event);
}
