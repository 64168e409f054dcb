package org.doflamingo.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A ZooKeeper ensemble: its servers with client, AdminServer and JMX ports. */
public final class ZooKeeperEnsembleConfig {
  /** One server. Ports left out of the configuration are 0: that source is not read. */
  public static final class Server {
    public final String host;
    public final int clientPort;
    public final int adminPort;
    public final int jmxPort;

    Server(String host, int clientPort, int adminPort, int jmxPort) {
      this.host = host;
      this.clientPort = clientPort;
      this.adminPort = adminPort;
      this.jmxPort = jmxPort;
    }

    @Override
    public String toString() {
      return "Server{" + host + ", client " + clientPort + ", admin " + adminPort + ", jmx " + jmxPort + "}";
    }
  }

  public final String name;
  public final List<Server> servers;
  public final Credentials jmx;

  private ZooKeeperEnsembleConfig(String name, List<Server> servers, Credentials jmx) {
    this.name = name;
    this.servers = Collections.unmodifiableList(servers);
    this.jmx = jmx;
  }

  static ZooKeeperEnsembleConfig read(Node n) throws ConfigException {
    n.only("name", "servers", "jmx");
    String name = n.text("name");
    List<Server> servers = new ArrayList<>();
    for (Node s : n.objects("servers")) {
      s.only("host", "clientPort", "adminPort", "jmxPort");
      servers.add(new Server(s.text("host"), s.optPort("clientPort", 2181), s.optPort("adminPort", 0), s.optPort("jmxPort", 0)));
    }
    if (servers.isEmpty()) throw n.error("servers", "an ensemble needs at least one server");
    Node jmx = n.optObject("jmx");
    return new ZooKeeperEnsembleConfig(name, servers, jmx == null ? null : Credentials.read(jmx));
  }

  @Override
  public String toString() {
    return "ZooKeeperEnsemble{" + name + ", " + servers + (jmx != null ? ", jmx " + jmx : "") + "}";
  }
}
