package org.doflamingo.engine;

/** How the engine turns a collected number into what it stores. */
public enum SeriesKind {
  /** Stored as read: sizes, heap, Yammer MeanRate/OneMinuteRate, percentiles. */
  GAUGE,
  /** Monotonic count (Yammer Count, Flume EventPutSuccessCount): stored as a per-second rate. */
  COUNTER;

  /** The kind of a Yammer/Kafka meter or timer attribute: "Count" counts, the rest are gauges. */
  public static SeriesKind ofMeterAttribute(String attribute) {
    return "Count".equals(attribute) ? COUNTER : GAUGE;
  }
}
