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
    final String mode; // "ok", "fail" or "hang"
    final CountDownLatch release = new CountDownLatch(1);
    volatile int scrapes;
    volatile boolean failing;

    Fake(String name, String mode) {
      this.name = name;
      this.mode = mode;
      this.failing = mode.equals("fail");
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
      if (failing) throw new CollectException(name + ": connection refused");
      out.add(SeriesKey.of("fake.value", "target", name), SeriesKind.GAUGE, scrapes);
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
}
