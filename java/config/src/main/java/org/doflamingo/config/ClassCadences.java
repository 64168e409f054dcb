package org.doflamingo.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether each level's retention class fits the cadence that feeds it: partitions every
 * {@code partitionIntervalSeconds}, groups, their partitions and their codes every {@code groupIntervalSeconds}
 * (per Kafka cluster), cluster and topic figures every {@code intervalSeconds}. A value arriving
 * later than its class's heartbeat (5 base steps) after the one before makes every row unknown: an
 * error, as nothing collected would be kept. A base step longer than the cadence averages several
 * reads into a row: a warning (the extra reads are wasted, nothing is lost). Classes named by
 * {@code series.rules} are not checked: a rule may match series of any cadence.
 */
final class ClassCadences {
  private ClassCadences() {}

  /** Throws for the first class that would keep nothing of what feeds it; returns the warnings, one line each. */
  static List<String> check(int intervalSeconds, List<KafkaClusterConfig> kafka, SeriesConfig series) throws ConfigException {
    List<String> warnings = new ArrayList<>();
    // cluster and topic classes finer than the interval start at the interval (SeriesPolicy.engineClasses): coarser only warns
    for (String level : new String[] {"cluster", "topic"}) {
      RetentionClassSpec c = series.classes.get(level);
      if (c != null && c.tiers.baseStepSeconds() > intervalSeconds) {
        warnings.add(coarser(level, c, "intervalSeconds", intervalSeconds));
      }
    }
    for (int i = 0; i < kafka.size(); i++) {
      KafkaClusterConfig.Cadence cadence = kafka.get(i).cadence;
      String at = "kafka[" + i + "].";
      fit(series, "partition", at + "partitionIntervalSeconds", cadence.partitionIntervalSeconds, warnings);
      fit(series, "group", at + "groupIntervalSeconds", cadence.groupIntervalSeconds, warnings);
      fit(series, "group-partition", at + "groupIntervalSeconds", cadence.groupIntervalSeconds, warnings);
      fit(series, "group-code", at + "groupIntervalSeconds", cadence.groupIntervalSeconds, warnings);
    }
    return warnings;
  }

  private static void fit(SeriesConfig series, String level, String field, int everySeconds, List<String> warnings)
      throws ConfigException {
    RetentionClassSpec c = series.classes.get(level);
    if (c == null) return;
    if (c.heartbeatSeconds() < everySeconds) {
      throw new ConfigException(field, String.format(Locale.ROOT,
          "%d s is longer than the heartbeat of retention class '%s' (%s: 5 × %d s = %d s), so every row would be unknown;"
              + " collect at least every %d s or give series.classes.%s a base step of at least %d s",
          everySeconds, level, c.tiers.text, c.tiers.baseStepSeconds(), c.heartbeatSeconds(), c.heartbeatSeconds(), level,
          (everySeconds + 4) / 5));
    }
    if (c.tiers.baseStepSeconds() > everySeconds) warnings.add(coarser(level, c, field, everySeconds));
  }

  private static String coarser(String level, RetentionClassSpec c, String field, int everySeconds) {
    return String.format(Locale.ROOT, "%s is %d s but retention class '%s' (%s) keeps one row per %d s: reads are averaged,"
        + " the extra ones are wasted", field, everySeconds, level, c.tiers.text, c.tiers.baseStepSeconds());
  }
}
