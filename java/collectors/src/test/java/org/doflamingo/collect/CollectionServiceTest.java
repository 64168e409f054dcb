package org.doflamingo.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.Scheduler;
import org.doflamingo.engine.SeriesData;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.Test;

/** Healthy, dead and hung targets side by side: each keeps its own cadence. */
class CollectionServiceTest {
  static final class Fake implements Collector {
    final String name;
    final String mode; // "ok", "fail", "hang", "slow" (answers 300 ms late) or "starting"
    final CountDownLatch release = new CountDownLatch(1);
    volatile int scrapes;
    volatile boolean failing;
    volatile boolean starting;

    Fake(String name, String mode) {
      this.name = name;
      this.mode = mode;
      this.failing = mode.equals("fail");
      this.starting = mode.equals("starting");
    }

    @Override
    public String target() {
      return name;
    }

    @Override
    public void scrape(Scrape out) throws CollectException {
      scrapes++;
      if (mode.equals("hang")) {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (mode.equals("slow")) {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CollectException(name + ": interrupted");
        }
      }
      if (failing) throw new CollectException(name + ": connection refused");
      out.add(SeriesKey.of("fake.value", "target", name), SeriesKind.GAUGE, scrapes);
      if (starting) throw new StillStarting(name + ": still discovering its MBeans");
    }

    @Override
    public int lastScrapeCalls() {
      return 7;
    }

    @Override
    public void close() {
      release.countDown();
    }
  }

