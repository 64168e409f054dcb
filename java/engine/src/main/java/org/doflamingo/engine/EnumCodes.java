package org.doflamingo.engine;

import java.util.function.ToIntFunction;

/** The enum constant an engine code stands for: the enums cross JNI as codes, never as ordinals. */
final class EnumCodes {
  private EnumCodes() {}

  static <E extends Enum<E>> E fromCode(E[] values, ToIntFunction<E> codeOf, int code) {
    for (E v : values) if (codeOf.applyAsInt(v) == code) return v;
    throw new IllegalArgumentException("no " + values.getClass().getComponentType().getSimpleName() + " has code " + code);
  }
}
