package org.doflamingo.config;

/**
 * A retention class as the configuration defines it: the tiers its series' RRD files keep,
 * whether MIN and MAX are kept beside AVERAGE on the consolidated tiers, and how long its series
 * stay in memory at base resolution (0: no live ring). The engine creates each series' file with
 * its class, once: a changed class applies to series created after the change.
 */
public final class RetentionClassSpec {
  public final String name;
  public final TierSpec tiers;
  public final boolean minMax;
  public final long liveWindowSeconds;

  public RetentionClassSpec(String name, String tiers, boolean minMax, long liveWindowSeconds) {
    this.name = name;
    this.tiers = TierSpec.parse(tiers);
    this.minMax = minMax;
    this.liveWindowSeconds = liveWindowSeconds;
  }

  /** Longest gap the RRD files bridge: five base steps (the engine's rule). */
  public long heartbeatSeconds() {
    return 5 * tiers.baseStepSeconds();
  }

  static RetentionClassSpec read(String name, Node n, RetentionClassSpec fallback) throws ConfigException {
    n.only("tiers", "minMax", "liveWindowSeconds");
    String tiers = n.optText("tiers", fallback == null ? null : fallback.tiers.text);
    if (tiers == null) throw n.error("tiers", "is required for a class of your own (e.g. \"30s:1d,1h:30d\")");
    boolean minMax = n.optBoolean("minMax", fallback != null && fallback.minMax);
    long live = n.optLong("liveWindowSeconds", fallback == null ? 900 : fallback.liveWindowSeconds, 0, 7 * 86400);
    try {
      return new RetentionClassSpec(name, tiers, minMax, live);
    } catch (IllegalArgumentException e) {
      throw n.error("tiers", e.getMessage());
    }
  }

  @Override
  public String toString() {
    return name + "{" + tiers + (minMax ? ", min/max" : "") + ", live " + liveWindowSeconds + " s}";
  }
}
