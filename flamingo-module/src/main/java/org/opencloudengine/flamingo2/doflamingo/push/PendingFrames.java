package org.opencloudengine.flamingo2.doflamingo.push;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What waits to be pushed, per destination and per item (a series, a target): a newer value of an
 * item replaces the older one, so however slowly frames leave, what waits is bounded by the items
 * subscribed to, never by time. Thread-safe.
 */
final class PendingFrames {
  private final Map<String, Map<Object, Object>> pending = new HashMap<>();

  /** Queues {@code entry} for {@code item} of {@code destination}, replacing what waited for that item. */
  synchronized void put(String destination, Object item, Object entry) {
    Map<Object, Object> items = pending.get(destination);
    if (items == null) pending.put(destination, items = new LinkedHashMap<>());
    items.put(item, entry);
    notifyAll();
  }

  /** Waits up to {@code timeoutMs} for something to send, then takes all of it: destination -> entries. */
  synchronized Map<String, List<Object>> take(long timeoutMs) throws InterruptedException {
    if (pending.isEmpty()) wait(timeoutMs);
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<Object, Object>> e : pending.entrySet()) out.put(e.getKey(), new ArrayList<>(e.getValue().values()));
    pending.clear();
    return out;
  }

  synchronized int size() {
    int n = 0;
    for (Map<Object, Object> items : pending.values()) n += items.size();
    return n;
  }
}
