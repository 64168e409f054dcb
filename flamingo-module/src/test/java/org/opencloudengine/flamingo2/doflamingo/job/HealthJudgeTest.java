package org.opencloudengine.flamingo2.doflamingo.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.collect.events.EventKinds;
import org.doflamingo.collect.kafka.LagStatus;
import org.doflamingo.engine.Event;
import org.doflamingo.engine.SeriesKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.opencloudengine.flamingo2.doflamingo.TestMonitors;

/** The module's beats judge the health tiles once an interval and record their colour changes to the monitor's events. */
class HealthJudgeTest {
  @TempDir
  Path dir;

  private static void await(List<Event> events, int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (events.size() < n && System.currentTimeMillis() < deadline) Thread.sleep(20);
  }

  @Test
  void aTileTurningRedAfterTheBaselineIsOneEventOfTheMonitor() throws Exception {
    DoflamingoMonitor module = TestMonitors.open(dir);
    try {
      Monitor m = module.get();
      List<Event> events = new CopyOnWriteArrayList<>();
      m.events().addListener(e -> {
        if (e.kind.equals(EventKinds.HEALTH)) events.add(e);
      });
      long step = m.engine().baseStepMs();
      long t = (System.currentTimeMillis() / step - 3) * step;
      SeriesKey status = SeriesKey.of(MetricNames.GROUP_STATUS, "cluster", "prod", "group", "billing");
      TestMonitors.write(m, t, status, LagStatus.OK.code);
      long beat = System.currentTimeMillis();
      module.afterBeat(beat); // the baseline
      Thread.sleep(500);
      TestMonitors.write(m, t + step, status, LagStatus.STOP.code);
      module.afterBeat(beat + 100); // within the interval: not judged again
      Thread.sleep(500);
      assertEquals(0, events.size(), "the first judgement is the baseline, and a beat within the interval judges nothing");
      module.afterBeat(beat + m.config().intervalSeconds * 1000L);
      await(events, 1);
      assertEquals(1, events.size(), events.toString());
      Event red = events.get(0);
      assertEquals("kafka", red.area);
      assertEquals("prod", red.label("cluster"));
      assertEquals("green", red.before);
      assertEquals("red", red.after);
      assertTrue(red.message.contains("STOP"), red.message);
    } finally {
      module.destroy();
    }
  }
}
