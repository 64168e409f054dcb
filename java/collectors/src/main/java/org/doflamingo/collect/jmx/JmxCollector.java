package org.doflamingo.collect.jmx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.Collector;
import org.doflamingo.collect.Scrape;
import org.doflamingo.collect.config.Credentials;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * Reads one JMX target (a broker, a ZooKeeper server, a Flume agent) over RMI: one connection
 * kept open and reopened after a failure, MBean names found with the sources' patterns and found
 * again every {@code rediscoverEvery} scrapes or when one vanished, attributes read in bulk (one
 * getAttributes per MBean, several in flight at once), the whole scrape bounded by a timeout.
 * Not thread-safe: the scheduler runs one scrape of a target at a time.
 */
public final class JmxCollector implements Collector {
  private final String target;
  private final JMXServiceURL url;
  private final Map<String, Object> environment = new HashMap<>();
  private final List<JmxSource> sources;
  private final Map<String, String> targetLabels;
  private final long timeoutMs;
  private final int rediscoverEvery;
  private final ExecutorService readers;

  private JMXConnector connector;
  private MBeanServerConnection connection;
  private List<Bean> discovered;
  /** Attributes to read per MBean of the every-attribute sources, kept from one discovery to the next. */
  private Map<ObjectName, String[]> numericAttributes = new HashMap<>();
  private int scrapesSinceDiscovery;

  /** An MBean found at discovery, the source that found it, and the attributes asked of it. */
  private static final class Bean {
    final JmxSource source;
    final ObjectName name;
    final String[] attributes;

    Bean(JmxSource source, ObjectName name, String[] attributes) {
      this.source = source;
      this.name = name;
      this.attributes = attributes;
    }
  }

