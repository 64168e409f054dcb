package org.doflamingo.collect.config;

/** A Flume agent: its HTTP JSON monitoring port and, optionally, JMX. */
public final class FlumeAgentConfig {
  public final String name;
  public final String host;
  public final int httpPort;
  public final int jmxPort;
  public final Credentials jmx;

  private FlumeAgentConfig(String name, String host, int httpPort, int jmxPort, Credentials jmx) {
    this.name = name;
    this.host = host;
    this.httpPort = httpPort;
    this.jmxPort = jmxPort;
    this.jmx = jmx;
  }

  static FlumeAgentConfig read(Node n) throws ConfigException {
    n.only("name", "host", "httpPort", "jmxPort", "jmx");
    String name = n.text("name");
    String host = n.text("host");
    int http = n.optPort("httpPort", 0);
    int jmxPort = n.optPort("jmxPort", 0);
    if (http == 0 && jmxPort == 0) throw n.error(null, "give httpPort (flume.monitoring.port) or jmxPort, or both");
    Node jmx = n.optObject("jmx");
    return new FlumeAgentConfig(name, host, http, jmxPort, jmx == null ? null : Credentials.read(jmx));
  }

  @Override
  public String toString() {
    return "FlumeAgent{" + name + ", " + host + ", http " + httpPort + ", jmx " + jmxPort + (jmx != null ? ", " + jmx : "") + "}";
  }
}
