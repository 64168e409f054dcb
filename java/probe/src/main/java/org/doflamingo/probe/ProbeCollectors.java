package org.doflamingo.probe;

import java.util.List;
import org.doflamingo.collect.CollectorFactory;
import org.doflamingo.config.KafkaClusterConfig;

/** The synthetic probe of each Kafka cluster whose configuration has a "probe" section: one target each. */
public final class ProbeCollectors implements CollectorFactory {
  @Override
  public void addTargets(Context c, List<Target> out) {
    for (KafkaClusterConfig k : c.config.kafka) {
      if (k.probe == null) continue;
      out.add(new Target("kafka-probe", k.name, k.name, "probe topic " + k.probe.topic, new ProbeCollector(ProbeConfig.of(k), c.catalogue, c.events)));
    }
  }
}
