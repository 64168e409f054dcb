package org.doflamingo.engine;

/** Which consolidation of the coarser RRD tiers to read. */
public enum Consolidation {
  AVERAGE(0),
  MIN(1),
  MAX(2);

  /** The engine's number for it (Consolidation in types.h); what crosses JNI. */
  public final int code;

  Consolidation(int code) {
    this.code = code;
  }

  /** The constant with this code; IllegalArgumentException for any other. */
  public static Consolidation fromCode(int code) {
    return EnumCodes.fromCode(values(), v -> v.code, code);
  }
}
