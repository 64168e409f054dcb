package org.doflamingo.collect.catalogue;

import java.util.Locale;

/** One comparison of a health rule, written like "> 0" or "<= 0.1". */
public final class Condition {
  private final String operator;
  private final double threshold;

  private Condition(String operator, double threshold) {
    this.operator = operator;
    this.threshold = threshold;
  }

  /** Parses "OP NUMBER" with OP one of >, >=, <, <=, ==, !=; throws IllegalArgumentException. */
  public static Condition parse(String text) {
    String t = text.trim();
    for (String op : new String[] {">=", "<=", "==", "!=", ">", "<"}) {
      if (t.startsWith(op)) {
        try {
          return new Condition(op, Double.parseDouble(t.substring(op.length()).trim()));
        } catch (NumberFormatException e) {
          break;
        }
      }
    }
    throw new IllegalArgumentException("health condition '" + text + "' is not OP NUMBER with OP one of > >= < <= == !=");
  }

  /** One of > >= < <= == != (for wording a rule: "below 0.99"). */
  public String operator() {
    return operator;
  }

  public double threshold() {
    return threshold;
  }

  public boolean holds(double v) {
    switch (operator) {
      case ">": return v > threshold;
      case ">=": return v >= threshold;
      case "<": return v < threshold;
      case "<=": return v <= threshold;
      case "==": return v == threshold;
      default: return v != threshold;
    }
  }

  @Override
  public String toString() {
    return operator + " " + (threshold == Math.rint(threshold) && Math.abs(threshold) < 1e15
        ? String.format(Locale.ROOT, "%d", (long) threshold) : String.valueOf(threshold));
  }
}
