package org.opencloudengine.flamingo2.doflamingo.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.doflamingo.collect.EngineScrape;
import org.doflamingo.collect.Monitor;
import org.doflamingo.engine.Event;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.opencloudengine.flamingo2.doflamingo.TestMonitors;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

/** What leaves for the broker: only watched metrics, stored values, newest point per series. */
class LivePushTest {
  /** A broker that records frames, and can be held to play a slow one. */
  static final class RecordingBroker extends SimpMessagingTemplate {
    final BlockingQueue<String[]> frames = new LinkedBlockingQueue<>();
    volatile CountDownLatch hold = new CountDownLatch(0);

    RecordingBroker() {
      super(new org.springframework.messaging.support.ExecutorSubscribableChannel());
    }

    @Override
    public void convertAndSend(String destination, Object payload) throws MessagingException {
      try {
        hold.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      frames.add(new String[] {destination, (String) payload});
    }
  }

  @TempDir
  Path dir;

  private static Message<byte[]> stomp(SimpMessageType type, String session, String subscription, String destination) {
    SimpMessageHeaderAccessor h = SimpMessageHeaderAccessor.create(type);
    h.setSessionId(session);
    if (subscription != null) h.setSubscriptionId(subscription);
    if (destination != null) h.setDestination(destination);
    return MessageBuilder.createMessage(new byte[0], h.getMessageHeaders());
  }

  private static int[] store(Monitor m, long t, Object... keysAndValues) {
    EngineScrape s = new EngineScrape(m.engine(), new EngineScrape.Ids(m.engine()), t);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      s.add((SeriesKey) keysAndValues[i], SeriesKind.GAUGE, ((Number) keysAndValues[i + 1]).doubleValue());
    }
    int[] ids = s.seriesIds();
    s.commit();
    return ids;
  }

  @Test
  void onlyWatchedMetricsArePushedWithTheirStoredValues() throws Exception {
    DoflamingoMonitor monitor = TestMonitors.open(dir);
    RecordingBroker broker = new RecordingBroker();
    LivePush push = new LivePush(broker, monitor);
    push.afterPropertiesSet();
    try {
      Monitor m = monitor.get();
      SeriesKey urp = SeriesKey.of("kafka.server.ReplicaManager.UnderReplicatedPartitions", "cluster", "prod", "broker", "1");
      SeriesKey fill = SeriesKey.of("flume.channel.ChannelFillPercentage", "agent", "f1", "component", "mem");
      String urpTopic = LivePush.METRIC_PREFIX + urp.name();
      push.onApplicationEvent(new SessionSubscribeEvent(this, stomp(SimpMessageType.SUBSCRIBE, "s1", "sub-0", urpTopic)));

      long step = m.engine().baseStepMs();
      long t = System.currentTimeMillis() / step * step - 10 * step + 1; // inside a step: stamped at its end
      int[] ids = store(m, t, urp, 4, fill, 55);
      push.stored(1, t, ids);
      String[] frame = broker.frames.poll(5, TimeUnit.SECONDS);
      assertEquals(urpTopic, frame[0]);
      long stamp = t - 1 + step;
      assertEquals("{\"points\":[[" + ids[0] + "," + stamp + ",4.0]]}", frame[1]);
      assertEquals(null, broker.frames.poll(300, TimeUnit.MILLISECONDS), "nobody watches the channel fill");

      push.onApplicationEvent(new SessionUnsubscribeEvent(this, stomp(SimpMessageType.UNSUBSCRIBE, "s1", "sub-0", null)));
      ids = store(m, t + step, urp, 5);
      push.stored(1, t + step, ids);
      assertEquals(null, broker.frames.poll(300, TimeUnit.MILLISECONDS), "unsubscribed");
    } finally {
      push.destroy();
      monitor.destroy();
    }
  }

