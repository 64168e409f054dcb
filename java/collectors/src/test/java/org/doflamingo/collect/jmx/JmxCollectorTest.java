package org.doflamingo.collect.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.MBeanServerForwarder;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.Scrape;
import org.doflamingo.collect.StillStarting;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The collector against a real JMX connector server on loopback, serving Kafka-shaped MBeans. */
class JmxCollectorTest {
  public interface GaugeMBean {
    double getValue();
  }

  public interface MeterMBean {
    long getCount();

    double getOneMinuteRate();
  }

  public static final class Gauge implements GaugeMBean {
    volatile double value;

    Gauge(double value) {
      this.value = value;
    }

    @Override
    public double getValue() {
      return value;
    }
  }

  public static final class Meter implements MeterMBean {
    volatile long count;

    Meter(long count) {
      this.count = count;
    }

    @Override
    public long getCount() {
      return count;
    }

    @Override
    public double getOneMinuteRate() {
      return 1.5;
    }
  }

  static final class Recorder implements Scrape {
    final Map<SeriesKey, Double> values = new HashMap<>();
    final Map<SeriesKey, SeriesKind> kinds = new HashMap<>();

    @Override
    public void add(SeriesKey key, SeriesKind kind, double value) {
      values.put(key, value);
      kinds.put(key, kind);
    }

    @Override
    public long timeMillis() {
      return 0;
    }
  }

  MBeanServer server;
  JMXConnectorServer connector;
  Registry registry;
  int port;
  List<JmxSource> sources;

