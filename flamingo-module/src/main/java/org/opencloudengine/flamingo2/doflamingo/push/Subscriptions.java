package org.opencloudengine.flamingo2.doflamingo.push;

import java.util.HashMap;
import java.util.Map;

/**
 * Which destinations have subscribers right now, from the STOMP sessions' SUBSCRIBE, UNSUBSCRIBE
 * and DISCONNECT: only what some page shows is computed and pushed. Thread-safe.
 */
final class Subscriptions {
  /** session id -> (subscription id -> destination) */
  private final Map<String, Map<String, String>> bySession = new HashMap<>();
  private final Map<String, Integer> counts = new HashMap<>();

  synchronized void subscribe(String session, String subscription, String destination) {
    Map<String, String> subs = bySession.get(session);
    if (subs == null) bySession.put(session, subs = new HashMap<>());
    String previous = subs.put(subscription, destination);
    if (previous != null) release(previous);
    Integer n = counts.get(destination);
    counts.put(destination, n == null ? 1 : n + 1);
  }

  synchronized void unsubscribe(String session, String subscription) {
    Map<String, String> subs = bySession.get(session);
    if (subs == null) return;
    String destination = subs.remove(subscription);
    if (destination != null) release(destination);
  }

  synchronized void disconnect(String session) {
    Map<String, String> subs = bySession.remove(session);
    if (subs == null) return;
    for (String destination : subs.values()) release(destination);
  }

  synchronized boolean watched(String destination) {
    return counts.containsKey(destination);
  }

  synchronized int sessions() {
    return bySession.size();
  }

  private void release(String destination) {
    Integer n = counts.get(destination);
    if (n == null) return;
    if (n <= 1) counts.remove(destination);
    else counts.put(destination, n - 1);
  }
}
