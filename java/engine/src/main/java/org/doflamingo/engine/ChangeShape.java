package org.doflamingo.engine;

/** How a series departed around a moment: its level moved, or a few points after it stood out. */
public enum ChangeShape {
  STEP(0),
  SPIKE(1);

  /** The engine's number for it (ChangeShape in changes.h); what crosses JNI. */
  public final int code;

  ChangeShape(int code) {
    this.code = code;
  }

  public static ChangeShape fromCode(int code) {
    return EnumCodes.fromCode(values(), v -> v.code, code);
  }
}