  @BeforeEach
  void start() throws Exception {
    server = MBeanServerFactory.newMBeanServer();
    server.registerMBean(new StandardMBean(new Gauge(0), GaugeMBean.class),
        new ObjectName("kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions"));
    server.registerMBean(new StandardMBean(new Meter(100), MeterMBean.class),
        new ObjectName("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec"));
    for (String topic : new String[] {"orders", "odd\"topic<script>"}) {
      server.registerMBean(new StandardMBean(new Meter(40), MeterMBean.class),
          new ObjectName("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=" + ObjectName.quote(topic)));
    }
    for (int version = 8; version <= 9; version++) {
      server.registerMBean(new StandardMBean(new Meter(version), MeterMBean.class),
          new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,request=Produce,version=" + version));
    }
    for (int p = 0; p < 3; p++) {
      server.registerMBean(new StandardMBean(new Gauge(1000 + p), GaugeMBean.class),
          new ObjectName("kafka.log:type=Log,name=Size,topic=orders,partition=" + p));
    }
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    registry = LocateRegistry.createRegistry(port);
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    connector = JMXConnectorServerFactory.newJMXConnectorServer(url, null, server);
    connector.start();
    sources = JmxSource.of(MetricCatalogue.load().of("kafka-broker"));
  }

  @AfterEach
  void stop() throws Exception {
    if (connector.isActive()) connector.stop();
    UnicastRemoteObject.unexportObject(registry, true);
  }

  JmxCollector collector(long timeoutMs) throws CollectException {
    Map<String, String> labels = new HashMap<>();
    labels.put("cluster", "test");
    labels.put("broker", "1");
    return new JmxCollector("127.0.0.1", port, null, false, sources, labels, timeoutMs, 4);
  }

  @Test
  void readsGaugesCountersAndLabelsFromPatterns() throws Exception {
    try (JmxCollector c = collector(5000)) {
      Recorder r = new Recorder();
      c.scrape(r);
      SeriesKey urp = SeriesKey.of("kafka.server.ReplicaManager.UnderReplicatedPartitions", "cluster", "test", "broker", "1");
      assertEquals(0.0, r.values.get(urp));
      assertEquals(SeriesKind.GAUGE, r.kinds.get(urp));
      SeriesKey all = SeriesKey.of("kafka.server.BrokerTopicMetrics.MessagesInPerSec", "cluster", "test", "broker", "1");
      assertEquals(100.0, r.values.get(all));
      assertEquals(SeriesKind.COUNTER, r.kinds.get(all));
      SeriesKey odd = SeriesKey.of("kafka.server.BrokerTopicMetrics.MessagesInPerSec", "cluster", "test", "broker", "1",
          "topic", "odd\"topic<script>");
      assertEquals(40.0, r.values.get(odd), "quoted ObjectName values come back as the topic's real name");
      SeriesKey produce = SeriesKey.of("kafka.network.RequestMetrics.RequestsPerSec", "cluster", "test", "broker", "1",
          "request", "Produce");
      assertEquals(17.0, r.values.get(produce), "per-version request metrics are summed");
      for (int p = 0; p < 3; p++) {
        assertEquals(1000.0 + p, r.values.get(SeriesKey.of("kafka.log.Log.Size", "cluster", "test", "broker", "1",
            "topic", "orders", "partition", String.valueOf(p))));
      }
      assertEquals(9, c.mbeanCount());
    }
  }

  public interface MixedMBean {
    String getName();

    int getThreads();

    boolean isUp();

    Object getValue();

    javax.management.openmbean.CompositeData getUsage();

    long[] getIds();
  }

  public static final class Mixed implements MixedMBean {
    @Override
    public String getName() {
      return "not a number";
    }

    @Override
    public int getThreads() {
      return 8;
    }

    @Override
    public boolean isUp() {
      return true;
    }

    @Override
    public Object getValue() {
      return "a gauge holding text";
    }

    @Override
    public javax.management.openmbean.CompositeData getUsage() {
      try {
        javax.management.openmbean.CompositeType type = new javax.management.openmbean.CompositeType("usage", "usage",
            new String[] {"used", "max", "note"}, new String[] {"used", "max", "note"},
            new javax.management.openmbean.OpenType<?>[] {javax.management.openmbean.SimpleType.LONG,
                javax.management.openmbean.SimpleType.LONG, javax.management.openmbean.SimpleType.STRING});
        return new javax.management.openmbean.CompositeDataSupport(type, new String[] {"used", "max", "note"},
            new Object[] {10L, 20L, "text"});
      } catch (javax.management.openmbean.OpenDataException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public long[] getIds() {
      return new long[] {1, 2};
    }
  }

  @Test
  void everyNumericAttributeOfEveryMBean() throws Exception {
    server.registerMBean(new StandardMBean(new Mixed(), MixedMBean.class), new ObjectName("app:type=Pool,name=\"a,b\""));
    sources = java.util.Collections.singletonList(JmxSource.everyNumericAttribute(new ObjectName("*:*")));
    try (JmxCollector c = collector(5000)) {
      Recorder r = new Recorder();
      c.scrape(r);
      assertEquals(10, c.mbeanCount(), "every MBean with a numeric attribute (the server delegate has only text)");
      SeriesKey threads = SeriesKey.of("app", "cluster", "test", "broker", "1", "type", "Pool", "name", "a,b",
          "attribute", "Threads");
      assertEquals(8.0, r.values.get(threads));
      assertEquals(SeriesKind.GAUGE, r.kinds.get(threads));
      assertEquals(1.0, r.values.get(SeriesKey.of("app", "cluster", "test", "broker", "1", "type", "Pool", "name", "a,b",
          "attribute", "Up")));
      assertEquals(20.0, r.values.get(SeriesKey.of("app", "cluster", "test", "broker", "1", "type", "Pool", "name", "a,b",
          "attribute", "Usage", "item", "max")));
      long app = r.values.keySet().stream().filter(k -> k.name().equals("app")).count();
      assertEquals(4, app, "strings, text in an Object attribute, arrays and text items are no numbers: " + r.values.keySet());
      SeriesKey count = SeriesKey.of("kafka.server", "cluster", "test", "broker", "1", "type", "BrokerTopicMetrics",
          "name", "MessagesInPerSec", "topic", "orders", "attribute", "Count");
      assertEquals(40.0, r.values.get(count));
      assertEquals(SeriesKind.COUNTER, r.kinds.get(count));
      assertEquals(1.5, r.values.get(SeriesKey.of("kafka.server", "cluster", "test", "broker", "1", "type", "BrokerTopicMetrics",
          "name", "MessagesInPerSec", "topic", "orders", "attribute", "OneMinuteRate")));
      assertEquals(9.0, r.values.get(SeriesKey.of("kafka.network", "cluster", "test", "broker", "1", "type", "RequestMetrics",
          "name", "RequestsPerSec", "request", "Produce", "version", "9", "attribute", "Count")), "nothing summed in a full scrape");
      assertEquals(1002.0, r.values.get(SeriesKey.of("kafka.log", "cluster", "test", "broker", "1", "type", "Log",
          "name", "Size", "topic", "orders", "partition", "2", "attribute", "Value")));

      // MBeans that come and go are followed; the others keep their attribute lists
      server.unregisterMBean(new ObjectName("kafka.log:type=Log,name=Size,topic=orders,partition=2"));
      server.registerMBean(new StandardMBean(new Gauge(7), GaugeMBean.class),
          new ObjectName("kafka.log:type=Log,name=Size,topic=orders,partition=3"));
      c.scrape(new Recorder());
      r = new Recorder();
      c.scrape(r);
      assertEquals(7.0, r.values.get(SeriesKey.of("kafka.log", "cluster", "test", "broker", "1", "type", "Log",
          "name", "Size", "topic", "orders", "partition", "3", "attribute", "Value")));
      assertFalse(r.values.containsKey(SeriesKey.of("kafka.log", "cluster", "test", "broker", "1", "type", "Log",
          "name", "Size", "topic", "orders", "partition", "2", "attribute", "Value")));
      assertEquals(8.0, r.values.get(threads));
    }
  }

  @Test
  void vanishedAndNewMBeansAreFoundAgain() throws Exception {
    try (JmxCollector c = collector(5000)) {
      c.scrape(new Recorder());
      server.unregisterMBean(new ObjectName("kafka.log:type=Log,name=Size,topic=orders,partition=2"));
      server.registerMBean(new StandardMBean(new Gauge(7), GaugeMBean.class),
          new ObjectName("kafka.log:type=Log,name=Size,topic=orders,partition=3"));
      c.scrape(new Recorder()); // notices partition 2 is gone
      Recorder r = new Recorder();
      c.scrape(r);
      assertEquals(7.0, r.values.get(SeriesKey.of("kafka.log.Log.Size", "cluster", "test", "broker", "1",
          "topic", "orders", "partition", "3")));
      assertFalse(r.values.containsKey(SeriesKey.of("kafka.log.Log.Size", "cluster", "test", "broker", "1",
          "topic", "orders", "partition", "2")));
    }
  }

  /**
   * A restarted target is read at its first scrape with the MBeans found before, though listing
   * them takes longer than a scrape (a big broker): the rediscovery runs behind, so it never flaps.
   */
  @Test
  void aTargetThatGoesAwayIsAClearErrorAndComesBackReadAtOnce() throws Exception {
    try (JmxCollector c = collector(1000)) {
      c.scrape(new Recorder());
      connector.stop();
      CollectException e = assertThrows(CollectException.class, () -> c.scrape(new Recorder()));
      assertTrue(e.getMessage().startsWith("JMX target 127.0.0.1:" + port + ":"), e.getMessage());
      connector = JMXConnectorServerFactory.newJMXConnectorServer(
          new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi"), null, server);
      connector.setMBeanServerForwarder(listingSlowly(server, 3000));
      connector.start();
      Recorder r = new Recorder();
      c.scrape(r);
      assertEquals(1001.0, r.values.get(SeriesKey.of("kafka.log.Log.Size", "cluster", "test", "broker", "1",
          "topic", "orders", "partition", "1")), "read at once with the MBeans found before: no discovery to wait for");
    }
  }

  /**
   * A broker with tens of thousands of MBeans takes longer to list them than a scrape may last:
   * the discovery goes on past the scrape, on the same connection, and collection starts when it
   * ends (cut short by every scrape's deadline, it would never end).
   */
  @Test
  void aDiscoveryLongerThanAScrapeGoesOnAndCollectionStartsWhenItEnds() throws Exception {
    connector.stop();
    connector = JMXConnectorServerFactory.newJMXConnectorServer(
        new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi"), null, server);
    connector.setMBeanServerForwarder(listingSlowly(server, 1500));
    connector.start();
    try (JmxCollector c = collector(400)) {
      CollectException first = assertThrows(CollectException.class, () -> c.scrape(new Recorder()));
      assertTrue(first.getMessage().contains("still discovering its MBeans"), first.getMessage());
      Recorder r = new Recorder();
      long giveUp = System.currentTimeMillis() + 15_000;
      while (r.values.isEmpty()) {
        try {
          c.scrape(r);
        } catch (CollectException e) {
          assertTrue(e.getMessage().contains("still discovering"), e.getMessage());
          assertTrue(System.currentTimeMillis() < giveUp, "the discovery never ended");
        }
      }
      assertEquals(1001.0, r.values.get(SeriesKey.of("kafka.log.Log.Size", "cluster", "test", "broker", "1",
          "topic", "orders", "partition", "1")));
      assertEquals(1, connector.getConnectionIds().length, "one connection throughout: waiting for discovery dropped none");
    }
  }

  /** The server, its queryNames answering only once {@code ms} have passed since the first was asked. */
  private static MBeanServerForwarder listingSlowly(MBeanServer server, long ms) {
    long[] firstAsked = {0};
    return (MBeanServerForwarder) Proxy.newProxyInstance(JmxCollectorTest.class.getClassLoader(),
        new Class<?>[] {MBeanServerForwarder.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "getMBeanServer":
              return server;
            case "setMBeanServer":
              return null;
            case "queryNames":
              long wait;
              synchronized (firstAsked) {
                if (firstAsked[0] == 0) firstAsked[0] = System.currentTimeMillis();
                wait = firstAsked[0] + ms - System.currentTimeMillis();
              }
              if (wait > 0) Thread.sleep(wait);
              break;
            default:
              break;
          }
          try {
            return method.invoke(server, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void nobodyListeningIsAClearError() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (JmxCollector c = new JmxCollector("127.0.0.1", closed, null, false, sources, new HashMap<>(), 3000, 2)) {
      CollectException e = assertThrows(CollectException.class, () -> c.scrape(new Recorder()));
      assertTrue(e.getMessage().contains("127.0.0.1:" + closed), e.getMessage());
      assertTrue(Arrays.asList(e.getMessage().split(" ")).contains("connecting"), e.getMessage());
    }
  }

  /**
   * First contact has its own budget: a target that accepts but does not answer yet is still
   * starting (no failure) until the budget is spent, then fails naming it; later attempts fail
   * within the scrape's timeout.
   */
  @Test
  void aTargetThatAcceptsButNeverAnswersIsStartingUntilTheFirstContactBudgetEndsThenTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        JmxCollector c = new JmxCollector("127.0.0.1", silent.getLocalPort(), null, false, sources, new HashMap<>(),
            JmxCollector.Options.of(500, 2).firstContactMs(2000))) {
      long t0 = System.currentTimeMillis();
      StillStarting starting = assertThrows(StillStarting.class, () -> c.scrape(new Recorder()));
      assertTrue(starting.getMessage().contains("still connecting (first contact, up to 2 s)"), starting.getMessage());
      assertTrue(System.currentTimeMillis() - t0 < 2000, "each scrape is bounded by its own timeout");
      CollectException e = null;
      for (int attempt = 0; attempt < 20 && e == null; attempt++) {
        try {
          c.scrape(new Recorder());
        } catch (StillStarting stillStarting) {
          assertTrue(System.currentTimeMillis() - t0 < 2000 + 1000, "still starting past the budget: " + stillStarting.getMessage());
        } catch (CollectException failed) {
          e = failed;
        }
      }
      assertTrue(e != null && e.getMessage().contains("no answer within 2000 ms while connecting"), String.valueOf(e));
      assertTrue(System.currentTimeMillis() - t0 < 5000, "the budget bounds the first contact");
      // the collector keeps working for the next attempt: its reader threads were not lost
      assertThrows(CollectException.class, () -> c.scrape(new Recorder()));
    }
  }

  /** Partition-level MBeans are read one slice per scrape; every other MBean every scrape. */
  @Test
  void partitionMBeansAreReadInSlicesOverThePartitionCadence() throws Exception {
    // enough partitions that a slice is well below them all, besides the discovery's one listing per catalogue source
    int partitions = 120;
    for (int p = 3; p < partitions; p++) {
      server.registerMBean(new StandardMBean(new Gauge(1000 + p), GaugeMBean.class),
          new ObjectName("kafka.log:type=Log,name=Size,topic=orders,partition=" + p));
    }
    Map<String, String> labels = new HashMap<>();
    labels.put("cluster", "test");
    labels.put("broker", "1");
    int slices = 4;
    try (JmxCollector c = new JmxCollector("127.0.0.1", port, null, false, sources, labels,
        JmxCollector.Options.of(5000, 2).partitionSlices(slices))) {
      Map<Integer, Integer> readsOf = new HashMap<>();
      SeriesKey urp = SeriesKey.of("kafka.server.ReplicaManager.UnderReplicatedPartitions", "cluster", "test", "broker", "1");
      int mbeans = 0;
      for (int scrape = 0; scrape < 2 * slices; scrape++) {
        Recorder r = new Recorder();
        c.scrape(r);
        mbeans = c.mbeanCount();
        assertEquals(0.0, r.values.get(urp), "broker-level MBeans every scrape");
        int sizes = 0;
        for (int p = 0; p < partitions; p++) {
          if (r.values.containsKey(SeriesKey.of("kafka.log.Log.Size", "cluster", "test", "broker", "1", "topic", "orders",
              "partition", String.valueOf(p)))) {
            readsOf.merge(p, 1, Integer::sum);
            sizes++;
          }
        }
        assertTrue(sizes < partitions, "a scrape reads a slice, not every partition: " + sizes);
        int perScrapeCalls = c.lastScrapeCalls();
        assertTrue(perScrapeCalls < mbeans, "MBean reads " + perScrapeCalls + " of " + mbeans);
      }
      for (int p = 0; p < partitions; p++) assertEquals(2, readsOf.get(p), "partition " + p + " once per cadence: " + readsOf);
    }
  }

  /** The partitions of a topic the configuration excludes are not read from a broker's MBeans; its topic-level ones are. */
  @Test
  void excludedTopicsPartitionsAreNotRead() throws Exception {
    Map<String, String> labels = new HashMap<>();
    labels.put("cluster", "test");
    labels.put("broker", "1");
    org.doflamingo.collect.Exclusions noOdd = new org.doflamingo.collect.Exclusions() {
      @Override
      public boolean excludesTopic(String cluster, String topic) {
        return cluster.equals("test") && topic.equals("orders");
      }

      @Override
      public boolean excludesGroup(String cluster, String group) {
        return false;
      }
    };
    try (JmxCollector c = new JmxCollector("127.0.0.1", port, null, false, sources, labels,
        JmxCollector.Options.of(5000, 2).exclusions(noOdd))) {
      Recorder r = new Recorder();
      c.scrape(r);
      for (int p = 0; p < 3; p++) {
        assertFalse(r.values.containsKey(SeriesKey.of("kafka.log.Log.Size", "cluster", "test", "broker", "1", "topic", "orders",
            "partition", String.valueOf(p))));
      }
      assertEquals(40.0, r.values.get(SeriesKey.of("kafka.server.BrokerTopicMetrics.MessagesInPerSec", "cluster", "test", "broker", "1",
          "topic", "orders")));
    }
  }

  @Test
  void credentialsFromConfigurationAreSentAndWrongOnesRefused() throws Exception {
    connector.stop();
    Map<String, Object> env = new HashMap<>();
    env.put(JMXConnectorServer.AUTHENTICATOR, (javax.management.remote.JMXAuthenticator) credentials -> {
      String[] pair = (String[]) credentials;
      if (pair == null || !"monitor".equals(pair[0]) || !"s3cret".equals(pair[1])) throw new SecurityException("bad credentials");
      return new javax.security.auth.Subject();
    });
    connector = JMXConnectorServerFactory.newJMXConnectorServer(
        new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi"), env, server);
    connector.start();
    String json = "{\"storage\": {\"path\": \"d\"}, \"kafka\": [{\"name\": \"c\", \"brokers\": [{\"host\": \"h\", \"jmxPort\": 1}],"
        + " \"jmx\": {\"user\": \"monitor\", \"password\": \"PASSWORD\"}}]}";
    org.doflamingo.config.Credentials good =
        org.doflamingo.config.MonitorConfig.parse(json.replace("PASSWORD", "s3cret")).kafka.get(0).jmx;
    org.doflamingo.config.Credentials bad =
        org.doflamingo.config.MonitorConfig.parse(json.replace("PASSWORD", "wrong")).kafka.get(0).jmx;
    try (JmxCollector c = new JmxCollector("127.0.0.1", port, good, false, sources, new HashMap<>(), 5000, 2)) {
      Recorder r = new Recorder();
      c.scrape(r);
      assertFalse(r.values.isEmpty());
    }
    try (JmxCollector c = new JmxCollector("127.0.0.1", port, bad, false, sources, new HashMap<>(), 5000, 2)) {
      CollectException e = assertThrows(CollectException.class, () -> c.scrape(new Recorder()));
      assertTrue(e.getMessage().contains("credentials refused"), e.getMessage());
      assertFalse(e.getMessage().contains("wrong"), "the password never shows: " + e.getMessage());
    }
  }
}
