package org.doflamingo.cluster;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What every member of a test cluster shares: its folder, its JMX port, its JVM, and the way it is
 * killed, stopped and closed. Members differ in how they start and when they are ready.
 */
public abstract class ClusterMember implements AutoCloseable {
  final Path dir;
  final int jmxPort = Ports.free();
  private final Duration stopGrace;
  /** Set by the member once it has written its configuration. */
  JvmProcess process;

  ClusterMember(Path dir, Duration stopGrace) {
    this.dir = dir;
    this.stopGrace = stopGrace;
  }

  public String host() {
    return Ports.HOST;
  }

  public int jmxPort() {
    return jmxPort;
  }

  public Path dir() {
    return dir;
  }

  public Path logFile() {
    return process.logFile();
  }

  public JvmProcess process() {
    return process;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}: no shutdown of any kind. */
  public void kill() {
    process.kill();
  }

  /** SIGTERM, then kill -9 once the grace period is over. */
  public void stop() {
    process.stop(stopGrace);
  }

  /** Kills the member if it runs, starts it again on the same ports and data, waits until it is ready. */
  public abstract void restart();

  @Override
  public void close() {
    process.kill();
  }
}
