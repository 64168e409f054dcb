package org.doflamingo.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.doflamingo.engine.jni.DoflamingoNative;

/**
 * How one kind of series is kept (as Graphite's storage schemas are): its RRD tiers, whether the
 * consolidated tiers keep MIN and MAX, its live ring, and what one series of it costs. A series
 * gets its class when it is first interned ({@link Engine#intern(SeriesKey, SeriesKind, String)})
 * and keeps it: its file's layout is fixed at creation, so a changed definition applies to series
 * created after the change. The class {@value #DEFAULT} always exists.
 */
public final class RetentionClass {
  /** The class of every series interned without one. */
  public static final String DEFAULT = "default";

  private final String name;
  private final String tiersSpec;
  private final boolean minMax;
  private final long liveWindowSeconds;
  private final long heartbeatSeconds;
  private final long fileBytes;
  private final long ringBytes;
  private final List<Tier> tiers;

  private RetentionClass(String name, String tiersSpec, long[] numbers, int at) {
    this.name = name;
    this.tiersSpec = tiersSpec;
    this.minMax = numbers[at] != 0;
    this.liveWindowSeconds = numbers[at + 1];
    this.heartbeatSeconds = numbers[at + 2];
    this.fileBytes = numbers[at + 3];
    this.ringBytes = numbers[at + 4];
    int count = (int) numbers[at + 5];
    List<Tier> t = new ArrayList<>(count);
    for (int i = 0; i < count; i++) t.add(new Tier(numbers[at + 6 + 2 * i], numbers[at + 7 + 2 * i]));
    this.tiers = Collections.unmodifiableList(t);
  }

  /**
   * A class checked and sized without an engine or data directory (nothing is written): for
   * sizing a cluster before it is watched. Throws {@link IllegalArgumentException} naming the
   * class and the part at fault.
   */
  public static RetentionClass size(String name, String tiers, boolean minMax, long liveWindowSeconds) {
    return size(name, tiers, minMax, liveWindowSeconds, 0);
  }

  /** {@link #size(String, String, boolean, long)} with the engine's heartbeatSeconds (a floor above five base steps). */
  public static RetentionClass size(String name, String tiers, boolean minMax, long liveWindowSeconds,
      long heartbeatSeconds) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tiers, "tiers");
    NativeLibrary.load();
    long[] numbers = DoflamingoNative.describeRetentionClass(name, tiers, minMax, liveWindowSeconds, heartbeatSeconds);
    return new RetentionClass(name, tiers, numbers, 0);
  }

  /** The classes of an engine, from its names (name, tiers, ...) and numbers, in its order. */
  static List<RetentionClass> decodeAll(List<String> namesAndTiers, long[] numbers) {
    List<RetentionClass> out = new ArrayList<>(namesAndTiers.size() / 2);
    int at = 0;
    for (int i = 0; i + 1 < namesAndTiers.size(); i += 2) {
      RetentionClass c = new RetentionClass(namesAndTiers.get(i), namesAndTiers.get(i + 1), numbers, at);
      out.add(c);
      at += 6 + 2 * c.tiers.size();
    }
    return Collections.unmodifiableList(out);
  }

  public String name() {
    return name;
  }

  /** The tiers as defined, e.g. "30s:1d,1h:30d". */
  public String tiersSpec() {
    return tiersSpec;
  }

  /** The tiers, finest first; the first one's step is the class's base step. */
  public List<Tier> tiers() {
    return tiers;
  }

  public long baseStepMs() {
    return tiers.get(0).stepMs;
  }

  /** Whether the consolidated tiers keep MIN and MAX besides AVERAGE. */
  public boolean minMax() {
    return minMax;
  }

  /** How long a series is kept in memory at base resolution; 0: no ring. */
  public long liveWindowSeconds() {
    return liveWindowSeconds;
  }

  /** Longer gaps between samples read as unknown. */
  public long heartbeatSeconds() {
    return heartbeatSeconds;
  }

  /** Bytes of one series' RRD file, exactly as created (fully allocated: its size on disk from the start). */
  public long fileBytes() {
    return fileBytes;
  }

  /** Bytes of one series' live ring values in memory (0 without a ring). */
  public long ringBytes() {
    return ringBytes;
  }

  @Override
  public String toString() {
    return name + "{" + tiersSpec + (minMax ? ", MIN/MAX" : "") + ", live " + liveWindowSeconds + " s, file " + fileBytes
        + " B, ring " + ringBytes + " B}";
  }
}
