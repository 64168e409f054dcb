package org.doflamingo.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.doflamingo.collect.catalogue.Health;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.kafka.LagStatus;
import org.doflamingo.engine.SeriesKey;
import org.junit.jupiter.api.Test;

/** Verdicts read as words: the figure, what it is about, its value in its unit, the level and its threshold. */
class HealthWordsTest {
  private static final MetricCatalogue CATALOGUE = MetricCatalogue.load();

  @Test
  void ratiosReadAsPercentWithTheRuleInWords() {
    SeriesKey k = SeriesKey.of("kafka.probe.produce_availability", "cluster", "prod", "partition", "0", "broker", "1");
    assertEquals("produce availability partition 0: 98.2 % (amber below 99 %)",
        HealthWords.reason(CATALOGUE.get(k.name()), k, 0.982, Health.AMBER));
    // rounding must not meet the threshold it is below
    assertEquals("produce availability partition 0: 98.960 % (amber below 99 %)",
        HealthWords.reason(CATALOGUE.get(k.name()), k, 0.9896, Health.AMBER));
    // fine now, amber still (hysteresis): the reason says it was below lately, not that 100 % is below 99 %
    assertEquals("produce availability partition 0: 100 % (amber below 99 % within the last 30 s)",
        HealthWords.reason(CATALOGUE.get(k.name()), k, 1.0, Health.AMBER));
  }

  @Test
  void statusesByNameCountsWithTheirUnit() {
    SeriesKey status = SeriesKey.of("kafka.consumer.group.status", "cluster", "prod", "group", "g");
    assertEquals("status STOP (red)", HealthWords.reason(CATALOGUE.get(status.name()), status, LagStatus.STOP.code, Health.RED));
    SeriesKey urp = SeriesKey.of("kafka.server.ReplicaManager.UnderReplicatedPartitions", "cluster", "prod", "broker", "1");
    assertEquals("under replicated partitions 2 partitions (red above 0 partitions)",
        HealthWords.reason(CATALOGUE.get(urp.name()), urp, 2, Health.RED));
    SeriesKey fill = SeriesKey.of("flume.channel.ChannelFillPercentage", "agent", "a", "component", "c1");
    assertEquals("channel fill percentage component c1: 63.5 % (amber above 50 %)",
        HealthWords.reason(CATALOGUE.get(fill.name()), fill, 63.5, Health.AMBER));
  }
}
