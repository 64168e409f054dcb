package org.doflamingo.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import org.doflamingo.cluster.security.SecuredZooKeeper;

/**
 * A ZooKeeper ensemble of real servers, one JVM each, on 127.0.0.1 with free ports; data and logs
 * under {@code baseDir/zookeeper-<id>/}. {@link #close()} kills every server.
 */
public final class ZooKeeperEnsemble implements AutoCloseable {
  private final Path baseDir;
  private final List<ZooKeeperServer> servers;

  private ZooKeeperEnsemble(Path baseDir, List<ZooKeeperServer> servers) {
    this.baseDir = baseDir.toAbsolutePath();
    this.servers = Collections.unmodifiableList(servers);
  }

  /** Starts {@code size} servers (1 = standalone) and waits until they form a quorum with a leader. */
  public static ZooKeeperEnsemble start(Path baseDir, int size) {
    return start(baseDir, size, Duration.ofSeconds(90));
  }

  public static ZooKeeperEnsemble start(Path baseDir, int size, Duration timeout) {
    return start(baseDir, size, timeout, false);
  }

  /**
   * As {@link #start(Path, int, Duration)}; with {@code keepData} the servers go on from the data an
   * earlier run left under {@code baseDir} (the znodes of its Kafka cluster with them).
   */
  public static ZooKeeperEnsemble start(Path baseDir, int size, Duration timeout, boolean keepData) {
    return start(baseDir, size, timeout, keepData, null);
  }

  /**
   * As {@link #start(Path, int, Duration, boolean)}, every server also secured by {@code secured}
   * (a TLS client port, the AdminServer over HTTPS) when not null.
   */
  public static ZooKeeperEnsemble start(Path baseDir, int size, Duration timeout, boolean keepData, SecuredZooKeeper secured) {
    return start(baseDir, size, timeout, keepData, secured, ApacheRuntime.ZOOKEEPER);
  }

  /** {@code size} servers of ZooKeeper {@code runtime} ({@code ApacheRuntime.zookeeper("3.6.4")}), as {@link #start(Path, int)}. */
  public static ZooKeeperEnsemble start(Path baseDir, int size, ApacheRuntime runtime) {
    return start(baseDir, size, Duration.ofSeconds(90), false, null, runtime);
  }

  /** As {@link #start(Path, int, Duration, boolean, SecuredZooKeeper)}, every server running {@code runtime}. */
  public static ZooKeeperEnsemble start(Path baseDir, int size, Duration timeout, boolean keepData, SecuredZooKeeper secured,
      ApacheRuntime runtime) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1: " + size);
    }
    List<ZooKeeperServer> servers = new ArrayList<>();
    for (int id = 1; id <= size; id++) {
      Path dir = baseDir.resolve("zookeeper-" + id);
      servers.add(new ZooKeeperServer(id, keepData ? Dirs.kept(dir) : Dirs.fresh(dir), secured, runtime));
    }
    ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble(baseDir, servers);
    try {
      for (ZooKeeperServer s : servers) {
        s.configure(servers);
      }
      for (ZooKeeperServer s : servers) {
        s.launch();
      }
      ensemble.awaitQuorum(timeout);
      return ensemble;
    } catch (RuntimeException e) {
      ensemble.close();
      throw e;
    }
  }

  public List<ZooKeeperServer> servers() {
    return servers;
  }

  public ZooKeeperServer server(int id) {
    return servers.get(id - 1);
  }

  public Path baseDir() {
    return baseDir;
  }

  /** {@code 127.0.0.1:p1,127.0.0.1:p2,...} over every server. */
  public String connectString() {
    StringJoiner j = new StringJoiner(",");
    for (ZooKeeperServer s : servers) {
      j.add(s.address());
    }
    return j.toString();
  }

  /** The current leader (or the standalone server), or null if none answers as one. */
  public ZooKeeperServer leader() {
    for (ZooKeeperServer s : servers) {
      String mode = s.mode();
      if ("leader".equals(mode) || "standalone".equals(mode)) {
        return s;
      }
    }
    return null;
  }

  /**
   * Waits until every running server serves and exactly one is the leader (servers that were
   * killed are left out, so this also waits for a new election after the leader died).
   */
  public void awaitQuorum(Duration timeout) {
    List<JvmProcess> running = new ArrayList<>();
    for (ZooKeeperServer s : servers) {
      if (s.isAlive()) {
        running.add(s.process());
      }
    }
    Await.until("a ZooKeeper quorum with one leader (" + connectString() + ")", timeout, () -> {
      int leaders = 0;
      for (ZooKeeperServer s : servers) {
        if (!s.isAlive()) {
          continue;
        }
        String mode = s.mode();
        if (mode == null) {
          return false;
        }
        if (mode.equals("leader") || mode.equals("standalone")) {
          leaders++;
        }
      }
      return leaders == 1;
    }, running.toArray(new JvmProcess[0]));
  }

  /** Waits for a leader other than {@code previous} (after {@code previous} was killed). */
  public ZooKeeperServer awaitNewLeader(ZooKeeperServer previous, Duration timeout) {
    awaitQuorum(timeout);
    ZooKeeperServer leader = leader();
    if (leader == null || leader == previous) {
      throw new ClusterException("no new leader: " + ZooKeeperServer.modes(servers));
    }
    return leader;
  }

  @Override
  public void close() {
    for (ZooKeeperServer s : servers) {
      s.close();
    }
  }

  @Override
  public String toString() {
    return "ZooKeeperEnsemble" + ZooKeeperServer.modes(servers);
  }
}
