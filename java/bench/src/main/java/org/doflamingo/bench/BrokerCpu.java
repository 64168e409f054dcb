package org.doflamingo.bench;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The broker JVM's own CPU time (java.lang:type=OperatingSystem ProcessCpuTime), over a connection
 * of its own, and the rate it burns while nobody scrapes (Kafka's own background work).
 */
public final class BrokerCpu implements AutoCloseable {
  private static final ObjectName OS = name("java.lang:type=OperatingSystem");
  private final JMXConnector connector;
  private final MBeanServerConnection connection;
  /** Set by the bench from {@link #idle(long)}: subtracted from what a scrape costs the broker. */
  double idle;

  public BrokerCpu(String host, int port) throws Exception {
    connector = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi"));
    connection = connector.getMBeanServerConnection();
  }

  public long nanos() throws Exception {
    return ((Number) connection.getAttribute(OS, "ProcessCpuTime")).longValue();
  }

  /** CPU the broker spends while nobody scrapes it, ns per ns of wall time, over {@code ms}. */
  public double idle(long ms) throws Exception {
    long cpu = nanos();
    long wall = System.nanoTime();
    Thread.sleep(ms);
    return (double) (nanos() - cpu) / (System.nanoTime() - wall);
  }

  private static ObjectName name(String n) {
    try {
      return new ObjectName(n);
    } catch (javax.management.MalformedObjectNameException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void close() throws Exception {
    connector.close();
  }
}