  /**
   * @param targetLabels labels every series of this target carries, e.g. cluster and broker
   * @param parallelReads getAttributes calls in flight at once on the connection
   */
  public JmxCollector(String host, int port, Credentials credentials, boolean ssl, List<JmxSource> sources,
      Map<String, String> targetLabels, long timeoutMs, int parallelReads) throws CollectException {
    this.target = host + ":" + port;
    try {
      this.url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi");
    } catch (IOException e) {
      throw new CollectException("JMX target " + target + ": bad address: " + e.getMessage(), e);
    }
    if (credentials != null) environment.put(JMXConnector.CREDENTIALS, new String[] {credentials.user(), credentials.password()});
    if (ssl) environment.put("com.sun.jndi.rmi.factory.socket", new javax.rmi.ssl.SslRMIClientSocketFactory());
    this.sources = new ArrayList<>(sources);
    this.targetLabels = new TreeMap<>(targetLabels);
    this.timeoutMs = timeoutMs;
    this.rediscoverEvery = 30;
    this.readers = Executors.newFixedThreadPool(Math.max(1, parallelReads), r -> {
      Thread t = new Thread(r, "doflamingo-jmx-" + target);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public String target() {
    return target;
  }

  /** MBeans found at the last discovery, for tests and the operator. */
  public int mbeanCount() {
    return discovered == null ? 0 : discovered.size();
  }

  /**
   * Reads every source into {@code out}. Throws {@link CollectException} naming the target when it
   * cannot be reached, refuses the credentials or does not answer within the timeout; the
   * connection is then dropped and reopened at the next scrape.
   */
  @Override
  public void scrape(Scrape out) throws CollectException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    try {
      if (connection == null) connect(deadline);
      if (discovered == null || ++scrapesSinceDiscovery >= rediscoverEvery) discover(deadline);
      Map<SeriesKey, double[]> values = new LinkedHashMap<>();
      Map<SeriesKey, SeriesKind> kinds = new HashMap<>();
      boolean vanished = read(deadline, values, kinds);
      // Several MBeans may land on one series (Kafka's request metrics per API version): summed.
      for (Map.Entry<SeriesKey, double[]> e : values.entrySet()) out.add(e.getKey(), kinds.get(e.getKey()), e.getValue()[0]);
      if (vanished) discovered = null; // a topic or partition went away: look again next time
    } catch (CollectException e) {
      disconnect();
      throw e;
    }
  }

  private void connect(long deadline) throws CollectException {
    JMXConnector c = bounded(deadline, "connecting", () -> JMXConnectorFactory.connect(url, environment));
    try {
      connection = c.getMBeanServerConnection();
      connector = c;
    } catch (IOException e) {
      closeQuietly(c);
      throw new CollectException("JMX target " + target + ": " + e, e);
    }
  }

  private void discover(long deadline) throws CollectException {
    List<Bean> found = new ArrayList<>();
    Map<ObjectName, String[]> attributes = new HashMap<>();
    List<Future<Object[]>> infos = new ArrayList<>();
    for (JmxSource s : sources) {
      for (ObjectName name : bounded(deadline, "listing MBeans " + s.pattern, () -> connection.queryNames(s.pattern, null))) {
        if (!s.everyAttribute) {
          found.add(new Bean(s, name, s.attributes));
          continue;
        }
        String[] known = numericAttributes.get(name);
        if (known != null) {
          attributes.put(name, known);
          if (known.length > 0) found.add(new Bean(s, name, known));
          continue;
        }
        // First seen: which of its attributes may hold numbers (asked once, several in flight).
        infos.add(readers.submit(() -> {
          try {
            return new Object[] {s, name, numericAttributes(connection.getMBeanInfo(name))};
          } catch (InstanceNotFoundException gone) {
            return null;
          }
        }));
      }
    }
    for (Future<Object[]> f : infos) {
      Object[] r = await(f, deadline, "reading MBean info");
      if (r == null) continue;
      String[] names = (String[]) r[2];
      attributes.put((ObjectName) r[1], names);
      if (names.length > 0) found.add(new Bean((JmxSource) r[0], (ObjectName) r[1], names));
    }
    numericAttributes = attributes;
    discovered = found;
    scrapesSinceDiscovery = 0;
  }

  private static String[] numericAttributes(MBeanInfo info) {
    List<String> names = new ArrayList<>();
    for (MBeanAttributeInfo a : info.getAttributes()) {
      if (a.isReadable() && JmxSource.numericType(a.getType())) names.add(a.getName());
    }
    return names.toArray(new String[0]);
  }

  private boolean read(long deadline, Map<SeriesKey, double[]> values, Map<SeriesKey, SeriesKind> kinds)
      throws CollectException {
    List<Future<AttributeList>> reads = new ArrayList<>(discovered.size());
    for (Bean b : discovered) {
      reads.add(readers.submit(() -> {
        try {
          return connection.getAttributes(b.name, b.attributes);
        } catch (InstanceNotFoundException gone) {
          return null;
        }
      }));
    }
    boolean vanished = false;
    for (int n = 0; n < reads.size(); n++) {
      AttributeList list = await(reads.get(n), deadline, "reading attributes");
      Bean b = discovered.get(n);
      JmxSource s = b.source;
      ObjectName name = b.name;
      if (list == null) {
        vanished = true;
        continue;
      }
      if (s.everyAttribute) {
        for (Attribute a : list.asList()) readEvery(s, name, a, values, kinds);
        continue;
      }
      for (Attribute a : list.asList()) {
        for (int i = 0; i < s.attributes.length; i++) {
          if (!s.attributes[i].equals(a.getName())) continue;
          Double v = number(a.getValue(), s.items[i]);
          if (v == null) continue; // not a number: nothing to store
          put(key(s, name, i), s.kinds[i], v, values, kinds);
        }
      }
    }
    return vanished;
  }

  /** A value of an every-attribute source: a number, or each numeric item of a composite. */
  private void readEvery(JmxSource s, ObjectName name, Attribute a, Map<SeriesKey, double[]> values,
      Map<SeriesKey, SeriesKind> kinds) {
    Object value = a.getValue();
    if (value instanceof CompositeData) {
      CompositeData composite = (CompositeData) value;
      for (String item : composite.getCompositeType().keySet()) {
        Double v = number(composite.get(item), null);
        if (v != null) put(everyKey(s, name, a.getName(), item), SeriesKind.GAUGE, v, values, kinds);
      }
      return;
    }
    Double v = number(value, null);
    if (v != null) put(everyKey(s, name, a.getName(), null), SeriesKind.ofMeterAttribute(a.getName()), v, values, kinds);
  }

  private static void put(SeriesKey key, SeriesKind kind, double v, Map<SeriesKey, double[]> values,
      Map<SeriesKey, SeriesKind> kinds) {
    double[] acc = values.get(key);
    if (acc == null) {
      values.put(key, new double[] {v});
      kinds.put(key, kind);
    } else {
      acc[0] += v;
    }
  }

  private SeriesKey everyKey(JmxSource s, ObjectName name, String attribute, String item) {
    Map<String, String> labels = new TreeMap<>(targetLabels);
    for (Map.Entry<String, String> p : name.getKeyPropertyList().entrySet()) {
      String v = p.getValue();
      if (s.labels(p.getKey())) labels.put(p.getKey(), v.startsWith("\"") ? ObjectName.unquote(v) : v);
    }
    labels.put("attribute", attribute);
    if (item != null) labels.put("item", item);
    return SeriesKey.of(name.getDomain(), labels);
  }

  private SeriesKey key(JmxSource s, ObjectName name, int attribute) {
    Map<String, String> labels = new TreeMap<>(targetLabels);
    for (Map.Entry<String, String> p : name.getKeyPropertyList().entrySet()) {
      String v = p.getValue();
      if (s.labels(p.getKey())) labels.put(p.getKey(), v.startsWith("\"") ? ObjectName.unquote(v) : v);
    }
    if (s.attributeLabel) labels.put("attribute", s.attributes[attribute]);
    return SeriesKey.of(s.series, labels);
  }

  /** A number from an attribute value (or an item of a composite one); null when it is none. */
  static Double number(Object value, String item) {
    if (item != null) {
      value = value instanceof CompositeData && ((CompositeData) value).containsKey(item) ? ((CompositeData) value).get(item) : null;
    }
    if (value instanceof Number) return ((Number) value).doubleValue();
    if (value instanceof Boolean) return (Boolean) value ? 1.0 : 0.0;
    return null;
  }

  private <T> T bounded(long deadline, String what, Callable<T> call) throws CollectException {
    return await(readers.submit(call), deadline, what);
  }

  private <T> T await(Future<T> f, long deadline, String what) throws CollectException {
    try {
      return f.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new CollectException("JMX target " + target + ": no answer within " + timeoutMs + " ms while " + what);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String message = cause instanceof SecurityException ? "credentials refused" : String.valueOf(cause);
      throw new CollectException("JMX target " + target + ": " + message + " while " + what, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectException("JMX target " + target + ": interrupted while " + what, e);
    }
  }

  private void disconnect() {
    if (connector != null) closeQuietly(connector);
    connector = null;
    connection = null;
    discovered = null;
  }

  private static void closeQuietly(JMXConnector c) {
    try {
      c.close();
    } catch (IOException | RuntimeException ignored) {
      // the connection is being dropped because it failed; closing it may fail too
    }
  }

  @Override
  public void close() {
    disconnect();
    readers.shutdownNow();
  }
}