  @Test
  void aDeadOrHungTargetNeverDelaysTheOthers() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Paths.get("target/test-data")), "service-");
    try (Engine engine = Engine.open(EngineConfig.at(dir)); CollectionService service = new CollectionService(engine, 4)) {
      Fake ok = new Fake("ok:1", "ok");
      Fake dead = new Fake("dead:2", "fail");
      Fake hung = new Fake("hung:3", "hang");
      long start = System.currentTimeMillis();
      int okId = service.add(ok, 500, 400, start);
      int deadId = service.add(dead, 500, 400, start);
      int hungId = service.add(hung, 500, 400, start);
      // The host's clock: tick every 50 ms for 6 s.
      while (System.currentTimeMillis() - start < 6000) {
        service.tick(System.currentTimeMillis());
        Thread.sleep(50);
      }
      assertTrue(ok.scrapes >= 10, "the healthy target kept its 500 ms cadence: " + ok.scrapes);
      Scheduler.Status d = service.status(deadId);
      assertEquals(Scheduler.State.DOWN, d.state);
      assertTrue(d.lastError.contains("connection refused"), d.lastError);
      assertTrue(dead.scrapes <= 6, "the dead target backed off: " + dead.scrapes);
      Scheduler.Status h = service.status(hungId);
      assertEquals(Scheduler.State.DOWN, h.state);
      assertTrue(h.timeouts >= 1, "the hung scrape timed out");
      assertEquals(Scheduler.State.UP, service.status(okId).state);

      // Back up: the dead target recovers by itself at its next retry.
      dead.failing = false;
      long back = System.currentTimeMillis();
      while (service.status(deadId).state != Scheduler.State.UP && System.currentTimeMillis() - back < 20_000) {
        service.tick(System.currentTimeMillis());
        Thread.sleep(50);
      }
      assertEquals(Scheduler.State.UP, service.status(deadId).state);

      // Outages are in the history: target.up went 0 then 1 for the dead one.
      int up = engine.select(CollectionService.UP_SERIES, Collections.singletonMap("target", "dead:2"))[0];
      SeriesData history = engine.query(up, start - 60_000, System.currentTimeMillis() + 2000, 2000);
      boolean sawDown = false;
      boolean sawUp = false;
      for (double v : history.values) {
        sawDown |= v == 0;
        sawUp |= v == 1;
      }
      assertTrue(sawDown && sawUp, "target.up history shows the outage and the recovery: " + java.util.Arrays.toString(history.values));
      hung.release.countDown();
    }
  }

  /**
   * A broker busy enough to answer after the timeout, but before its next scrape is due, is slow:
   * never DOWN, never told as down, and what it answers is kept.
   */
  @Test
  void aSlowButAnsweringTargetNeverGoesDownAndItsAnswersAreKept() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Paths.get("target/test-data")), "service-");
    try (Engine engine = Engine.open(EngineConfig.at(dir)); CollectionService service = new CollectionService(engine, 2)) {
      java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
      service.addOutcomeListener((id, target, timeMs, error) -> told.add(error == null ? "up" : error));
      Fake slow = new Fake("busy:1", "slow");
      long start = System.currentTimeMillis();
      int id = service.add(slow, 600, 150, start);
      boolean everDown = false;
      while (System.currentTimeMillis() - start < 4000) {
        service.tick(System.currentTimeMillis());
        everDown |= service.status(id).state == Scheduler.State.DOWN;
        Thread.sleep(20);
      }
      Scheduler.Status s = service.status(id);
      assertTrue(!everDown && s.failures == 0, s.state + ", " + s.failures + " failures: " + s.lastError);
      assertTrue(s.slow, "said to be slow");
      assertTrue(s.timeouts >= 4, "every round timed out: " + s.timeouts);
      assertTrue(told.size() >= 4 && told.stream().allMatch("up"::equals), "told up, never down: " + told);
      int value = engine.select("fake.value", Collections.singletonMap("target", "busy:1"))[0];
      double[] values = engine.query(value, start - 10_000, System.currentTimeMillis() + 2000, 2000).values;
      assertTrue(java.util.Arrays.stream(values).anyMatch(v -> !Double.isNaN(v)), "its late answers are stored");
    }
  }

  /**
   * A target still starting (first contact, discovery) is no failure: it keeps its cadence, is
   * never DOWN, writes nothing and says what it waits for; then it is read as any other.
   */
  @Test
  void aTargetStillStartingKeepsItsCadenceAndWritesNothingUntilRead() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Paths.get("target/test-data")), "service-");
    try (Engine engine = Engine.open(EngineConfig.at(dir)); CollectionService service = new CollectionService(engine, 2)) {
      Fake slow = new Fake("big:1", "starting");
      long start = System.currentTimeMillis();
      int id = service.add(slow, 200, 150, start);
      while (System.currentTimeMillis() - start < 1500) {
        service.tick(System.currentTimeMillis());
        Thread.sleep(20);
      }
      Scheduler.Status s = service.status(id);
      assertTrue(s.state != Scheduler.State.DOWN && s.failures == 0, s.state + ", " + s.failures + " failures: " + s.lastError);
      assertTrue(slow.scrapes >= 5, "its cadence kept, no backoff: " + slow.scrapes);
      assertEquals("big:1: still discovering its MBeans", service.pending(id));
      for (int series : engine.select("fake.value", Collections.<String, String>emptyMap())) {
        for (double v : engine.query(series, start - 10_000, System.currentTimeMillis() + 2000, 2000).values) {
          assertTrue(Double.isNaN(v), "nothing half-read written");
        }
      }
      assertEquals(0, engine.select(CollectionService.UP_SERIES, Collections.<String, String>emptyMap()).length, "no up point either");

      slow.starting = false;
      long read = System.currentTimeMillis();
      while (service.pending(id) != null && System.currentTimeMillis() - read < 5000) {
        service.tick(System.currentTimeMillis());
        Thread.sleep(20);
      }
      assertEquals(null, service.pending(id));
      assertEquals(Scheduler.State.UP, service.status(id).state);
      // its cost is kept too, as its own series
      for (String cost : new String[] {CollectionCost.WALL, CollectionCost.CPU, CollectionCost.CALLS, CollectionCost.SERIES}) {
        assertEquals(1, engine.select(cost, Collections.singletonMap("target", "big:1")).length, cost);
      }
      assertEquals(1, engine.select("fake.value", Collections.<String, String>emptyMap()).length);
    }
  }

  @Test
  void everyOutcomeIsToldFailuresTimeoutsAndSuccessesNotAStartingTarget() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Paths.get("target/test-data")), "outcomes-");
    try (Engine engine = Engine.open(EngineConfig.at(dir)); CollectionService service = new CollectionService(engine, 4)) {
      java.util.Map<String, java.util.List<String>> told = new java.util.concurrent.ConcurrentHashMap<>();
      service.addOutcomeListener((id, target, timeMs, error) ->
          told.computeIfAbsent(target, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(error == null ? "up" : error));
      Fake ok = new Fake("ok:1", "ok");
      Fake dead = new Fake("dead:2", "fail");
      Fake hung = new Fake("hung:3", "hang");
      Fake starting = new Fake("starting:4", "starting");
      long start = System.currentTimeMillis();
      for (Fake f : new Fake[] {ok, dead, hung, starting}) service.add(f, 500, 400, start);
      while (System.currentTimeMillis() - start < 3000) {
        service.tick(System.currentTimeMillis());
        Thread.sleep(50);
      }
      assertTrue(told.get("ok:1").stream().allMatch("up"::equals) && told.get("ok:1").size() >= 3, told.toString());
      assertTrue(told.get("dead:2").stream().allMatch(e -> e.contains("connection refused")), told.toString());
      assertTrue(!told.get("hung:3").isEmpty() && told.get("hung:3").stream().noneMatch("up"::equals),
          "a hung target is down once its rounds without an answer are up: " + told);
      assertTrue(!told.containsKey("starting:4"), "a target still starting is neither up nor down: " + told);
    }
  }
}
