package org.doflamingo.collect.kafka;

import org.doflamingo.collect.events.Bursts;
import org.doflamingo.collect.events.EventKinds;
import org.doflamingo.engine.Event;

/**
 * How the group cycle words a group's transitions: created or deleted (between two listings; the
 * first listing is the baseline), its lag status changing (Burrow's OK/WARNING/REWIND/STALL/STOP,
 * once a window is judged), its member count changing (a rebalance: before → after, with the
 * group's state). The state they compare against lives in the cycle's per-group record (a status
 * and a member count: 8 bytes a group on top of what the cycle keeps, under 0.5 MB at 50,000
 * groups). Stateless itself.
 */
final class GroupEvents {
  private final String cluster;

  GroupEvents(String cluster) {
    this.cluster = cluster;
  }

  private Event.Builder at(String group, long timeMs, String kind, Event.Severity severity) {
    return Event.at(timeMs, EventKinds.KAFKA, kind, severity).label("cluster", cluster).label("group", group);
  }

  void created(String group, long timeMs, Bursts out) {
    out.add(at(group, timeMs, EventKinds.GROUP_CREATED, Event.Severity.INFO).build(), group, "groups");
  }

  void deleted(String group, long timeMs, Bursts out) {
    out.add(at(group, timeMs, EventKinds.GROUP_DELETED, Event.Severity.INFO).build(), group, "groups");
  }

  void status(String group, LagStatus before, LagStatus after, long timeMs, Bursts out) {
    out.add(at(group, timeMs, EventKinds.GROUP_STATUS, severity(after)).change(before.name(), after.name()).build(),
        group + " (" + before + " -> " + after + ")", "groups");
  }

  void members(String group, int before, int after, String state, long timeMs, Bursts out) {
    out.add(at(group, timeMs, EventKinds.GROUP_MEMBERS, after == 0 ? Event.Severity.WARNING : Event.Severity.INFO)
        .change(String.valueOf(before), String.valueOf(after)).message("state " + state).build(),
        group + " (" + before + " -> " + after + ")", "groups");
  }

  static Event.Severity severity(LagStatus s) {
    switch (s) {
      case OK: return Event.Severity.INFO;
      case WARNING:
      case REWIND: return Event.Severity.WARNING;
      default: return Event.Severity.CRITICAL;
    }
  }
}
