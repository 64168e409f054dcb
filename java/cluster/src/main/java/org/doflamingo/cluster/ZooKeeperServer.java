package org.doflamingo.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.doflamingo.cluster.security.SecuredZooKeeper;

/** One ZooKeeper server (QuorumPeerMain) of a {@link ZooKeeperEnsemble}, in its own JVM. */
public final class ZooKeeperServer extends ClusterMember {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final int id;
  private final int clientPort = Ports.free();
  private final int quorumPort = Ports.free();
  private final int electionPort = Ports.free();
  private final int adminPort = Ports.free();
  /** What secures it (a TLS client port, HTTPS AdminServer), or null. */
  private final SecuredZooKeeper secured;
  private final int secureClientPort;
  /** The ZooKeeper it runs (3.8.6 by default). */
  private final ApacheRuntime runtime;

  ZooKeeperServer(int id, Path dir, SecuredZooKeeper secured, ApacheRuntime runtime) {
    super(dir, Duration.ofSeconds(10));
    if (runtime.product() != ApacheRuntime.Product.ZOOKEEPER) throw new IllegalArgumentException("not a ZooKeeper runtime: " + runtime);
    this.id = id;
    this.runtime = runtime;
    this.secured = secured;
    this.secureClientPort = secured == null || !secured.hasTls() ? -1 : Ports.free();
  }

  /** Writes zoo.cfg (and myid) naming every server of the ensemble, then builds the process. */
  void configure(List<ZooKeeperServer> ensemble) {
    Path data = dir.resolve("data");
    StringBuilder cfg = new StringBuilder()
        .append("tickTime=500\n")
        .append("initLimit=20\n")
        .append("syncLimit=5\n")
        .append("dataDir=").append(data).append('\n')
        .append("clientPort=").append(clientPort).append('\n')
        .append("clientPortAddress=").append(Ports.HOST).append('\n')
        .append("maxClientCnxns=0\n")
        .append("4lw.commands.whitelist=*\n")
        .append("admin.enableServer=true\n")
        .append("admin.serverAddress=").append(Ports.HOST).append('\n')
        .append("admin.serverPort=").append(adminPort).append('\n')
        .append("autopurge.purgeInterval=0\n");
    if (secured != null) {
      for (java.util.Map.Entry<String, String> e : secured.zooCfg(secureClientPort).entrySet()) {
        cfg.append(e.getKey()).append('=').append(e.getValue()).append('\n');
      }
    }
    if (ensemble.size() > 1) {
      for (ZooKeeperServer s : ensemble) {
        cfg.append("server.").append(s.id).append('=').append(Ports.HOST).append(':')
            .append(s.quorumPort).append(':').append(s.electionPort).append('\n');
      }
    }
    Path zooCfg = dir.resolve("zoo.cfg");
    Dirs.write(zooCfg, cfg.toString());
    Dirs.write(data.resolve("myid"), id + "\n");
    Path logback = dir.resolve("logback.xml");
    Dirs.write(logback, "<configuration>\n"
        + "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
        + "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>\n"
        + "  </appender>\n"
        + "  <root level=\"INFO\"><appender-ref ref=\"OUT\"/></root>\n"
        + "</configuration>\n");
    // 3.6 and 3.7 log through log4j 1 (reload4j), 3.8+ through logback: each reads its own file
    Path log4j = dir.resolve("log4j.properties");
    Dirs.write(log4j, "log4j.rootLogger=INFO, OUT\n"
        + "log4j.appender.OUT=org.apache.log4j.ConsoleAppender\n"
        + "log4j.appender.OUT.layout=org.apache.log4j.PatternLayout\n"
        + "log4j.appender.OUT.layout.ConversionPattern=%d{HH:mm:ss.SSS} %-5p [%t] %c{1} - %m%n\n");
    List<String> opts = JvmProcess.baseOptions("96m");
    opts.addAll(JvmProcess.jmxOptions(jmxPort));
    opts.add("-Dlogback.configurationFile=" + logback);
    opts.add("-Dlog4j.configuration=file:" + log4j);
    opts.add("-Dzookeeper.log.dir=" + dir);
    opts.add("-Dzookeeper.jmx.log4j.disable=true");
    if (secured != null) opts.addAll(secured.serverJvmOptions(dir));
    process = new JvmProcess("zookeeper-" + id, runtime, opts,
        "org.apache.zookeeper.server.quorum.QuorumPeerMain",
        Arrays.asList(zooCfg.toString()), dir, dir.resolve("zookeeper-" + id + ".log"));
  }

