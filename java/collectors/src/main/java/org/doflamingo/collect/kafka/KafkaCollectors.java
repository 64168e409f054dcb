package org.doflamingo.collect.kafka;

import java.util.List;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.CollectorFactory;
import org.doflamingo.collect.jmx.JmxTargets;
import org.doflamingo.config.KafkaClusterConfig;

/**
 * Per Kafka cluster: its Admin API (brokers, partitions, consumer-group offsets and lag, the KRaft
 * quorum), each broker's JMX, each dedicated KRaft controller's JMX (system kafka-controller) and
 * each client JVM's JMX. Series carry {@code cluster}, and {@code broker} or {@code controller}
 * (its configured id, else host:jmxPort) or {@code client}. The cluster's cadences
 * ({@link KafkaClusterConfig.Cadence}) set how often partition-level and group reads come round,
 * its {@code scrapeTimeoutMs} (when given) bounds the Admin and broker scrapes; the context's
 * exclusions leave topics and groups out of both.
 */
public final class KafkaCollectors implements CollectorFactory {
  @Override
  public void addTargets(Context c, List<Target> out) throws CollectException {
    JmxTargets clients = new JmxTargets(c.catalogue, "kafka-consumer", c.timeoutMs);
    for (KafkaClusterConfig k : c.config.kafka) {
      long timeoutMs = k.cadence.scrapeTimeoutMs > 0 ? k.cadence.scrapeTimeoutMs : c.timeoutMs;
      int partitionSlices = (int) Math.max(1, Math.round(k.cadence.partitionIntervalSeconds * 1000.0 / c.intervalMs));
      JmxTargets brokers = new JmxTargets(c.catalogue, "kafka-broker",
          JmxTargets.options(timeoutMs).partitionSlices(partitionSlices).exclusions(c.series));
      AdminCollector admin = new AdminCollector(k, c.intervalMs, timeoutMs, new LagEvaluator(k.cadence.lagWindowSeconds * 1000L, 0.8), c.series,
          c.replicaAssignments, c.events);
      out.add(new Target("kafka-cluster", k.name, k.name, "Admin API " + k.bootstrapServers(), admin, timeoutMs));
      admin.seedLagWindow(c.engine, c.nowMs); // after a restart, lag statuses are judged from the first scrape
      for (KafkaClusterConfig.Broker b : k.brokers) {
        String broker = b.id >= 0 ? String.valueOf(b.id) : b.host + ":" + b.jmxPort;
        out.add(new Target("kafka-broker", k.name, broker, "JMX " + b.host + ":" + b.jmxPort,
            brokers.collector(b.host, b.jmxPort, k.jmx, k.jmxSsl, "cluster", k.name, "broker", broker), timeoutMs));
      }
      JmxTargets controllers = new JmxTargets(c.catalogue, "kafka-controller", JmxTargets.options(timeoutMs));
      for (KafkaClusterConfig.Controller kc : k.controllers) {
        String controller = kc.id >= 0 ? String.valueOf(kc.id) : kc.host + ":" + kc.jmxPort;
        out.add(new Target("kafka-controller", k.name, controller, "JMX " + kc.host + ":" + kc.jmxPort,
            controllers.collector(kc.host, kc.jmxPort, k.jmx, k.jmxSsl, "cluster", k.name, "controller", controller), timeoutMs));
      }
      for (KafkaClusterConfig.Client cl : k.clients) {
        out.add(new Target("kafka-consumer", k.name, cl.name, "JMX " + cl.host + ":" + cl.jmxPort,
            clients.collector(cl.host, cl.jmxPort, k.jmx, k.jmxSsl, "cluster", k.name, "client", cl.name)));
      }
    }
  }
}
