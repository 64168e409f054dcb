package org.doflamingo.collect.catalogue;

import java.util.Collections;
import java.util.List;

/** One metric Doflamingo collects: where it comes from, how it is stored, when it is unhealthy. */
public final class MetricSpec {
  /** Which kind of target exposes it: kafka-broker, kafka-controller, kafka-cluster (Admin API), kafka-consumer, kafka-probe, zookeeper, flume, host. */
  public final String system;
  /**
   * Other kinds of target that expose it too, under the same name: a KRaft controller's MBeans
   * that a ZooKeeper-mode broker also has (the controller lived on a broker), say.
   */
  public final List<String> alsoOn;
  /** Where it is known to be absent (e.g. "Kafka 4.x brokers: read from the controllers"), or null. */
  public final String notOn;
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

  MetricSpec(String system, List<String> alsoOn, String name, String source, String kind, String unit, String description,
      List<String> per, int each, String retention, String notOn, Condition amber, Condition red) {
    this.system = system;
    this.alsoOn = Collections.unmodifiableList(alsoOn);
    this.notOn = notOn;
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

  /** Whether targets of {@code kind} read it (their own system, or one of {@link #alsoOn}). */
  public boolean readBy(String kind) {
    return system.equals(kind) || alsoOn.contains(kind);
  }

  /** The state of a value under this metric's rule; NaN is UNKNOWN. */
  public Health health(double value) {
    if (Double.isNaN(value)) return Health.UNKNOWN;
    if (red != null && red.holds(value)) return Health.RED;
    if (amber != null && amber.holds(value)) return Health.AMBER;
    return Health.GREEN;
  }
}