  public int id() {
    return id;
  }

  /** The ZooKeeper this server runs. */
  public ApacheRuntime runtime() {
    return runtime;
  }

  public int clientPort() {
    return clientPort;
  }

  public int quorumPort() {
    return quorumPort;
  }

  public int electionPort() {
    return electionPort;
  }

  /** The TLS client port, or -1 when the server is not secured. */
  public int secureClientPort() {
    return secureClientPort;
  }

  /** The AdminServer's HTTP port ({@code /commands/mntr} and friends; HTTPS only when secured). */
  public int adminPort() {
    return adminPort;
  }

  /** host:clientPort */
  public String address() {
    return Ports.HOST + ":" + clientPort;
  }

  void launch() {
    process.start();
  }

  /** Kills the server if it runs, starts it again on the same ports and data, waits until it serves. */
  @Override
  public void restart() {
    process.kill();
    process.start();
    awaitServing(READY_TIMEOUT);
  }

  /**
   * Runs ZooKeeper's command-line client ({@code ZooKeeperMain -server host:clientPort command...})
   * in a JVM of its own with {@code jvmOptions} (a JAAS login, say) and returns its output; the
   * client's exit code is not its commands' result, so callers read the output. A client still
   * running after 30 s (one reconnecting after its session was refused) is killed.
   */
  public String cli(List<String> jvmOptions, String... command) {
    List<String> opts = JvmProcess.baseOptions("64m");
    opts.addAll(jvmOptions);
    opts.add("-Dlog4j.configuration=file:" + dir.resolve("log4j.properties"));
    opts.add("-Dlogback.configurationFile=" + dir.resolve("logback.xml"));
    List<String> args = new ArrayList<>(Arrays.asList("-server", address()));
    args.addAll(Arrays.asList(command));
    Path log = dir.resolve("cli-" + System.nanoTime() + ".log");
    JvmProcess cli = new JvmProcess("zookeeper-cli-" + id, runtime, opts, "org.apache.zookeeper.ZooKeeperMain", args, dir, log);
    cli.start();
    try {
      cli.awaitExit(Duration.ofSeconds(30));
    } catch (ClusterException timedOut) {
      // killed: a client whose session is refused may keep reconnecting; its output says what happened
    }
    try {
      return new String(java.nio.file.Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new ClusterException("cannot read " + log, e);
    }
  }

  /** Sends a four-letter word to this server's client port. */
  public String fourLetterWord(String word) throws java.io.IOException {
    return FourLetterWords.send(Ports.HOST, clientPort, word);
  }

  /**
   * "leader", "follower", "standalone" (from {@code srvr}), or null when the server does not answer
   * or does not serve yet ("This ZooKeeper instance is not currently serving requests").
   */
  public String mode() {
    if (!process.isAlive()) {
      return null;
    }
    try {
      for (String line : fourLetterWord("srvr").split("\n")) {
        if (line.startsWith("Mode:")) {
          return line.substring(5).trim().toLowerCase(Locale.ROOT);
        }
      }
    } catch (java.io.IOException e) {
      return null;
    }
    return null;
  }

  /** Waits until this server answers {@code srvr} with a serving mode. */
  public void awaitServing(Duration timeout) {
    Await.until(process.name() + " serving (srvr Mode: leader|follower|standalone)", timeout,
        () -> mode() != null, process);
  }

  @Override
  public String toString() {
    return "zookeeper-" + id + "@" + address() + " (jmx " + jmxPort + ", admin " + adminPort + ")";
  }

  static List<String> modes(List<ZooKeeperServer> servers) {
    List<String> modes = new ArrayList<>();
    for (ZooKeeperServer s : servers) {
      modes.add(s.id + "=" + s.mode());
    }
    return modes;
  }
}
