package org.doflamingo.collect.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.doflamingo.cluster.KraftCluster;
import org.doflamingo.cluster.KraftNode;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.MonitorTicks;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.Event;
import org.doflamingo.engine.Scheduler;
import org.junit.jupiter.api.Test;

/**
 * A KRaft cluster (3 dedicated controllers, 1 broker) watched every 2 s: killing the metadata
 * quorum's leader is its controller's target DOWN within one interval, then one quorum election
 * ({@code quorum.leader}, old → new leader, as the Admin API's DescribeQuorum says: the active
 * controller moved); nothing of it at first sight.
 */
class KraftEventsIT {
  private static final long INTERVAL_MS = 2000;
  private static final long ONE_INTERVAL = INTERVAL_MS + 1500;

  private final List<Event> events = new CopyOnWriteArrayList<>();

  @Test
  void killingTheQuorumLeaderIsAnElectionSeenFromTheQuorumRead() throws Exception {
    Path base = Paths.get("target", "it", "kraft-events");
    try (KraftCluster kraft = KraftCluster.start(base, 3, 1)) {
      Path storage = Files.createTempDirectory(Files.createDirectories(base), "storage-");
      try (Monitor monitor = Monitor.open(MonitorConfig.parse(MonitorJson.kraft(storage, (int) (INTERVAL_MS / 1000), "kr", kraft, false)),
          System.currentTimeMillis())) {
        monitor.events().addListener(events::add);
        tickUntil(monitor, "every target up", Duration.ofSeconds(120), () -> {
          for (Monitor.Target t : monitor.targets()) {
            if (monitor.status(t.id).state != Scheduler.State.UP || monitor.pending(t.id) != null) return false;
          }
          return true;
        });
        long settle = System.currentTimeMillis() + 3 * INTERVAL_MS;
        tickUntil(monitor, "a few scrapes", Duration.ofSeconds(20), () -> System.currentTimeMillis() >= settle);
        for (Event e : events) assertTrue(e.kind.startsWith("target."), "first sight is no change: " + events);
        events.clear();

        int leaderId = kraft.quorum().leaderId();
        KraftNode leader = kraft.node(leaderId);
        long killed = System.currentTimeMillis();
        leader.kill();
        Event down = await(monitor, "the leader's JMX target down", e -> e.kind.equals(EventKinds.TARGET_DOWN)
            && String.valueOf(leaderId).equals(e.label("controller")));
        assertTrue(down.timeMs - killed <= ONE_INTERVAL, "DOWN within one interval of the kill: " + (down.timeMs - killed));
        Event elected = await(monitor, "a quorum election", e -> e.kind.equals(EventKinds.QUORUM_LEADER)
            && !String.valueOf(leaderId).equals(e.after) && !"none".equals(e.after));
        assertEquals(String.valueOf(leaderId), elected.before, elected.toString());
        assertEquals(String.valueOf(kraft.quorum().leaderId()), elected.after, "the leader the quorum names now");
        assertEquals("kr", elected.label("cluster"));
        assertTrue(elected.message.startsWith("epoch "), elected.message);
        // a KRaft election takes the controllers' own fetch timeout (2 s in Kafka 4) and a vote: bounded, then read at the next scrape
        assertTrue(elected.timeMs - killed <= 20_000, "the election read within 20 s of the kill: " + (elected.timeMs - killed));
        // DescribeCluster's "controller" is a broker Kafka picks for clients in KRaft: no controller.moved
        assertTrue(events.stream().noneMatch(e -> e.kind.equals(EventKinds.CONTROLLER_MOVED)), events.toString());
        leader.restart();
        Event back = await(monitor, "the old leader up again", e -> e.kind.equals(EventKinds.TARGET_UP)
            && String.valueOf(leaderId).equals(e.label("controller")));
        assertTrue(back.timeMs > elected.timeMs);
      } finally {
        System.out.println("events:" + events.stream().map(e -> e.timeMs + " " + e).collect(Collectors.joining("\n  ", "\n  ", "")));
      }
    }
  }

  private Event await(Monitor monitor, String what, Predicate<Event> which) {
    Event[] found = {null};
    tickUntil(monitor, what, Duration.ofSeconds(60), () -> {
      for (Event e : events) {
        if (which.test(e)) {
          found[0] = e;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  private void tickUntil(Monitor monitor, String what, Duration timeout, java.util.function.BooleanSupplier done) {
    MonitorTicks.until(monitor, what, timeout, done, () -> "; events: " + events);
  }
}
