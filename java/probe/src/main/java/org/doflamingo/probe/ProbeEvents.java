package org.doflamingo.probe;

import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.collect.events.EventKinds;
import org.doflamingo.collect.events.EventRecorder;
import org.doflamingo.collect.events.RuleCrossing;
import org.doflamingo.engine.Event;

/**
 * The probe's cluster availability (produce and consume) crossing its catalogue rule (amber below
 * 0.99, red below 0.9): {@code probe.availability}, before → after GREEN/AMBER/RED, labelled
 * {@code cluster} and {@code direction} (produce, consume). A state is left only once the value is
 * {@value #MARGIN} past the threshold (so 0.989 ↔ 0.991 is no flapping); the first judged value is
 * the baseline. Memory: two entries. Thread-safe.
 */
final class ProbeEvents {
  static final double MARGIN = 0.005;

  private final String cluster;
  private final EventRecorder recorder;
  private final RuleCrossing produce;
  private final RuleCrossing consume;

  ProbeEvents(String cluster, MetricCatalogue catalogue, EventRecorder recorder) {
    this.cluster = cluster;
    this.recorder = recorder;
    this.produce = crossing(catalogue, ProbeCollector.PREFIX + "cluster_produce_availability");
    this.consume = crossing(catalogue, ProbeCollector.PREFIX + "cluster_consume_availability");
  }

  private static RuleCrossing crossing(MetricCatalogue catalogue, String name) {
    MetricSpec spec = catalogue == null ? null : catalogue.get(name);
    return spec == null || (spec.amber == null && spec.red == null) ? null : new RuleCrossing(spec, MARGIN);
  }

  void read(double produceAvailability, double consumeAvailability, long timeMs) {
    judge(produce, "produce", produceAvailability, timeMs);
    judge(consume, "consume", consumeAvailability, timeMs);
  }

  private void judge(RuleCrossing rule, String direction, double value, long timeMs) {
    if (rule == null) return;
    RuleCrossing.Change c = rule.read(direction, value);
    if (c == null) return;
    recorder.record(Event.at(timeMs, EventKinds.KAFKA, EventKinds.PROBE_AVAILABILITY, RuleCrossing.severity(c.after))
        .label("cluster", cluster).label("direction", direction).change(c.before.name(), c.after.name())
        .message(String.format(java.util.Locale.ROOT, "%s availability %.4f (%s)", direction, value, rule.rule(c.after))).build());
  }
}
