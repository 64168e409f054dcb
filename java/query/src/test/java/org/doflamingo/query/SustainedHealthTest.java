package org.doflamingo.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.junit.jupiter.api.Test;

/** Rules over a window: one bad reading is no verdict, a sustained one is, and it is left only after a clear spell. */
class SustainedHealthTest {
  private static final long STEP = 2000;
  private static final MetricSpec AVAILABILITY = MetricCatalogue.load().get("kafka.probe.produce_availability");

  /** Readings of the window, oldest first: {@code good} everywhere except {@code bad} at the given indexes. */
  private static double[] readings(int n, double good, double bad, int from, int to) {
    double[] v = new double[n];
    Arrays.fill(v, good);
    for (int i = from; i < to; i++) v[i] = bad;
    return v;
  }

  @Test
  void oneDelayedReadingTurnsNothingAmber() {
    assertEquals(Health.GREEN, SustainedHealth.judge(AVAILABILITY, readings(40, 0.999, 0.95, 39, 40), STEP), "the newest reading bad");
    assertEquals(Health.GREEN, SustainedHealth.judge(AVAILABILITY, readings(40, 0.999, 0.95, 20, 22), STEP), "two bad readings");
  }

  @Test
  void aConditionHeldForTheEnterTimeStands() {
    // 6 readings 2 s apart: held from the first to the last, 10 s
    assertEquals(Health.AMBER, SustainedHealth.judge(AVAILABILITY, readings(40, 0.999, 0.95, 34, 40), STEP));
    assertEquals(Health.GREEN, SustainedHealth.judge(AVAILABILITY, readings(40, 0.999, 0.95, 35, 40), STEP), "8 s is not enough");
    assertEquals(Health.RED, SustainedHealth.judge(AVAILABILITY, readings(40, 0.999, 0.5, 30, 40), STEP));
  }

  @Test
  void aLevelIsLeftOnlyAfterAClearSpell() {
    // bad for 20 s, then clear: still amber 20 s later, green once 30 s have been clear
    assertEquals(Health.AMBER, SustainedHealth.judge(AVAILABILITY, readings(40, 0.999, 0.95, 19, 30), STEP));
    assertEquals(Health.GREEN, SustainedHealth.judge(AVAILABILITY, readings(40, 0.999, 0.95, 4, 15), STEP));
    // hovering around the threshold (one good reading in every three) keeps the level, no flapping
    double[] hover = readings(40, 0.999, 0.95, 0, 40);
    for (int i = 0; i < 40; i += 3) hover[i] = 0.999;
    assertEquals(Health.GREEN, SustainedHealth.judge(AVAILABILITY, hover, STEP), "never held 10 s: never entered");
    double[] after = readings(40, 0.999, 0.95, 0, 10);
    for (int i = 10; i < 40; i += 3) after[i] = 0.95;
    assertEquals(Health.AMBER, SustainedHealth.judge(AVAILABILITY, after, STEP), "entered, then never clear for 30 s");
  }

  @Test
  void missingReadingsNeitherHoldNorClear() {
    double[] v = readings(40, Double.NaN, 0.95, 30, 40);
    assertEquals(Health.AMBER, SustainedHealth.judge(AVAILABILITY, v, STEP));
    assertEquals(Health.UNKNOWN, SustainedHealth.judge(AVAILABILITY, readings(40, Double.NaN, Double.NaN, 0, 0), STEP));
  }
}
