package org.opencloudengine.flamingo2.doflamingo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.doflamingo.collect.Monitor;
import org.doflamingo.engine.Scheduler;

/** A target and its collection state as pages receive it, by REST and by push alike. */
public final class TargetView {
  private TargetView() {}

  public static Map<String, Object> of(Monitor.Target t, Scheduler.Status s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id);
    m.put("system", t.system);
    m.put("group", t.group);
    m.put("member", t.member);
    m.put("address", t.address);
    m.put("state", s.state.name());
    m.put("lastSuccess", s.lastSuccessMs > 0 ? s.lastSuccessMs : null);
    m.put("lastDurationMs", s.lastDurationMs);
    m.put("consecutiveFailures", s.consecutiveFailures);
    m.put("timeouts", s.timeouts);
    m.put("lastError", s.lastError == null || s.lastError.isEmpty() ? null : s.lastError);
    return m;
  }
}
