package org.doflamingo.collect.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.junit.jupiter.api.Test;

/** Channel fill (amber above 50, red above 90) and availability (amber below 0.99, red below 0.9) as the catalogue rules them. */
class RuleCrossingTest {
  private final MetricCatalogue catalogue = MetricCatalogue.load();

  private static List<String> changes(RuleCrossing r, double... values) {
    List<String> out = new ArrayList<>();
    for (double v : values) {
      RuleCrossing.Change c = r.read("mem", v);
      if (c != null) out.add(c.before + ">" + c.after);
    }
    return out;
  }

  @Test
  void theFirstValueIsTheBaselineEvenWhenRed() {
    RuleCrossing fill = new RuleCrossing(catalogue.get("flume.channel.ChannelFillPercentage"), 5);
    assertNull(fill.read("mem", 95));
    assertNull(fill.read("mem", 96));
    assertEquals(Health.AMBER, fill.read("mem", 60).after);
  }

  @Test
  void aWorseStateIsEnteredAtOnceAndLeftOnlyPastTheMargin() {
    RuleCrossing fill = new RuleCrossing(catalogue.get("flume.channel.ChannelFillPercentage"), 5);
    assertEquals(java.util.Arrays.asList("GREEN>RED", "RED>AMBER", "AMBER>GREEN"), changes(fill, 10, 91, 88, 86, 85, 60, 46, 45));
  }

  @Test
  void aValueHoveringAtTheThresholdDoesNotFlap() {
    RuleCrossing fill = new RuleCrossing(catalogue.get("flume.channel.ChannelFillPercentage"), 5);
    assertEquals(java.util.Arrays.asList("GREEN>AMBER", "AMBER>RED"), changes(fill, 10, 89, 91, 89, 91, 89.5, 90.5, 87, 92));
  }

  @Test
  void aRuleBelowAThresholdRecoversAboveItPlusTheMargin() {
    RuleCrossing availability = new RuleCrossing(catalogue.get("kafka.probe.cluster_produce_availability"), 0.005);
    assertEquals(java.util.Arrays.asList("GREEN>AMBER", "AMBER>GREEN"), changes(availability, 1, 0.98, 0.992, 0.985, 0.994, 0.995, 1));
    assertEquals("amber: < 0.99", availability.rule(Health.AMBER));
  }

  @Test
  void noValueChangesNothing() {
    RuleCrossing fill = new RuleCrossing(catalogue.get("flume.channel.ChannelFillPercentage"), 5);
    assertEquals(java.util.Collections.singletonList("GREEN>RED"), changes(fill, Double.NaN, 10, Double.NaN, 95, Double.NaN));
  }
}
