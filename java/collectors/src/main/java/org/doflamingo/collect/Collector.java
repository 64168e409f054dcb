package org.doflamingo.collect;

/** Reads one target (a broker's JMX, a cluster's Admin API, a ZooKeeper server, a Flume agent). */
public interface Collector extends AutoCloseable {
  /** Names the target in states and errors, e.g. "kafka prod broker k1:9999". */
  String target();

  /** Reads everything into {@code out}; a failure names the target and leaves out nothing half-read. */
  void scrape(Scrape out) throws CollectException;

  @Override
  void close();
}
