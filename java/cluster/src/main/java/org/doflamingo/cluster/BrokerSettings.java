package org.doflamingo.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doflamingo.cluster.security.SecuredJmx;
import org.doflamingo.cluster.security.SecuredListeners;

/**
 * How a {@link KafkaCluster}'s broker JVMs run: their JVM options, extra {@code server.properties}
 * lines (set last, so they win over the harness's own), listeners beside PLAINTEXT (TLS, SASL), and whether the data folders of an earlier
 * run are kept. {@link #TEST} is what the tests and the demo use (a small, quick-starting JVM);
 * {@link #production(String)} is a broker as Kafka's own scripts start it (G1, full JIT), for
 * measurements at scale.
 */
public final class BrokerSettings {
  /** The tests' and the demo's brokers: 256 MB, serial GC, C1 only (quick to start on a small machine). */
  public static final BrokerSettings TEST = new BrokerSettings(JvmProcess.baseOptions("256m"),
      Collections.<String, String>emptyMap(), false);

  private final List<String> jvmOptions;
  /** Options of one broker only (by id), after the shared ones: an agent's port, say. */
  private final Map<Integer, List<String>> brokerOptions;
  private final Map<String, String> properties;
  private final boolean keepData;
  /** Listeners opened beside PLAINTEXT (TLS, SASL), or null: PLAINTEXT only. */
  private final SecuredListeners listeners;
  /** Password authentication (and TLS) of the brokers' JMX, or null: open JMX. */
  private final SecuredJmx jmx;
  /** The Kafka the brokers run, or null: the launcher's default (3.9.2 in ZooKeeper mode and for a combined KRaft node, 4.4.0 in a KraftCluster). */
  private final ApacheRuntime runtime;

  private BrokerSettings(List<String> jvmOptions, Map<String, String> properties, boolean keepData) {
    this(jvmOptions, Collections.<Integer, List<String>>emptyMap(), properties, keepData, null, null, null);
  }

  private BrokerSettings(List<String> jvmOptions, Map<Integer, List<String>> brokerOptions, Map<String, String> properties,
      boolean keepData, SecuredListeners listeners, SecuredJmx jmx, ApacheRuntime runtime) {
    this.jvmOptions = Collections.unmodifiableList(new ArrayList<>(jvmOptions));
    this.brokerOptions = Collections.unmodifiableMap(new LinkedHashMap<>(brokerOptions));
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    this.keepData = keepData;
    this.listeners = listeners;
    this.jmx = jmx;
    this.runtime = runtime;
  }

  /**
   * The JVM flags of Kafka's {@code kafka-run-class.sh} and {@code kafka-server-start.sh} (G1 with
   * 20 ms pause goal, heap fixed at {@code heap}), no TieredStopAtLevel: what a production broker runs.
   */
  public static BrokerSettings production(String heap) {
    return new BrokerSettings(Arrays.asList(
        "-Xmx" + heap,
        "-Xms" + heap,
        "-XX:+UseG1GC",
        "-XX:MaxGCPauseMillis=20",
        "-XX:InitiatingHeapOccupancyPercent=35",
        "-XX:+ExplicitGCInvokesConcurrent",
        "-Djava.awt.headless=true",
        "-Djava.net.preferIPv4Stack=true"), Collections.<String, String>emptyMap(), false);
  }

  /** These settings plus one more JVM option for every broker (a system property, a GC flag). */
  public BrokerSettings withJvmOption(String option) {
    List<String> options = new ArrayList<>(jvmOptions);
    options.add(option);
    return new BrokerSettings(options, brokerOptions, properties, keepData, listeners, jmx, runtime);
  }

  /** These settings plus one more JVM option for broker {@code id} only (a {@code -javaagent:} with its own port). */
  public BrokerSettings withJvmOption(int id, String option) {
    Map<Integer, List<String>> options = new LinkedHashMap<>(brokerOptions);
    List<String> own = new ArrayList<>(options.containsKey(id) ? options.get(id) : Collections.<String>emptyList());
    own.add(option);
    options.put(id, own);
    return new BrokerSettings(jvmOptions, options, properties, keepData, listeners, jmx, runtime);
  }

  /** These settings plus one {@code server.properties} entry, which overrides the harness's value of the same key. */
  public BrokerSettings withProperty(String key, String value) {
    Map<String, String> p = new LinkedHashMap<>(properties);
    p.put(key, value);
    return new BrokerSettings(jvmOptions, brokerOptions, p, keepData, listeners, jmx, runtime);
  }

  /** These settings, keeping (or not) each broker's data folder from an earlier run instead of starting empty. */
  public BrokerSettings keepingData(boolean keep) {
    return new BrokerSettings(jvmOptions, brokerOptions, properties, keep, listeners, jmx, runtime);
  }

  /**
   * These settings, every broker also opening {@code secured}'s listeners (each on a port of its
   * own: {@code KafkaBroker.port(name)}) with their settings and JVM options.
   */
  public BrokerSettings withListeners(SecuredListeners secured) {
    return new BrokerSettings(jvmOptions, brokerOptions, properties, keepData, secured, jmx, runtime);
  }

  /** These settings, the brokers' JMX secured by {@code secured} (password authentication, TLS). */
  public BrokerSettings withJmx(SecuredJmx secured) {
    return new BrokerSettings(jvmOptions, brokerOptions, properties, keepData, listeners, secured, runtime);
  }

  /** These settings, the brokers running Kafka {@code kafka} ({@code ApacheRuntime.kafka("3.4.1")}) instead of the launcher's default. */
  public BrokerSettings withRuntime(ApacheRuntime kafka) {
    if (kafka.product() != ApacheRuntime.Product.KAFKA) throw new IllegalArgumentException("not a Kafka runtime: " + kafka);
    return new BrokerSettings(jvmOptions, brokerOptions, properties, keepData, listeners, jmx, kafka);
  }

  /** The Kafka the brokers run: the one given by {@link #withRuntime}, else {@code fallback}. */
  public ApacheRuntime runtime(ApacheRuntime fallback) {
    return runtime != null ? runtime : fallback;
  }

  /** How the brokers' JMX is secured, or null: open. */
  public SecuredJmx jmx() {
    return jmx;
  }

  /** The listeners opened beside PLAINTEXT, or null. */
  public SecuredListeners listeners() {
    return listeners;
  }

  /** The JVM options of broker {@code id}: the shared ones, then its own. */
  public List<String> jvmOptions(int id) {
    List<String> all = new ArrayList<>(jvmOptions);
    if (listeners != null) all.addAll(listeners.jvmOptions());
    if (brokerOptions.containsKey(id)) all.addAll(brokerOptions.get(id));
    return all;
  }

  public Map<String, String> properties() {
    return properties;
  }

  public boolean keepsData() {
    return keepData;
  }
}
