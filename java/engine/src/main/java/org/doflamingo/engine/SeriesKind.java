package org.doflamingo.engine;

/** How the engine turns a collected number into what it stores. */
public enum SeriesKind {
  /** Stored as read: sizes, heap, Yammer MeanRate/OneMinuteRate, percentiles. */
  GAUGE(0),
  /** Monotonic count (Yammer Count, Flume EventPutSuccessCount): stored as a per-second rate. */
  COUNTER(1);

  /** The engine's number for it (SeriesKind in types.h); what crosses JNI. */
  public final int code;

  SeriesKind(int code) {
    this.code = code;
  }

  /** The constant with this code; IllegalArgumentException for any other. */
  public static SeriesKind fromCode(int code) {
    return EnumCodes.fromCode(values(), v -> v.code, code);
  }
}
