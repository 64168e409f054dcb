package org.doflamingo.query;

import java.nio.file.Path;
import org.doflamingo.collect.EngineScrape;
import org.doflamingo.collect.Monitor;
import org.doflamingo.config.ConfigException;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/** Monitors for the read side's tests: a real engine, targets that are never scraped (tests write what they read). */
public final class TestReads {
  private TestReads() {}

  /**
   * A configuration watching {@code watched} (JSON members: "kafka": [...], ...), history under
   * {@code dir} in one small tier (an hour of 2 s rows: thousands of series' files stay small).
   */
  public static MonitorConfig config(Path dir, String watched) throws ConfigException {
    return MonitorConfig.parse("{\"storage\": {\"path\": \"" + dir.resolve("data").toString().replace("\\", "\\\\")
        + "\", \"tiers\": \"2s:1h\"}, " + watched + "}");
  }

  /** A monitor of the configuration: its targets registered but never ticked (nothing is contacted), its engine the tests' to fill. */
  public static Monitor open(MonitorConfig config) {
    return Monitor.open(config, System.currentTimeMillis());
  }

  /** Stores one value per key at {@code timeMs} ({@code kind} for all). */
  public static void write(Monitor m, long timeMs, SeriesKind kind, Object... keysAndValues) {
    EngineScrape s = new EngineScrape(m.engine(), new EngineScrape.Ids(m.engine()), timeMs);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      s.add((SeriesKey) keysAndValues[i], kind, ((Number) keysAndValues[i + 1]).doubleValue());
    }
    s.commit();
  }
}
