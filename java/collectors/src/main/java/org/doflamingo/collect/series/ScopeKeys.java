package org.doflamingo.collect.series;

import java.util.Map;
import java.util.TreeMap;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.engine.SeriesKey;

/**
 * One key standing for every series of a metric at a scope of {@link MetricCatalogue#SCOPES}
 * (label values made up, no internal or probe topic): what sizing and the catalogue's docs ask
 * the series policy to learn a scope's class.
 */
public final class ScopeKeys {
  private ScopeKeys() {}

  public static SeriesKey key(String metric, String scope) {
    Map<String, String> labels = new TreeMap<>();
    for (String label : MetricCatalogue.SCOPES.get(scope)) labels.put(label, label.equals("partition") ? "0" : "sized-" + label);
    return SeriesKey.of(metric, labels);
  }
}
