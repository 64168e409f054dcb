package org.doflamingo.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A Flume agent: its HTTP JSON monitoring port and, optionally, JMX; optionally the agent's own
 * properties file ({@code configFile}, the file {@code flume-ng agent -f} reads) and its name in
 * that file ({@code agentName}, {@code flume-ng agent -n}; default: {@code name}), from which the
 * flow graph learns how the components are wired and where the sinks send.
 *
 * <p>The configuration file only names {@code configFile}; it is not read here. The file lives on
 * the Flume machine and is read (and re-read when it changes) when the flow graph is asked for:
 * an unreadable or broken one must not stop Doflamingo from collecting every other target, so it
 * is reported then, under this field's path ({@link #configFileField}), and that agent's graph
 * falls back to assumed wiring.
 */
public final class FlumeAgentConfig {
  public final String name;
  public final String host;
  public final int httpPort;
  public final int jmxPort;
  public final Credentials jmx;
  /** The agent's Flume properties file; null when not given. */
  public final Path configFile;
  /** The agent's name inside {@link #configFile} (the prefix of its keys). */
  public final String agentName;
  /** Where {@code configFile} was given, e.g. {@code flume[1].configFile}, for error messages. */
  public final String configFileField;

  private FlumeAgentConfig(String name, String host, int httpPort, int jmxPort, Credentials jmx, Path configFile,
      String agentName, String configFileField) {
    this.name = name;
    this.host = host;
    this.httpPort = httpPort;
    this.jmxPort = jmxPort;
    this.jmx = jmx;
    this.configFile = configFile;
    this.agentName = agentName;
    this.configFileField = configFileField;
  }

  static FlumeAgentConfig read(Node n) throws ConfigException {
    n.only("name", "host", "httpPort", "jmxPort", "jmx", "configFile", "agentName");
    String name = n.text("name");
    String host = n.text("host");
    int http = n.optPort("httpPort", 0);
    int jmxPort = n.optPort("jmxPort", 0);
    if (http == 0 && jmxPort == 0) throw n.error(null, "give httpPort (flume.monitoring.port) or jmxPort, or both");
    Node jmx = n.optObject("jmx");
    String file = n.optText("configFile", null);
    Path configFile = null;
    if (file != null) {
      try {
        configFile = Paths.get(file);
      } catch (InvalidPathException e) {
        throw n.error("configFile", "is not a valid path: " + e.getReason());
      }
    }
    String agentName = n.optText("agentName", name);
    // Flume splits its keys on dots and its lists on white space: such a name can have no key of its own.
    if (!agentName.matches("[^.\\s]+")) {
      throw n.error("agentName", "a Flume agent name has no dots or white space, got \"" + agentName + "\"");
    }
    if (file == null && n.has("agentName")) throw n.error("agentName", "is only used with configFile");
    String field = (n.path().isEmpty() ? "" : n.path() + ".") + "configFile";
    return new FlumeAgentConfig(name, host, http, jmxPort, jmx == null ? null : Credentials.read(jmx), configFile, agentName, field);
  }

  @Override
  public String toString() {
    return "FlumeAgent{" + name + ", " + host + ", http " + httpPort + ", jmx " + jmxPort + (jmx != null ? ", " + jmx : "")
        + (configFile != null ? ", config " + configFile + " (agent " + agentName + ")" : "") + "}";
  }
}
