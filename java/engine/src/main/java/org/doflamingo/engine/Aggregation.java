package org.doflamingo.engine;

/** How a group-by combines the series of a group at each step. */
public enum Aggregation {
  SUM(0),
  AVG(1),
  MIN(2),
  MAX(3),
  COUNT(4);

  /** The engine's number for it (Aggregation in engine.h); what crosses JNI. */
  public final int code;

  Aggregation(int code) {
    this.code = code;
  }

  /** The constant with this code; IllegalArgumentException for any other. */
  public static Aggregation fromCode(int code) {
    return EnumCodes.fromCode(values(), v -> v.code, code);
  }
}
