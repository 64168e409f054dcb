package org.doflamingo.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A retention tiers text such as {@code 2s:1d,1m:14d,15m:180d,1h:5y}, read by the rules of the
 * native engine's parser (native/src/tiers.cpp): read here too so that a bad class in the
 * configuration is refused at load time naming its field, and so that sizing can count rows
 * without an engine.
 */
public final class TierSpec {
  /** One tier: its step and how long it is kept, in seconds. */
  public static final class Tier {
    public final long stepSeconds;
    public final long retentionSeconds;

    Tier(long stepSeconds, long retentionSeconds) {
      this.stepSeconds = stepSeconds;
      this.retentionSeconds = retentionSeconds;
    }

    /** Rows of this tier's archive, as the engine creates it. */
    public long rows() {
      return retentionSeconds / stepSeconds;
    }
  }

  public final String text;
  /** Finest first. */
  public final List<Tier> tiers;

  private TierSpec(String text, List<Tier> tiers) {
    this.text = text;
    this.tiers = Collections.unmodifiableList(tiers);
  }

  /** Throws IllegalArgumentException naming the bad part. */
  public static TierSpec parse(String text) {
    List<Tier> tiers = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      int colon = part.indexOf(':');
      if (colon < 0) throw new IllegalArgumentException("tier '" + part + "' is not STEP:RETENTION, e.g. 2s:1d");
      Tier t = new Tier(seconds(part.substring(0, colon)), seconds(part.substring(colon + 1)));
      if (t.retentionSeconds < t.stepSeconds) throw new IllegalArgumentException("tier '" + part + "' keeps less than one step");
      if (!tiers.isEmpty()) {
        Tier prev = tiers.get(tiers.size() - 1);
        if (t.stepSeconds <= prev.stepSeconds || t.stepSeconds % tiers.get(0).stepSeconds != 0) {
          throw new IllegalArgumentException("tier '" + part + "' must have a larger step than the tier before, and a multiple of the first step");
        }
        if (t.retentionSeconds <= prev.retentionSeconds) {
          throw new IllegalArgumentException("tier '" + part + "' must keep more time than the tier before");
        }
      }
      tiers.add(t);
    }
    return new TierSpec(text, tiers);
  }

  public long baseStepSeconds() {
    return tiers.get(0).stepSeconds;
  }

  /** The longest time any tier keeps. */
  public long retentionSeconds() {
    return tiers.get(tiers.size() - 1).retentionSeconds;
  }

  private static long seconds(String text) {
    int i = 0;
    long n = 0;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      n = n * 10 + (text.charAt(i) - '0');
      if (n > 1_000_000_000) throw new IllegalArgumentException("duration '" + text + "' is too large");
      i++;
    }
    if (i == 0 || i + 1 != text.length() || n <= 0) {
      throw new IllegalArgumentException("duration '" + text + "' is not a positive number followed by one of s, m, h, d, w, y");
    }
    switch (text.charAt(i)) {
      case 's': return n;
      case 'm': return n * 60;
      case 'h': return n * 3600;
      case 'd': return n * 86400;
      case 'w': return n * 7 * 86400;
      case 'y': return n * 365 * 86400;
      default: throw new IllegalArgumentException("duration '" + text + "' has unit '" + text.charAt(i) + "'; expected one of s, m, h, d, w, y");
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
