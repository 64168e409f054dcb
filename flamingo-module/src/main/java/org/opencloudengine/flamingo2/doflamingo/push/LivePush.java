package org.opencloudengine.flamingo2.doflamingo.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.doflamingo.collect.CollectionService;
import org.doflamingo.collect.Monitor;
import org.doflamingo.engine.Event;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.query.Reads;
import org.doflamingo.query.TargetRow;
import org.doflamingo.query.events.EventRow;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.AbstractSubProtocolEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

/**
 * Live values through the host's STOMP broker. A page subscribes to what it shows:
 * <ul>
 *   <li>{@code /topic/doflamingo/metric/<metric name>}: after each collection, the new points of
 *   that metric's series: {@code {"points": [[seriesId, timeMs, value], ...]}} (value null when
 *   unknown; counters arrive as the per-second rates the engine stores);</li>
 *   <li>{@code /topic/doflamingo/targets}: each scraped target's state, as the REST
 *   {@code targets} answer lists it: {@code {"targets": [...]}};</li>
 *   <li>{@code /topic/doflamingo/events}: each new event of every area as it is recorded, as the
 *   REST {@code events} answer lists them: {@code {"events": [...]}} (oldest first within a frame).</li>
 * </ul>
 * Deltas only, never histories (those come from REST). Nothing is computed for destinations nobody
 * watches. Frames leave from one sender thread, never from the collectors: a newer point of a
 * series replaces one still waiting ({@link PendingFrames}), so a slow broker or client costs at
 * most one point per subscribed series here; past that, the host's per-session send limits apply.
 */
