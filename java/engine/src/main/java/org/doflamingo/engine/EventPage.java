package org.doflamingo.engine;

import java.util.Collections;
import java.util.List;

/** One page of an event read: its events newest first, and how many matched in the whole range. */
public final class EventPage {
  public final List<Event> events;
  public final long total;

  EventPage(List<Event> events, long total) {
    this.events = Collections.unmodifiableList(events);
    this.total = total;
  }
}
