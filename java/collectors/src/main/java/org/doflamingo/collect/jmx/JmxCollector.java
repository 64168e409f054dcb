package org.doflamingo.collect.jmx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.doflamingo.config.Credentials;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * Reads one JMX target (a broker, a ZooKeeper server, a Flume agent) over RMI: one connection
 * kept open and reopened after a failure, MBean names found with the sources' patterns and found
 * again every {@code rediscoverEvery} scrapes or when one vanished, attributes read in bulk (one
 * getAttributes per MBean, {@code parallelReads} readers working through the MBeans at once), the
 * whole scrape bounded by a timeout. The series each attribute lands on are worked out when its
 * MBean is discovered, so that a scrape only reads and adds up numbers.
 * Not thread-safe: the scheduler runs one scrape of a target at a time.
 */
public final class JmxCollector implements Collector {
  /** Stands for the result of an MBean that vanished between discovery and read. */
  private static final AttributeList GONE = new AttributeList();

  private final String target;
  private final JMXServiceURL url;
  private final Map<String, Object> environment = new HashMap<>();
  private final List<JmxSource> sources;
  private final Map<String, String> targetLabels;
  private final long timeoutMs;
  private final int rediscoverEvery;
  private final int parallelReads;
  private final ExecutorService readers;

  private JMXConnector connector;
  private MBeanServerConnection connection;
  private List<Bean> discovered;
  /**
   * A discovery under way, started by an earlier scrape. It runs on its own thread against its own
   * deadline, not a scrape's: on a broker with tens of thousands of MBeans listing them alone can
   * take longer than a scrape may, and bound by the scrape it would be cut short every time and the
   * target would never come up. Meanwhile scrapes read the MBeans found before (rediscovery costs
   * them nothing) or, before the first discovery ends, say that it is still under way.
   */
  private Future<Discovery> discovering;
  /** An MBean of the list went away (a topic or partition deleted, or moved): the next scrape waits a little for a new list. */
  private boolean vanished;
  private final ExecutorService discoverer;
  private final long discoveryTimeoutMs;
  /**
   * MBeans of the every-attribute sources, per source and name, kept from one discovery to the
   * next: an MBean's info is asked and its series are made once, when it first shows up.
   */
  private Map<JmxSource, Map<ObjectName, Bean>> known = new HashMap<>();
  private int scrapesSinceDiscovery;

  /** A series of this target, and what the scrape under way has added up on it. */
  private static final class Series {
    final SeriesKey key;
    final SeriesKind kind;
    double sum;
    boolean seen;

    Series(SeriesKey key, SeriesKind kind) {
      this.key = key;
      this.kind = kind;
    }

    void add(double v, List<Series> touched) {
      if (seen) {
        sum += v;
      } else {
        seen = true;
        sum = v;
        touched.add(this);
      }
    }
  }

  /** An MBean found at discovery: the source that found it, the attributes asked of it, their series. */
  private static final class Bean {
    final JmxSource source;
    final ObjectName name;
    final String[] attributes;
    /** The series of each attribute (of each composite item, for a catalogue source). */
    final Series[] series;
    /** Every-attribute sources: the series of composite items by attribute and item, made when first read. */
    Map<String, Map<String, Series>> items;

    Bean(JmxSource source, ObjectName name, String[] attributes, Series[] series) {
      this.source = source;
      this.name = name;
      this.attributes = attributes;
      this.series = series;
    }
  }

  /** What a discovery found: the MBeans to read, and the every-attribute MBeans known by source. */
  private static final class Discovery {
    final List<Bean> found;
    final Map<JmxSource, Map<ObjectName, Bean>> known;

