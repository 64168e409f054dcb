package org.doflamingo.cluster;

import java.nio.file.Path;

/**
 * A two-tier Flume transport network on one KRaft broker, as the integration tests use it: an
 * edge agent (HTTP source -> memory channel -> avro sink) sending to a collector agent (avro
 * source -> memory channel -> Kafka sink) that writes into {@code topic}. Closed edge first, the
 * broker last.
 */
public final class FlumeTransport implements AutoCloseable {
  public final KafkaCluster kafka;
  public final FlumeAgent collector;
  public final FlumeAgent edge;

  private FlumeTransport(KafkaCluster kafka, FlumeAgent collector, FlumeAgent edge) {
    this.kafka = kafka;
    this.collector = collector;
    this.edge = edge;
  }

  /** Starts the broker and both agents under {@code base}; whatever started is stopped again when a later one fails. */
  public static FlumeTransport start(Path base, String topic) {
    KafkaCluster kafka = KafkaCluster.startKraft(base.resolve("kafka"));
    FlumeAgent collector = null;
    try {
      collector = FlumeAgent.startCollector(base.resolve("collector"), "collector", kafka.bootstrapServers(), topic);
      return new FlumeTransport(kafka, collector, FlumeAgent.startEdge(base.resolve("edge"), "edge", collector));
    } catch (RuntimeException e) {
      if (collector != null) collector.close();
      kafka.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      edge.close();
    } finally {
      try {
        collector.close();
      } finally {
        kafka.close();
      }
    }
  }
}
