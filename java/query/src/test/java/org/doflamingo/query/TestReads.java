package org.doflamingo.query;

import java.nio.file.Path;
import java.util.Collections;
import org.doflamingo.collect.CollectorFactory;
import org.doflamingo.collect.EngineScrape;
import org.doflamingo.collect.Monitor;
import org.doflamingo.config.ConfigException;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/** Monitors for the read side's tests: a real engine, no collectors (tests write what they read). */
public final class TestReads {
  private TestReads() {}

  /** A configuration watching {@code watched} (JSON members: "kafka": [...], ...), history under {@code dir}. */
  public static MonitorConfig config(Path dir, String watched) throws ConfigException {
    return MonitorConfig.parse("{\"storage\": {\"path\": \"" + dir.resolve("data").toString().replace("\\", "\\\\") + "\"}, "
        + watched + "}");
  }

  /** A monitor of the configuration that runs no collector: its targets are none, its engine is the tests' to fill. */
  public static Monitor open(MonitorConfig config) {
    return Monitor.open(config, System.currentTimeMillis(), Collections.<CollectorFactory>emptyList());
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
