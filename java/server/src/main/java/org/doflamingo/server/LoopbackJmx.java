package org.doflamingo.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;

/**
 * This JVM's MBeans over JMX on 127.0.0.1 only, without login: for the demo, whose consumer group
 * runs in this JVM, so that Doflamingo watches it as a Kafka client JVM (fetch rate, records
 * consumed) the way it would watch an operator's consumers. Registry and connector share one port,
 * both bound to loopback; never used outside the demo.
 */
final class LoopbackJmx implements AutoCloseable {
  private final Registry registry;
  private final JMXConnectorServer server;
  private final int port;

  private LoopbackJmx(Registry registry, JMXConnectorServer server, int port) {
    this.registry = registry;
    this.server = server;
    this.port = port;
  }

  static LoopbackJmx start() throws IOException {
    // the stubs the registry hands out must name loopback too, not this host's first address
    if (System.getProperty("java.rmi.server.hostname") == null) System.setProperty("java.rmi.server.hostname", "127.0.0.1");
    RMIServerSocketFactory loopback = new LoopbackSockets();
    int port;
    try (ServerSocket probe = loopback.createServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Registry registry = LocateRegistry.createRegistry(port, null, loopback);
    Map<String, Object> env = new HashMap<>();
    env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, loopback);
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(url, env, ManagementFactory.getPlatformMBeanServer());
    try {
      server.start();
    } catch (IOException e) {
      UnicastRemoteObject.unexportObject(registry, true);
      throw e;
    }
    return new LoopbackJmx(registry, server, port);
  }

  int port() {
    return port;
  }

  @Override
  public void close() throws IOException {
    try {
      server.stop();
    } finally {
      try {
        UnicastRemoteObject.unexportObject(registry, true);
      } catch (NoSuchObjectException alreadyGone) {
        // nothing left to close
      }
    }
  }

  /** Server sockets on 127.0.0.1; equal to one another, so RMI shares one port between registry and connector. */
  private static final class LoopbackSockets implements RMIServerSocketFactory {
    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof LoopbackSockets;
    }

    @Override
    public int hashCode() {
      return LoopbackSockets.class.hashCode();
    }
  }
}