    Discovery(List<Bean> found, Map<JmxSource, Map<ObjectName, Bean>> known) {
      this.found = found;
      this.known = known;
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
    this.parallelReads = Math.max(1, parallelReads);
    this.readers = Executors.newFixedThreadPool(this.parallelReads, r -> {
      Thread t = new Thread(r, "doflamingo-jmx-" + target);
      t.setDaemon(true);
      return t;
    });
    // its own thread: a discovery waits for the readers' answers, so it must never take a reader's place
    this.discoverer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "doflamingo-jmx-discovery-" + target);
      t.setDaemon(true);
      return t;
    });
    this.discoveryTimeoutMs = Math.max(60_000, 20 * timeoutMs);
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
   * connection is then dropped and reopened at the next scrape. Before its first discovery has
   * ended it throws too, saying so, but keeps the connection and the discovery going.
   */
  @Override
  public void scrape(Scrape out) throws CollectException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    try {
      if (connection == null) connect(deadline);
      if (discovering == null && (discovered == null || ++scrapesSinceDiscovery >= rediscoverEvery)) {
        MBeanServerConnection on = connection;
        discovering = discoverer.submit(() -> discover(on, System.currentTimeMillis() + discoveryTimeoutMs));
      }
      if (discovering != null && (discovered == null || vanished || discovering.isDone())) {
        // with MBeans known, wait at most half the scrape for the new list: the reads need the rest
        long now = System.currentTimeMillis();
        Discovery d = awaitDiscovery(discovered == null ? deadline : now + (deadline - now) / 2);
        if (d != null) {
          known = d.known;
          discovered = d.found;
          scrapesSinceDiscovery = 0;
          vanished = false;
        } else if (discovered == null) {
          throw new StillDiscovering("JMX target " + target + ": still discovering its MBeans after the scrape's "
              + timeoutMs + " ms; the discovery goes on (up to " + discoveryTimeoutMs / 1000 + " s) and collection starts when it ends");
        }
      }
      AttributeList[] results = read(deadline);
      // Several MBeans may land on one series (Kafka's request metrics per API version): summed.
      List<Series> touched = new ArrayList<>();
      try {
        for (int n = 0; n < results.length; n++) {
          if (results[n] == GONE) {
            vanished = true;
          } else {
            add(discovered.get(n), results[n], touched);
          }
        }
        for (Series s : touched) out.add(s.key, s.kind, s.sum);
      } finally {
        for (Series s : touched) s.seen = false;
      }
      if (vanished) scrapesSinceDiscovery = rediscoverEvery; // a topic or partition went away: look again
    } catch (StillDiscovering e) {
      throw e;
    } catch (CollectException e) {
      disconnect();
      throw e;
    }
  }

  /** Not a failure of the target: the connection and the discovery are kept. */
  private static final class StillDiscovering extends CollectException {
    private static final long serialVersionUID = 1L;

    StillDiscovering(String message) {
      super(message);
    }
  }

  /** The running discovery's result once it has ended, or null if it is still under way at the deadline. */
  private Discovery awaitDiscovery(long deadline) throws CollectException {
    Future<Discovery> f = discovering;
    try {
      Discovery d = f.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      discovering = null;
      return d;
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      discovering = null;
      Throwable cause = e.getCause();
      if (cause instanceof CollectException) throw (CollectException) cause;
      throw new CollectException("JMX target " + target + ": " + cause + " while discovering MBeans", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the scrape was abandoned; the discovery itself goes on
      throw new StillDiscovering("JMX target " + target + ": interrupted while waiting for its MBean discovery");
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

  /** Lists the sources' MBeans (and asks new every-attribute MBeans what they hold), by {@code deadline}. */
  private Discovery discover(MBeanServerConnection connection, long deadline) throws CollectException {
    List<Future<Set<ObjectName>>> queries = new ArrayList<>();
    for (JmxSource s : sources) queries.add(readers.submit(() -> connection.queryNames(s.pattern, null)));
    List<Bean> found = new ArrayList<>();
    Map<SeriesKey, Series> series = new HashMap<>();
    Map<JmxSource, Map<ObjectName, Bean>> stillKnown = new HashMap<>();
    List<Future<Bean>> infos = new ArrayList<>();
    for (int q = 0; q < sources.size(); q++) {
      JmxSource s = sources.get(q);
      Set<ObjectName> names = await(queries.get(q), deadline, discoveryTimeoutMs, "listing MBeans " + s.pattern);
      if (!s.everyAttribute) {
        for (ObjectName name : names) {
          Series[] of = new Series[s.attributes.length];
          for (int i = 0; i < of.length; i++) {
            SeriesKey key = key(s, name, i);
            of[i] = series.get(key);
            if (of[i] == null) series.put(key, of[i] = new Series(key, s.kinds[i]));
          }
          found.add(new Bean(s, name, s.attributes, of));
        }
        continue;
      }
      Map<ObjectName, Bean> before = known.getOrDefault(s, Collections.<ObjectName, Bean>emptyMap());
      Map<ObjectName, Bean> now = new HashMap<>();
      stillKnown.put(s, now);
      for (ObjectName name : names) {
        Bean b = before.get(name);
        if (b != null) {
          now.put(name, b);
          if (b.attributes.length > 0) found.add(b);
          continue;
        }
        // First seen: which of its attributes may hold numbers (asked once, several in flight).
        infos.add(readers.submit(() -> {
          try {
            return everyAttributeBean(s, name, connection.getMBeanInfo(name));
          } catch (InstanceNotFoundException gone) {
            return null;
          }
        }));
      }
    }
    for (Future<Bean> f : infos) {
      Bean b = await(f, deadline, discoveryTimeoutMs, "reading MBean info");
      if (b == null) continue;
      stillKnown.get(b.source).put(b.name, b);
      if (b.attributes.length > 0) found.add(b);
    }
    return new Discovery(found, stillKnown);
  }

  private Bean everyAttributeBean(JmxSource s, ObjectName name, MBeanInfo info) {
    List<String> names = new ArrayList<>();
    for (MBeanAttributeInfo a : info.getAttributes()) {
      if (a.isReadable() && JmxSource.numericType(a.getType())) names.add(a.getName());
    }
    Series[] series = new Series[names.size()];
    for (int i = 0; i < series.length; i++) {
      series[i] = new Series(everyKey(s, name, names.get(i), null), JmxSource.meterAttributeKind(names.get(i)));
    }
    return new Bean(s, name, names.toArray(new String[0]), series);
  }

  /**
   * One getAttributes per discovered MBean, {@code parallelReads} readers taking the next MBean
   * as each finishes; the results in discovery order ({@link #GONE} for an MBean that vanished).
   */
  private AttributeList[] read(long deadline) throws CollectException {
    List<Bean> beans = discovered;
    AttributeList[] results = new AttributeList[beans.size()];
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < Math.min(parallelReads, beans.size()); w++) {
      workers.add(readers.submit(() -> {
        for (int n = next.getAndIncrement(); n < results.length; n = next.getAndIncrement()) {
          Bean b = beans.get(n);
          try {
            results[n] = connection.getAttributes(b.name, b.attributes);
          } catch (InstanceNotFoundException gone) {
            results[n] = GONE;
          }
        }
        return null;
      }));
    }
    try {
      for (Future<Void> w : workers) await(w, deadline, timeoutMs, "reading attributes");
    } finally {
      next.set(results.length); // after a failure the other readers take nothing more
    }
    return results;
  }

  /** Adds the numbers of one MBean's attributes to their series. */
  private void add(Bean b, AttributeList list, List<Series> touched) {
    JmxSource s = b.source;
    int at = 0;
    for (Attribute a : list.asList()) {
      if (!s.everyAttribute) {
        for (int i = 0; i < s.attributes.length; i++) {
          if (!s.attributes[i].equals(a.getName())) continue;
          Double v = number(a.getValue(), s.items[i]);
          if (v != null) b.series[i].add(v, touched); // not a number: nothing to store
        }
        continue;
      }
      // Every-attribute sources: values come back in the order asked, the failed ones left out.
      int i = indexOf(b.attributes, a.getName(), at);
      if (i < 0) continue;
      at = i + 1;
      Object value = a.getValue();
      if (value instanceof CompositeData) {
        CompositeData composite = (CompositeData) value;
        for (String item : composite.getCompositeType().keySet()) {
          Double v = number(composite.get(item), null);
          if (v != null) item(b, a.getName(), item).add(v, touched);
        }
      } else {
        Double v = number(value, null);
        if (v != null) b.series[i].add(v, touched);
      }
    }
  }

  private static int indexOf(String[] names, String name, int from) {
    for (int i = 0; i < names.length; i++) {
      int j = (from + i) % names.length;
      if (names[j].equals(name)) return j;
    }
    return -1;
  }

  private Series item(Bean b, String attribute, String item) {
    if (b.items == null) b.items = new HashMap<>();
    Map<String, Series> of = b.items.get(attribute);
    if (of == null) b.items.put(attribute, of = new HashMap<>());
    Series s = of.get(item);
    if (s == null) of.put(item, s = new Series(everyKey(b.source, b.name, attribute, item), SeriesKind.GAUGE));
    return s;
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
    return await(readers.submit(call), deadline, timeoutMs, what);
  }

  /** @param budgetMs the time the deadline allowed, for the message */
  private <T> T await(Future<T> f, long deadline, long budgetMs, String what) throws CollectException {
    try {
      return f.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new CollectException("JMX target " + target + ": no answer within " + budgetMs + " ms while " + what);
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
    if (discovering != null) discovering.cancel(true);
    discovering = null;
    vanished = false;
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
    discoverer.shutdownNow();
    readers.shutdownNow();
  }
}
