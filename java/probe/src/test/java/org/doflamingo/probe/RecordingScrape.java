package org.doflamingo.probe;

import java.util.LinkedHashMap;
import java.util.Map;
import org.doflamingo.collect.Scrape;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/** A scrape kept in memory: values and kinds by series. */
final class RecordingScrape implements Scrape {
  final Map<SeriesKey, Double> values = new LinkedHashMap<>();
  final Map<SeriesKey, SeriesKind> kinds = new LinkedHashMap<>();
  private final long timeMillis;

  RecordingScrape(long timeMillis) {
    this.timeMillis = timeMillis;
  }

  @Override
  public void add(SeriesKey key, SeriesKind kind, double value) {
    values.put(key, value);
    kinds.put(key, kind);
  }

  @Override
  public long timeMillis() {
    return timeMillis;
  }

  /** The value of the one series named {@code name} with labels {@code keysAndValues} (others ignored); null when absent. */
  Double get(String name, String... keysAndValues) {
    for (Map.Entry<SeriesKey, Double> e : values.entrySet()) {
      if (!e.getKey().name().equals(name)) continue;
      boolean match = true;
      for (int i = 0; i < keysAndValues.length; i += 2) {
        if (!keysAndValues[i + 1].equals(e.getKey().label(keysAndValues[i]))) match = false;
      }
      if (match) return e.getValue();
    }
    return null;
  }
}
