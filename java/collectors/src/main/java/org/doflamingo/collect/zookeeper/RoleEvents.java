package org.doflamingo.collect.zookeeper;

import org.doflamingo.collect.events.EventKinds;
import org.doflamingo.collect.events.EventRecorder;
import org.doflamingo.engine.Event;

/**
 * One ZooKeeper server's role (leader, follower, observer, standalone) between its readings: a
 * change is a leader election seen from this server ({@code server.role}, before → after). The
 * first reading is the baseline; a server that stops answering keeps its last role, so one that
 * was leader, died and came back as follower says leader → follower. Memory: one field. Thread-safe.
 */
final class RoleEvents {
  private final String ensemble;
  private final String server;
  private final EventRecorder recorder;
  private String role;

  RoleEvents(String ensemble, String server, EventRecorder recorder) {
    this.ensemble = ensemble;
    this.server = server;
    this.recorder = recorder;
  }

  /** @param state the server_state code (leader=2, follower=1, standalone=0, observer=3) */
  void read(double state, long timeMs) {
    String now = role(state);
    String was;
    synchronized (this) {
      was = role;
      role = now;
    }
    if (was == null || was.equals(now)) return;
    // a server taking or losing the lead is the election itself; the others follow a new leader
    Event.Severity severity = "leader".equals(now) || "leader".equals(was) ? Event.Severity.WARNING : Event.Severity.INFO;
    recorder.record(Event.at(timeMs, EventKinds.ZOOKEEPER, EventKinds.SERVER_ROLE, severity).label("ensemble", ensemble)
        .label("server", server).change(was, now).build());
  }

  static String role(double state) {
    switch ((int) state) {
      case 2: return "leader";
      case 1: return "follower";
      case 3: return "observer";
      default: return "standalone";
    }
  }
}
