package org.doflamingo.collect.series;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.doflamingo.collect.Exclusions;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.config.KafkaClusterConfig;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.config.RetentionClassSpec;
import org.doflamingo.config.SeriesConfig;
import org.doflamingo.config.SeriesLevel;
import org.doflamingo.config.SeriesMatch;
import org.doflamingo.engine.SeriesKey;

/**
 * Which series exist and how long each is kept: its retention class (the first configured rule
 * that matches, else the catalogue's pin for its metric, else the class of its level) or that it
 * is not collected at all (an exclude, configured or default, matches and no include does).
 * Excluded series are never interned: no file, no id. Asked once per new series ({@code
 * EngineScrape.Ids} caches the answer with the id), so the globs cost nothing per sample.
 *
 * <p>Default excludes (unless {@code series.defaultExcludes} is false): Kafka's internal topics
 * ({@code __*}: {@code __consumer_offsets}, {@code __transaction_state}, {@code
 * __cluster_metadata}) and each cluster's probe topic, below topic level (their partitions,
 * replicas and group×partition lag); their topic- and cluster-level series stay. The probe reads
 * its topic without a consumer group, so "the probe's group" is covered by the topic: lag series
 * of any group on the probe topic are left out.
 */
public final class SeriesPolicy implements Exclusions {
  private final SeriesConfig config;
  private final Map<String, String> pinned = new HashMap<>();
  private final List<SeriesMatch> excludes = new ArrayList<>();

  public SeriesPolicy(SeriesConfig config, List<KafkaClusterConfig> kafka, MetricCatalogue catalogue) {
    this.config = config;
    for (MetricSpec m : catalogue.all()) {
      if (m.retention == null) continue;
      if (!config.classes.containsKey(m.retention)) {
        throw new IllegalStateException("metrics.json " + m.name + ": retention class '" + m.retention + "' is not one of "
            + config.classes.keySet());
      }
      pinned.put(m.name, m.retention);
    }
    if (config.defaultExcludes) {
      excludes.add(new SeriesMatch("*", Collections.singletonMap("topic", "__*"), SeriesConfig.partitionLevels()));
      for (KafkaClusterConfig k : kafka) {
        if (k.probe == null) continue;
        Map<String, String> labels = new HashMap<>();
        labels.put("cluster", k.name);
        labels.put("topic", k.probe.topic);
        excludes.add(new SeriesMatch("*", labels, SeriesConfig.partitionLevels()));
      }
    }
    excludes.addAll(config.exclude);
  }

  public static SeriesPolicy of(MonitorConfig config, MetricCatalogue catalogue) {
    return new SeriesPolicy(config.series, config.kafka, catalogue);
  }

  /** The retention class of this series, or null: it is not collected. */
  public String classOf(SeriesKey key) {
    SeriesLevel level = SeriesLevel.of(key.labels());
    if (excluded(key, level)) return null;
    for (SeriesConfig.ClassRule r : config.rules) {
      if (r.match.matches(key.name(), key.labels(), level)) return r.retentionClass;
    }
    String pin = pinned.get(key.name());
    return pin != null ? pin : level.label();
  }

  private boolean excluded(SeriesKey key, SeriesLevel level) {
    boolean excluded = false;
    for (SeriesMatch m : excludes) {
      if (m.matches(key.name(), key.labels(), level)) {
        excluded = true;
        break;
      }
    }
    if (!excluded) return false;
    for (SeriesMatch m : config.include) if (m.matches(key.name(), key.labels(), level)) return false;
    return true;
  }

  /**
   * True when no partition-level series of this topic is collected (every metric excluded at
   * partition and group×partition level, and no include could bring one back): collectors may
   * skip reading its partitions (log MBeans, Admin partition reads, its groups' offsets). False
   * whenever in doubt.
   */
  @Override
  public boolean excludesTopic(String cluster, String topic) {
    Map<String, String> labels = new HashMap<>();
    labels.put("cluster", cluster);
    labels.put("topic", topic);
    return coveredAtEveryMetric(labels, SeriesConfig.partitionLevels());
  }

  /** True when no series of this consumer group is collected (group and group×partition level), as {@link #excludesTopic}. */
  @Override
  public boolean excludesGroup(String cluster, String group) {
    Map<String, String> labels = new HashMap<>();
    labels.put("cluster", cluster);
    labels.put("group", group);
    return coveredAtEveryMetric(labels, EnumSet.of(SeriesLevel.GROUP, SeriesLevel.GROUP_PARTITION));
  }

  /**
   * Whether excludes for every metric ({@code "*"}) whose label globs are all about {@code labels}
   * cover each of {@code levels}, with no include that might match such a series.
   */
  private boolean coveredAtEveryMetric(Map<String, String> labels, EnumSet<SeriesLevel> levels) {
    for (SeriesMatch in : config.include) if (mayMatch(in, labels)) return false;
    for (SeriesLevel level : levels) {
      boolean covered = false;
      for (SeriesMatch ex : excludes) {
        if (ex.metricGlob().equals("*") && labels.keySet().containsAll(ex.labelGlobs().keySet()) && mayMatch(ex, labels)
            && (ex.levels().isEmpty() || ex.levels().contains(level))) {
          covered = true;
          break;
        }
      }
      if (!covered) return false;
    }
    return true;
  }

  /** Whether a rule could match a series carrying these labels (labels it names but we lack may be anything). */
  private static boolean mayMatch(SeriesMatch m, Map<String, String> labels) {
    for (Map.Entry<String, String> e : labels.entrySet()) if (!m.labelMatches(e.getKey(), e.getValue())) return false;
    return true;
  }

  /**
   * The classes as the engine gets them: the cluster and topic classes, written at the
   * collection interval, get the interval as their base step when they start finer (a 30 s
   * interval on 2 s rows would outlast the 10 s heartbeat and read as gaps), where the rest of
   * their tiers allow it (each a multiple of the first step).
   */
  public List<RetentionClassSpec> engineClasses(int intervalSeconds) {
    List<RetentionClassSpec> out = new ArrayList<>();
    for (RetentionClassSpec c : config.classes.values()) {
      boolean atInterval = c.name.equals("cluster") || c.name.equals("topic");
      RetentionClassSpec fitted = c;
      if (atInterval && c.tiers.baseStepSeconds() < intervalSeconds) {
        String text = c.tiers.text;
        try {
          fitted = new RetentionClassSpec(c.name, intervalSeconds + "s" + text.substring(text.indexOf(':')), c.minMax,
              c.liveWindowSeconds);
        } catch (IllegalArgumentException e) {
          fitted = c; // a later tier is no multiple of the interval: kept as configured
        }
      }
      out.add(fitted);
    }
    return out;
  }

  /** Every class, by name. */
  public Map<String, RetentionClassSpec> classes() {
    return config.classes;
  }

  /** Series in all, 0: no limit. */
  public long maxSeries() {
    return config.maxSeries;
  }

  /** Series one target may create, 0: no limit. */
  public long maxSeriesPerTarget() {
    return config.maxSeriesPerTarget;
  }
}
