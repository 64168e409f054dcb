package org.doflamingo.bench;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Prometheus jmx_exporter's collector in standalone mode (remote jmxUrl), registered in a registry
 * of its own and scraped as its HTTP server does on a Prometheus scrape (registry.scrape(), short
 * of writing the text format); each data point is a sample.
 */
final class ExporterScrape implements AutoCloseable {
  private final PrometheusRegistry registry = new PrometheusRegistry();

  ExporterScrape(Path config) throws Exception {
    new io.prometheus.jmx.JmxCollector(config.toFile(), io.prometheus.jmx.JmxCollector.Mode.STANDALONE).register(registry);
  }

  /** One scrape; returns the samples read from the target (the exporter's own jmx_* metrics left out). */
  long scrape() {
    long samples = 0;
    for (MetricSnapshot m : registry.scrape()) {
      String name = m.getMetadata().getName();
      if (name.equals("jmx_scrape_error")) {
        for (DataPointSnapshot p : m.getDataPoints()) {
          if (((GaugeSnapshot.GaugeDataPointSnapshot) p).getValue() != 0) throw new IllegalStateException("jmx_exporter scrape failed");
        }
      }
      if (name.startsWith("jmx_scrape_") || name.startsWith("jmx_config_reload_") || name.startsWith("jmx_exporter_")) continue;
      samples += m.getDataPoints().size();
    }
    return samples;
  }

  /** The collector's version, from its jar's Maven properties. */
  static String version() {
    try (InputStream in = io.prometheus.jmx.JmxCollector.class.getResourceAsStream(
        "/META-INF/maven/io.prometheus.jmx/collector/pom.properties")) {
      Properties p = new Properties();
      if (in != null) p.load(in);
      return p.getProperty("version", "?");
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  @Override
  public void close() {
    // jmx_exporter opens and closes its JMX connection within each collect()
  }
}