  @Test
  void aSlowBrokerHoldsOnlyTheNewestPointOfEachSeries() throws Exception {
    DoflamingoMonitor monitor = TestMonitors.open(dir);
    RecordingBroker broker = new RecordingBroker();
    LivePush push = new LivePush(broker, monitor);
    push.afterPropertiesSet();
    try {
      Monitor m = monitor.get();
      SeriesKey a = SeriesKey.of("kafka.log.Log.Size", "cluster", "prod", "broker", "1", "topic", "t", "partition", "0");
      SeriesKey b = SeriesKey.of("kafka.log.Log.Size", "cluster", "prod", "broker", "1", "topic", "t", "partition", "1");
      String topic = LivePush.METRIC_PREFIX + a.name();
      push.onApplicationEvent(new SessionSubscribeEvent(this, stomp(SimpMessageType.SUBSCRIBE, "s1", "x", topic)));
      push.onApplicationEvent(new SessionSubscribeEvent(this, stomp(SimpMessageType.SUBSCRIBE, "s2", "y", topic)));
      push.onApplicationEvent(new SessionDisconnectEvent(this, stomp(SimpMessageType.DISCONNECT, "s2", null, null),
          "s2", CloseStatus.NORMAL));

      long step = m.engine().baseStepMs();
      long t0 = System.currentTimeMillis() / step * step - 200 * step;
      // The first frame leaves and blocks in the broker; meanwhile 100 collections happen.
      broker.hold = new CountDownLatch(1);
      push.stored(1, t0, store(m, t0, a, 0, b, 0));
      Thread.sleep(200);
      List<Integer> sizes = new ArrayList<>();
      for (int i = 1; i <= 100; i++) {
        push.stored(1, t0 + i * step, store(m, t0 + i * step, a, i, b, 10 * i));
        sizes.add(push.stats().get("pending"));
      }
      assertEquals(2, Collections.max(sizes).intValue(), "at most one waiting point per series: " + sizes);
      broker.hold.countDown();
      broker.frames.poll(5, TimeUnit.SECONDS); // the held one
      String[] last = broker.frames.poll(5, TimeUnit.SECONDS);
      assertTrue(last[1].contains("," + (t0 + 100 * step) + ",100.0]") && last[1].contains("," + (t0 + 100 * step) + ",1000.0]"),
          "the newest points only: " + last[1]);
      assertEquals(null, broker.frames.poll(300, TimeUnit.MILLISECONDS));
      Map<String, Integer> stats = push.stats();
      assertEquals(1, stats.get("sessions").intValue(), "s2 disconnected");
    } finally {
      push.destroy();
      monitor.destroy();
    }
  }

  @Test
  void eachNewEventIsPushedToItsWatchers() throws Exception {
    DoflamingoMonitor monitor = TestMonitors.open(dir);
    RecordingBroker broker = new RecordingBroker();
    LivePush push = new LivePush(broker, monitor);
    push.afterPropertiesSet();
    try {
      Monitor m = monitor.get();
      long t = System.currentTimeMillis();
      m.events().record(Event.at(t, "kafka", "target.down", Event.Severity.CRITICAL).label("broker", "1").build());
      assertEquals(null, broker.frames.poll(300, TimeUnit.MILLISECONDS), "nobody watches events yet");

      push.onApplicationEvent(new SessionSubscribeEvent(this, stomp(SimpMessageType.SUBSCRIBE, "s1", "ev", LivePush.EVENTS)));
      m.events().record(Event.at(t + 1, "kafka", "target.up", Event.Severity.INFO).label("broker", "1")
          .label("topic", "<script>x</script>").change("DOWN", "UP").build());
      String[] frame = broker.frames.poll(5, TimeUnit.SECONDS);
      assertEquals(LivePush.EVENTS, frame[0]);
      assertTrue(frame[1].startsWith("{\"events\":[{\"id\":"), frame[1]);
      assertTrue(frame[1].contains("\"kind\":\"target.up\"") && frame[1].contains("\"before\":\"DOWN\"")
          && frame[1].contains("\"topic\":\"<script>x</script>\""), frame[1]);
      assertEquals(null, broker.frames.poll(300, TimeUnit.MILLISECONDS));
    } finally {
      push.destroy();
      monitor.destroy();
    }
  }
}
