package org.doflamingo.query;

import org.doflamingo.collect.catalogue.Condition;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricSpec;

/**
 * A health rule judged over a window, with hysteresis: a level (amber, red) is entered only when
 * its condition has held on every reading for {@link #ENTER_MS}, and left only when it has been
 * clear on every reading for {@link #EXIT_MS}. One late probe record, one slow GC, one reading
 * caught between two updates of a counter therefore turns no tile amber, and a figure hovering
 * around its threshold does not flap. Stateless: the readings of the last {@link #WINDOW_MS} are
 * replayed from green on every judgement, so a restart or another server judges alike.
 */
public final class SustainedHealth {
  /** How long a condition must hold, on every reading, before its level is entered. */
  public static final long ENTER_MS = 10_000;
  /** How long a condition must be clear, on every reading, before its level is left. */
  public static final long EXIT_MS = 30_000;
  /** The readings replayed: enough for a level entered, then cleared for the exit time, to be seen. */
  public static final long WINDOW_MS = 2 * (ENTER_MS + EXIT_MS);

  private SustainedHealth() {}

  /**
   * The state of {@code spec}'s rule over readings {@code values} (oldest first, one each
   * {@code stepMs}, NaN where none: neither holds nor clears), the worse of its red and amber
   * levels; UNKNOWN when no reading is there.
   */
  public static Health judge(MetricSpec spec, double[] values, long stepMs) {
    boolean any = false;
    for (double v : values) any |= !Double.isNaN(v);
    if (!any) return Health.UNKNOWN;
    if (spec.red != null && sustained(spec.red, values, stepMs)) return Health.RED;
    if (spec.amber != null && sustained(spec.amber, values, stepMs)) return Health.AMBER;
    return Health.GREEN;
  }

  /** Whether the level of {@code condition} stands at the last reading, replayed from not standing. */
  static boolean sustained(Condition condition, double[] values, long stepMs) {
    boolean standing = false;
    long heldSince = -1;
    long clearSince = -1;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isNaN(v)) continue;
      long t = i * stepMs;
      if (condition.holds(v)) {
        clearSince = -1;
        if (heldSince < 0) heldSince = t;
        if (t - heldSince >= ENTER_MS) standing = true;
      } else {
        heldSince = -1;
        if (clearSince < 0) clearSince = t;
        if (standing && t - clearSince >= EXIT_MS) standing = false;
      }
    }
    return standing;
  }
}
