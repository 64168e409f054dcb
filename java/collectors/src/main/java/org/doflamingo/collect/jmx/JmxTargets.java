package org.doflamingo.collect.jmx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.config.Credentials;

/**
 * JMX collectors of one catalogue system (a broker's, a client's, a ZooKeeper server's, a Flume
 * agent's JVM): the system's MBeans and the host figures every JVM has, parsed from the catalogue
 * once for all the system's targets.
 */
public final class JmxTargets {
  /** JMX connections a target reads over at once. */
  private static final int READERS = 4;

  private final List<JmxSource> sources = new ArrayList<>();
  private final JmxCollector.Options options;

  /** Every MBean read every scrape, bounded by {@code timeoutMs}. */
  public JmxTargets(MetricCatalogue catalogue, String system, long timeoutMs) {
    this(catalogue, system, JmxCollector.Options.of(timeoutMs, READERS));
  }

  /** Read as {@code options} say (see {@link #options(long)} for the defaults). */
  public JmxTargets(MetricCatalogue catalogue, String system, JmxCollector.Options options) {
    sources.addAll(JmxSource.of(catalogue.of(system)));
    sources.addAll(JmxSource.of(catalogue.of("host")));
    this.options = options;
  }

  /** The default options for a scrape timeout: {@value #READERS} readers, every MBean every scrape. */
  public static JmxCollector.Options options(long timeoutMs) {
    return JmxCollector.Options.of(timeoutMs, READERS);
  }

  /** The collector of one JVM, its series carrying {@code labels} (keys and values in turn). */
  public JmxCollector collector(String host, int port, Credentials credentials, boolean ssl, String... labels)
      throws CollectException {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) out.put(labels[i], labels[i + 1]);
    return new JmxCollector(host, port, credentials, ssl, sources, out, options);
  }
}