@Component
public class LivePush implements ApplicationListener<AbstractSubProtocolEvent>, CollectionService.Listener,
    InitializingBean, DisposableBean {
  public static final String PREFIX = "/topic/doflamingo/";
  public static final String METRIC_PREFIX = PREFIX + "metric/";
  public static final String TARGETS = PREFIX + "targets";
  public static final String EVENTS = PREFIX + "events";
  /** Metric names that make a safe destination; others (a Flume agent may report any attribute) are REST-only. */
  private static final Pattern PUSHABLE = Pattern.compile("[A-Za-z0-9_.\\-]{1,512}");

  private static final Logger log = LoggerFactory.getLogger(LivePush.class);

  private final SimpMessageSendingOperations broker;
  private final DoflamingoMonitor monitor;
  private final Subscriptions subscriptions = new Subscriptions();
  private final PendingFrames pending = new PendingFrames();
  private final Map<Integer, String> destinationOf = new ConcurrentHashMap<>();
  private final ObjectMapper json = new ObjectMapper();
  private volatile Thread sender;
  private volatile Monitor listenedTo;
  private final Consumer<Event> onEvent = this::recorded;

  @Autowired
  public LivePush(SimpMessageSendingOperations broker, DoflamingoMonitor monitor) {
    this.broker = broker;
    this.monitor = monitor;
  }

  @Override
  public void afterPropertiesSet() {
    Monitor m = monitor.orNull();
    if (m == null) return;
    m.addListener(this);
    m.events().addListener(onEvent);
    listenedTo = m;
    Thread t = new Thread(this::sendLoop, "doflamingo-push");
    t.setDaemon(true);
    sender = t;
    t.start();
  }

  @Override
  public void onApplicationEvent(AbstractSubProtocolEvent event) {
    Message<byte[]> message = event.getMessage();
    String session = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
    if (session == null) return;
    if (event instanceof SessionSubscribeEvent) {
      String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
      String subscription = SimpMessageHeaderAccessor.getSubscriptionId(message.getHeaders());
      if (destination != null && subscription != null && destination.startsWith(PREFIX)) {
        subscriptions.subscribe(session, subscription, destination);
      }
    } else if (event instanceof SessionUnsubscribeEvent) {
      String subscription = SimpMessageHeaderAccessor.getSubscriptionId(message.getHeaders());
      if (subscription != null) subscriptions.unsubscribe(session, subscription);
    } else if (event instanceof SessionDisconnectEvent) {
      subscriptions.disconnect(session);
    }
  }

  /**
   * On a collector worker: pick what is watched, read the stored values in one round trip (and
   * the keys of series not seen before in one more), queue them.
   */
  @Override
  public void stored(int targetId, long timeMillis, int[] seriesIds) {
    Reads reads = monitor.readsOrNull();
    if (reads == null) return;
    Monitor m = reads.monitor();
    if (subscriptions.watched(TARGETS)) {
      Monitor.Target t = m.target(targetId);
      if (t != null) pending.put(TARGETS, targetId, TargetRow.of(m, t));
    }
    learnDestinations(reads, seriesIds);
    List<Integer> watched = new ArrayList<>();
    for (int id : seriesIds) {
      String destination = destinationOf.get(id);
      if (!destination.isEmpty() && subscriptions.watched(destination)) watched.add(id);
    }
    if (watched.isEmpty()) return;
    int[] ids = new int[watched.size()];
    for (int i = 0; i < ids.length; i++) ids[i] = watched.get(i);
    long step = reads.current().stepMs();
    // The engine stamps a value at the end of the step it falls in.
    long stamp = (timeMillis + step - 1) / step * step;
    // Exactly that step: inside the live ring, read from memory (a brand-new series' ring starts there).
    double[] values = reads.valuesAt(ids, stamp);
    for (int i = 0; i < ids.length; i++) {
      pending.put(destinationOf.get(ids[i]), ids[i], new Object[] {ids[i], stamp, Double.isNaN(values[i]) ? null : values[i]});
    }
  }

  /** On the recording thread (a collector worker, the host's tick): queue the event when someone watches. */
  void recorded(Event event) {
    if (!subscriptions.watched(EVENTS)) return;
    EventRow row = EventRow.of(event);
    pending.put(EVENTS, row.id + "/" + System.identityHashCode(event), row);
  }

  /** The destination of every series not seen before ("" when its name makes none), from their keys in one read. */
  private void learnDestinations(Reads reads, int[] seriesIds) {
    int[] unknown = new int[seriesIds.length];
    int n = 0;
    for (int id : seriesIds) if (!destinationOf.containsKey(id)) unknown[n++] = id;
    if (n == 0) return;
    int[] fresh = Arrays.copyOf(unknown, n);
    SeriesKey[] keys = reads.index().keys(fresh);
    for (int i = 0; i < n; i++) {
      String name = keys[i].name();
      destinationOf.put(fresh[i], PUSHABLE.matcher(name).matches() ? METRIC_PREFIX + name : "");
    }
  }

  private void sendLoop() {
    while (sender == Thread.currentThread()) {
      Map<String, List<Object>> frames;
      try {
        frames = pending.take(1000);
      } catch (InterruptedException e) {
        return;
      }
      for (Map.Entry<String, List<Object>> f : frames.entrySet()) {
        String key = f.getKey().equals(TARGETS) ? "targets" : f.getKey().equals(EVENTS) ? "events" : "points";
        try {
          broker.convertAndSend(f.getKey(), json.writeValueAsString(Collections.singletonMap(key, f.getValue())));
        } catch (JsonProcessingException | RuntimeException e) {
          log.warn("Doflamingo: could not push to {}: {}", f.getKey(), e.toString());
        }
      }
    }
  }

  /** Destinations with subscribers and items waiting, for tests and the status page. */
  public Map<String, Integer> stats() {
    Map<String, Integer> s = new LinkedHashMap<>();
    s.put("sessions", subscriptions.sessions());
    s.put("pending", pending.size());
    return s;
  }

  @Override
  public void destroy() throws InterruptedException {
    Monitor m = listenedTo;
    if (m != null) m.events().removeListener(onEvent);
    Thread t = sender;
    sender = null;
    if (t != null) {
      t.interrupt();
      t.join(5000);
    }
  }
}
