package org.doflamingo.collect;

/** Reads one target (a broker's JMX, a cluster's Admin API, a ZooKeeper server, a Flume agent). */
public interface Collector extends AutoCloseable {
  /** Names the target in states and errors, e.g. "kafka prod broker k1:9999". */
  String target();

  /** Reads everything into {@code out}; a failure names the target and leaves out nothing half-read. */
  void scrape(Scrape out) throws CollectException;

  /**
   * The calls to the target the last scrape made (Admin API calls, MBean reads), kept as the
   * target's own cost series; -1 when the collector does not count them.
   */
  default int lastScrapeCalls() {
    return -1;
  }

  /**
   * What the last successful scrape could not read yet because the target answers slowly (a
   * partition or group batch still asked, its cycle stretched), or null when it is caught up.
   */
  default String behind() {
    return null;
  }

  @Override
  void close();
}
