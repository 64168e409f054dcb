package org.doflamingo.collect.catalogue;

import java.util.Collections;
import java.util.List;

/** One metric Doflamingo collects: where it comes from, how it is stored, when it is unhealthy. */
public final class MetricSpec {
  /** Which kind of target exposes it: kafka-broker, kafka-cluster (Admin API), kafka-consumer, kafka-probe, zookeeper, flume, host. */
  public final String system;
  /** The engine series name. */
  public final String name;
  /** Where it is read: "jmx MBEAN ATTRIBUTE", "mntr KEY", "http /metrics ...", "admin ...", "derived ...". */
  public final String source;
  /** "gauge" or "counter" (stored as a per-second rate). */
  public final String kind;
  public final String unit;
  public final String description;
  /**
   * What one series of it is about, for sizing: the scopes of {@link MetricCatalogue#SCOPES} it
   * exists at (a broker's total and its per-topic twins: broker and broker-topic).
   */
  public final List<String> per;
  /** Series per scope (request types, attributes, garbage collectors), for sizing. */
  public final int each;
  /** The retention class the catalogue pins it to, or null: the class of its level. */
  public final String retention;
  /** Turns the tile amber, or null. */
  public final Condition amber;
  /** Turns the tile red, or null. */
  public final Condition red;

  MetricSpec(String system, String name, String source, String kind, String unit, String description, List<String> per,
      int each, String retention, Condition amber, Condition red) {
    this.system = system;
    this.name = name;
    this.source = source;
    this.kind = kind;
    this.unit = unit;
    this.description = description;
    this.per = Collections.unmodifiableList(per);
    this.each = each;
    this.retention = retention;
    this.amber = amber;
    this.red = red;
  }

  /** The state of a value under this metric's rule; NaN is UNKNOWN. */
  public Health health(double value) {
    if (Double.isNaN(value)) return Health.UNKNOWN;
    if (red != null && red.holds(value)) return Health.RED;
    if (amber != null && amber.holds(value)) return Health.AMBER;
    return Health.GREEN;
  }
}
