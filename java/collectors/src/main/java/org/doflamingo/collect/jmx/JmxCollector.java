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
import org.doflamingo.collect.Exclusions;
import org.doflamingo.collect.NoAnswerInTime;
import org.doflamingo.collect.Scrape;
import org.doflamingo.collect.StillStarting;
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
 *
 * <p>Partition-level MBeans (those with a {@code partition} key: a broker's {@code kafka.log}
 * sizes and offsets, its partition states) are read at the partition cadence: they are cut into
 * {@code partitionSlices} slices by topic and partition, and each scrape reads one slice besides
 * every other MBean, so a 20,000-partition broker costs a scrape a twentieth of its MBeans and
 * each partition series gets a value every {@code partitionSlices} scrapes (always the same ones:
 * a partition's slice never changes).
 *
 * <p>First contact (connecting, the first discovery) runs on its own thread with its own budget,
 * longer than a scrape's: meanwhile scrapes throw {@link StillStarting}, which is no failure. The
 * MBeans found are kept across reconnections, so a broker that restarts is read again at its first
 * scrape after it answers, without waiting for another discovery.
 * Not thread-safe: the scheduler runs one scrape of a target at a time.
 */
public final class JmxCollector implements Collector {
  /** How a target is read beyond its address: budgets, parallelism, cadences, exclusions. */
  public static final class Options {
    final long timeoutMs;
    final int parallelReads;
    final int partitionSlices;
    final int rediscoverEvery;
    final long firstContactMs;
    final Exclusions exclusions;

    private Options(long timeoutMs, int parallelReads, int partitionSlices, int rediscoverEvery, long firstContactMs,
        Exclusions exclusions) {
      this.timeoutMs = timeoutMs;
      this.parallelReads = Math.max(1, parallelReads);
      this.partitionSlices = Math.max(1, partitionSlices);
      this.rediscoverEvery = Math.max(1, rediscoverEvery);
      this.firstContactMs = firstContactMs;
      this.exclusions = exclusions;
    }

    /**
     * Every MBean every scrape, MBeans listed again every 30 scrapes, first contact given 20 scrape
     * timeouts (at least 60 s), nothing excluded.
     * @param parallelReads getAttributes calls in flight at once on the connection
     */
    public static Options of(long timeoutMs, int parallelReads) {
      return new Options(timeoutMs, parallelReads, 1, 30, Math.max(60_000, 20 * timeoutMs), Exclusions.NONE);
    }

    /**
     * Partition-level MBeans read in {@code slices} turns (the partition cadence in scrapes), and
     * the MBeans listed again once per partition cadence.
     */
    public Options partitionSlices(int slices) {
      return new Options(timeoutMs, parallelReads, slices, slices > 1 ? slices : rediscoverEvery, firstContactMs, exclusions);
    }

    /** The budget of connecting and first discovery, apart from any scrape's. */
    public Options firstContactMs(long ms) {
      return new Options(timeoutMs, parallelReads, partitionSlices, rediscoverEvery, ms, exclusions);
    }

    /** MBeans whose {@code topic} key names a topic excluded in the target's {@code cluster} label are not read. */
    public Options exclusions(Exclusions e) {
      return new Options(timeoutMs, parallelReads, partitionSlices, rediscoverEvery, firstContactMs, e);
    }
  }

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
  private final int partitionSlices;
  private final Exclusions exclusions;
  private final ExecutorService readers;
  /** The discovery's own readers: a long listing must never hold up a scrape's attribute reads. */
  private final ExecutorService lookups;
  /** Calls to the target (queryNames, getMBeanInfo, getAttributes) since the last scrape ended. */
  private final AtomicInteger calls = new AtomicInteger();
  private int lastCalls = -1;
  private long scrapes;

  private JMXConnector connector;
  private MBeanServerConnection connection;
  /** A first connection under way, on the discovery thread (a reconnection is a scrape's). */
  private Future<JMXConnector> connecting;
  private long firstContactStartMs;
  /** A scrape has read the target: later (re)connections get no first-contact grace. */
  private boolean contacted;
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
  private final long firstContactMs;
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
    /** The slice of a partition-level MBean (read every partitionSlices scrapes), -1 for one read every scrape. */
    final int slice;
    /** Every-attribute sources: the series of composite items by attribute and item, made when first read. */
    Map<String, Map<String, Series>> items;

    Bean(JmxSource source, ObjectName name, String[] attributes, Series[] series, int slices) {
      this.source = source;
      this.name = name;
      this.attributes = attributes;
      this.series = series;
      String partition = name.getKeyProperty("partition");
      // By topic and partition: every MBean of a partition in one slice, so that summed series are whole.
      this.slice = partition == null ? -1 : Math.floorMod((name.getKeyProperty("topic") + "/" + partition).hashCode(), slices);
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
    this(host, port, credentials, ssl, sources, targetLabels, Options.of(timeoutMs, parallelReads));
  }

  /** @param targetLabels labels every series of this target carries, e.g. cluster and broker */
  public JmxCollector(String host, int port, Credentials credentials, boolean ssl, List<JmxSource> sources,
      Map<String, String> targetLabels, Options options) throws CollectException {
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
    this.timeoutMs = options.timeoutMs;
    this.rediscoverEvery = options.rediscoverEvery;
    this.parallelReads = options.parallelReads;
    this.partitionSlices = options.partitionSlices;
    this.exclusions = options.exclusions;
    this.readers = Executors.newFixedThreadPool(this.parallelReads, r -> {
      Thread t = new Thread(r, "doflamingo-jmx-" + target);
      t.setDaemon(true);
      return t;
    });
    this.lookups = Executors.newFixedThreadPool(this.parallelReads, r -> {
      Thread t = new Thread(r, "doflamingo-jmx-lookup-" + target);
      t.setDaemon(true);
      return t;
    });
    // its own thread: a discovery waits for the lookups' answers, so it must never take a reader's place
    this.discoverer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "doflamingo-jmx-discovery-" + target);
      t.setDaemon(true);
      return t;
    });
    this.firstContactMs = options.firstContactMs;
    this.discoveryTimeoutMs = Math.max(firstContactMs, 20 * timeoutMs);
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
    try {
      scrapeInto(out);
    } finally {
      lastCalls = calls.getAndSet(0);
    }
  }

  /** MBean calls the last scrape made (attribute reads, and the discovery calls of a discovery it took up). */
  @Override
  public int lastScrapeCalls() {
    return lastCalls;
  }

  private void scrapeInto(Scrape out) throws CollectException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    try {
      if (connection == null && inFirstContact()) {
        firstContact(deadline);
      } else if (connection == null) {
        connect(deadline);
      }
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
          throw new StillStarting("JMX target " + target + ": still discovering its MBeans after the scrape's "
              + timeoutMs + " ms; the discovery goes on (up to " + discoveryTimeoutMs / 1000 + " s) and collection starts when it ends");
        }
      }
      List<Bean> due = dueNow();
      AttributeList[] results = read(due, deadline);
      // Several MBeans may land on one series (Kafka's request metrics per API version): summed.
      List<Series> touched = new ArrayList<>();
      try {
        for (int n = 0; n < results.length; n++) {
          if (results[n] == GONE) {
            vanished = true;
          } else {
            add(due.get(n), results[n], touched);
          }
        }
        for (Series s : touched) out.add(s.key, s.kind, s.sum);
      } finally {
        for (Series s : touched) s.seen = false;
      }
      if (vanished) scrapesSinceDiscovery = rediscoverEvery; // a topic or partition went away: look again
      contacted = true;
      scrapes++;
    } catch (StillStarting e) {
      throw e; // not a failure: the connection and the discovery are kept
    } catch (CollectException e) {
      disconnect();
      throw e;
    }
  }

  /** The MBeans this scrape reads: every one without a partition, and this scrape's slice of the others. */
  private List<Bean> dueNow() {
    if (partitionSlices == 1) return discovered;
    int slice = (int) (scrapes % partitionSlices);
    List<Bean> due = new ArrayList<>();
    for (Bean b : discovered) if (b.slice < 0 || b.slice == slice) due.add(b);
    return due;
  }

  /**
   * Whether the target was never read and the first contact's budget, counted from the first
   * attempt, is not spent: the grace is given once, so a target that keeps failing cannot flap
   * between starting and DOWN.
   */
  private boolean inFirstContact() {
    return !contacted && (connecting != null || firstContactStartMs == 0
        || System.currentTimeMillis() - firstContactStartMs < firstContactMs);
  }

  /**
   * Connects for the first time, on the discovery thread and within the first contact's budget:
   * a target that refuses fails at once, one slow to answer is {@link StillStarting} until the
   * budget is spent.
   */
  private void firstContact(long deadline) throws CollectException {
    if (connecting == null) {
      if (firstContactStartMs == 0) firstContactStartMs = System.currentTimeMillis();
      connecting = discoverer.submit(() -> JMXConnectorFactory.connect(url, environment));
    }
    JMXConnector c;
    try {
      c = connecting.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      if (System.currentTimeMillis() - firstContactStartMs < firstContactMs) {
        throw new StillStarting("JMX target " + target + ": still connecting (first contact, up to " + firstContactMs / 1000 + " s)");
      }
      connecting.cancel(true);
      connecting = null;
      throw new CollectException("JMX target " + target + ": no answer within " + firstContactMs + " ms while connecting");
    } catch (ExecutionException e) {
      connecting = null;
      Throwable cause = e.getCause();
      String message = reason(cause);
      throw new CollectException("JMX target " + target + ": " + message + " while connecting", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the scrape was abandoned; the connection attempt goes on
      throw new StillStarting("JMX target " + target + ": interrupted while waiting for its first connection");
    }
    connecting = null;
    adopt(c);
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
      throw new StillStarting("JMX target " + target + ": interrupted while waiting for its MBean discovery");
    }
  }

  private void connect(long deadline) throws CollectException {
    adopt(bounded(deadline, "connecting", () -> JMXConnectorFactory.connect(url, environment)));
  }

  private void adopt(JMXConnector c) throws CollectException {
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
    for (JmxSource s : sources) {
      calls.incrementAndGet();
      queries.add(lookups.submit(() -> connection.queryNames(s.pattern, null)));
    }
    List<Bean> found = new ArrayList<>();
    Map<SeriesKey, Series> series = new HashMap<>();
    Map<JmxSource, Map<ObjectName, Bean>> stillKnown = new HashMap<>();
    List<Future<Bean>> infos = new ArrayList<>();
    for (int q = 0; q < sources.size(); q++) {
      JmxSource s = sources.get(q);
      Set<ObjectName> names = await(queries.get(q), deadline, discoveryTimeoutMs, "listing MBeans " + s.pattern);
      names.removeIf(this::excluded);
      if (!s.everyAttribute) {
        for (ObjectName name : names) {
          Series[] of = new Series[s.attributes.length];
          for (int i = 0; i < of.length; i++) {
            SeriesKey key = key(s, name, i);
            of[i] = series.get(key);
            if (of[i] == null) series.put(key, of[i] = new Series(key, s.kinds[i]));
          }
          found.add(new Bean(s, name, s.attributes, of, partitionSlices));
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
        calls.incrementAndGet();
        infos.add(lookups.submit(() -> {
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
    return new Bean(s, name, names.toArray(new String[0]), series, partitionSlices);
  }

  /**
   * Whether the MBean is a partition-level one of a topic excluded in this target's cluster;
   * topic-level MBeans of such a topic (internal topics' BrokerTopicMetrics) are still read.
   */
  private boolean excluded(ObjectName name) {
    String cluster = targetLabels.get("cluster");
    String topic = name.getKeyProperty("topic");
    if (cluster == null || topic == null || name.getKeyProperty("partition") == null) return false;
    return exclusions.excludesTopic(cluster, topic.startsWith("\"") ? ObjectName.unquote(topic) : topic);
  }

  /**
   * One getAttributes per MBean of {@code beans}, {@code parallelReads} readers taking the next
   * MBean as each finishes; the results in their order ({@link #GONE} for an MBean that vanished).
   */
  private AttributeList[] read(List<Bean> beans, long deadline) throws CollectException {
    calls.addAndGet(beans.size());
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

  /** What went wrong, in one line (RMI's own messages nest their causes on new lines). */
  private static String reason(Throwable cause) {
    if (cause instanceof SecurityException) return "credentials refused";
    return String.valueOf(cause).replaceAll("\\s+", " ").trim();
  }

  /** @param budgetMs the time the deadline allowed, for the message */
  private <T> T await(Future<T> f, long deadline, long budgetMs, String what) throws CollectException {
    try {
      return f.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new NoAnswerInTime("JMX target " + target + ": no answer within " + budgetMs + " ms while " + what);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String message = reason(cause);
      throw new CollectException("JMX target " + target + ": " + message + " while " + what, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectException("JMX target " + target + ": interrupted while " + what, e);
    }
  }

  /**
   * Drops the connection after a failure. The MBeans found are kept (a restarted broker has the
   * same ones: they are read at once when it answers again) and listed again on the new connection.
   */
  private void disconnect() {
    if (discovering != null) discovering.cancel(true);
    discovering = null;
    if (connecting != null) connecting.cancel(true);
    connecting = null;
    vanished = false;
    if (connector != null) closeQuietly(connector);
    connector = null;
    connection = null;
    scrapesSinceDiscovery = rediscoverEvery;
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
    lookups.shutdownNow();
    readers.shutdownNow();
  }
}
