package org.doflamingo.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A ZooKeeper ensemble: its servers with client, AdminServer and JMX ports; where the servers
 * require TLS, the secure client port {@code mntr} is read on and the AdminServer over HTTPS, with
 * the ensemble's {@code "tls"} stores.
 */
public final class ZooKeeperEnsembleConfig {
  /** One server. Ports left out of the configuration are 0: that source is not read. */
  public static final class Server {
    public final String host;
    /** Names the server in its series ({@code host:clientPort}); mntr is read on it unless a secure port is given. */
    public final int clientPort;
    /** The TLS client port ({@code secureClientPort}) mntr is read on instead, or 0. */
    public final int secureClientPort;
    public final int adminPort;
    public final int jmxPort;

    Server(String host, int clientPort, int secureClientPort, int adminPort, int jmxPort) {
      this.host = host;
      this.clientPort = clientPort;
      this.secureClientPort = secureClientPort;
      this.adminPort = adminPort;
      this.jmxPort = jmxPort;
    }

    @Override
    public String toString() {
      return "Server{" + host + ", client " + clientPort + (secureClientPort > 0 ? ", secure client " + secureClientPort : "")
          + ", admin " + adminPort + ", jmx " + jmxPort + "}";
    }
  }

  public final String name;
  public final List<Server> servers;
  public final Credentials jmx;
  /** JMX over TLS (the JVM's trust, as for Kafka's {@code jmxSsl}). */
  public final boolean jmxSsl;
  /** The AdminServer is read over HTTPS ({@code admin.forceHttps} or port unification on the servers). */
  public final boolean adminHttps;
  /** Trust for the secure client port and the AdminServer's HTTPS; null: the JVM's. */
  public final TlsStore trustStore;
  /** The client certificate the secure client port asks for ({@code ssl.clientAuth}), or null. */
  public final TlsStore keyStore;

  private ZooKeeperEnsembleConfig(String name, List<Server> servers, Credentials jmx, boolean jmxSsl, boolean adminHttps,
      TlsStore trustStore, TlsStore keyStore) {
    this.name = name;
    this.servers = Collections.unmodifiableList(servers);
    this.jmx = jmx;
    this.jmxSsl = jmxSsl;
    this.adminHttps = adminHttps;
    this.trustStore = trustStore;
    this.keyStore = keyStore;
  }

  static ZooKeeperEnsembleConfig read(Node n) throws ConfigException {
    n.only("name", "servers", "jmx", "jmxSsl", "adminHttps", "tls");
    String name = n.text("name");
    List<Server> servers = new ArrayList<>();
    boolean secure = false;
    for (Node s : n.objects("servers")) {
      s.only("host", "clientPort", "secureClientPort", "adminPort", "jmxPort");
      Server server = new Server(s.text("host"), s.optPort("clientPort", 2181), s.optPort("secureClientPort", 0),
          s.optPort("adminPort", 0), s.optPort("jmxPort", 0));
      secure |= server.secureClientPort > 0;
      servers.add(server);
    }
    if (servers.isEmpty()) throw n.error("servers", "an ensemble needs at least one server");
    boolean adminHttps = n.optBoolean("adminHttps", false);
    TlsStore trust = null;
    TlsStore key = null;
    Node tls = n.optObject("tls");
    if (tls != null) {
      if (!secure && !adminHttps) throw n.error("tls", "used by nothing: give a server a secureClientPort, or adminHttps: true");
      tls.only("trustStore", "keyStore");
      Node t = tls.optObject("trustStore");
      Node k = tls.optObject("keyStore");
      trust = t == null ? null : javaStore(t, TlsStore.read(t, false));
      key = k == null ? null : javaStore(k, TlsStore.read(k, true));
    }
    Node jmx = n.optObject("jmx");
    return new ZooKeeperEnsembleConfig(name, servers, jmx == null ? null : Credentials.read(jmx), n.optBoolean("jmxSsl", false),
        adminHttps, trust, key);
  }

  /** Java reads PKCS12 and JKS stores itself; PEM is Kafka's own addition. */
  private static TlsStore javaStore(Node n, TlsStore s) throws ConfigException {
    if (s.type.equals("PEM")) throw n.error("type", "expected PKCS12 or JKS here (Java reads no PEM store), got \"PEM\"");
    return s;
  }

  @Override
  public String toString() {
    return "ZooKeeperEnsemble{" + name + ", " + servers + (jmx != null ? ", jmx " + jmx : "") + (jmxSsl ? ", jmx over TLS" : "")
        + (adminHttps ? ", AdminServer over HTTPS" : "") + (trustStore != null ? ", trust " + trustStore : "")
        + (keyStore != null ? ", key " + keyStore : "") + "}";
  }
}
