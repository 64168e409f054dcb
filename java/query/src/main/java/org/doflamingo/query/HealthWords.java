package org.doflamingo.query;

import java.util.Locale;
import java.util.Map;
import org.doflamingo.collect.catalogue.Condition;
import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.collect.kafka.LagStatus;
import org.doflamingo.engine.SeriesKey;

/**
 * A rule's verdict as an operator reads it: what (the metric's own name in words, and the
 * partition, topic or component it is about), the value in its unit, the level and its threshold
 * in words: {@code produce availability partition 0: 98.2 % (amber below 99 %)},
 * {@code status STOP (red)}, {@code under replicated partitions 2 (red above 0)}; a level its rule
 * keeps for a while after the value is fine again ({@link SustainedHealth}) says so:
 * {@code ... 100 % (amber below 99 % within the last 30 s)}. The levels are named by their
 * colours, as the tiles and grids show them.
 */
public final class HealthWords {
  private HealthWords() {}

  public static String reason(MetricSpec spec, SeriesKey key, double value, Health level) {
    StringBuilder sb = new StringBuilder(words(spec.name));
    String about = about(key.labels());
    if (!about.isEmpty()) sb.append(' ').append(about).append(':');
    Condition rule = level == Health.RED ? spec.red : spec.amber;
    String colour = level.name().toLowerCase(Locale.ROOT);
    if (spec.name.equals(MetricNames.GROUP_STATUS)) {
      // a status code means nothing to a reader: its name, and the level it gives
      LagStatus status = LagStatus.ofCode((int) value);
      return sb.append(' ').append(status == null ? "code " + number(value) : status.name()).append(" (").append(colour).append(')')
          .toString();
    }
    String shown = value(value, spec.unit);
    String threshold = rule == null ? null : value(rule.threshold(), spec.unit);
    // 98.96 % is not "99.0 % (amber below 99 %)": finer where rounding would meet the threshold
    if (threshold != null && value != rule.threshold() && shown.replace(".0 ", " ").equals(threshold)) shown = fine(value, spec.unit);
    sb.append(' ').append(shown);
    if (rule == null) return sb.toString();
    sb.append(" (").append(colour).append(' ').append(relation(rule.operator())).append(' ').append(threshold);
    // a level kept by hysteresis: the value is fine now, but was not long enough ago
    if (!rule.holds(value)) sb.append(" within the last ").append(SustainedHealth.EXIT_MS / 1000).append(" s");
    return sb.append(')').toString();
  }

  /** {@code kafka.probe.produce_availability} → "produce availability"; {@code UnderReplicatedPartitions} → "under replicated partitions". */
  static String words(String metric) {
    String last = metric.substring(metric.lastIndexOf('.') + 1);
    return last.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
  }

  private static String about(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder();
    for (String k : new String[] {"topic", "partition", "component"}) {
      String v = labels.get(k);
      if (v != null) sb.append(sb.length() == 0 ? "" : " ").append(k).append(' ').append(v);
    }
    return sb.toString();
  }

  private static String relation(String operator) {
    switch (operator) {
      case ">": return "above";
      case ">=": return "at or above";
      case "<": return "below";
      case "<=": return "at or below";
      case "==": return "at";
      default: return "not at";
    }
  }

  /** A value in its unit: ratios as percent, one decimal where it matters. */
  static String value(double v, String unit) {
    if ("ratio".equals(unit)) return decimal(v * 100) + " %";
    if ("percent".equals(unit)) return decimal(v) + " %";
    String n = number(v);
    return unit == null || unit.isEmpty() ? n : n + " " + unit;
  }

  private static String fine(double v, String unit) {
    double shown = "ratio".equals(unit) ? v * 100 : v;
    String suffix = "ratio".equals(unit) || "percent".equals(unit) ? " %" : unit == null || unit.isEmpty() ? "" : " " + unit;
    return String.format(Locale.ROOT, "%.3f", shown) + suffix;
  }

  private static String decimal(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
  }
}
