package org.doflamingo.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code "series"} section: which retention class each series gets, which series are not
 * collected at all, and how many series may exist. Example:
 *
 * <pre>{@code
 * "series": {
 *   "classes": {"partition": {"tiers": "30s:2d,1h:90d"}, "audit": {"tiers": "1m:30d,1h:5y", "minMax": true}},
 *   "rules": [{"metric": "kafka.consumer.group.*", "labels": {"group": "billing-*"}, "class": "audit"}],
 *   "exclude": [{"labels": {"topic": "tmp-*"}, "levels": ["partition", "group-partition"]}],
 *   "include": [{"labels": {"topic": "__consumer_offsets"}}],
 *   "defaultExcludes": true,
 *   "maxSeries": 2000000,
 *   "maxSeriesPerTarget": 1000000
 * }
 * }</pre>
 *
 * A series' class: the first rule that matches, else the catalogue's pin for its metric, else the
 * class named after its level ({@link SeriesLevel}). A series is not collected when an exclude
 * (or a default exclude) matches it and no include does. Budgets of 0 mean none.
 */
public final class SeriesConfig {
  /** A rule giving matching series a class. */
  public static final class ClassRule {
    public final SeriesMatch match;
    public final String retentionClass;

    public ClassRule(SeriesMatch match, String retentionClass) {
      this.match = match;
      this.retentionClass = retentionClass;
    }
  }

  /** The classes every configuration has (redefinable): see docs/retention.md for the reasoning. */
  public static final List<RetentionClassSpec> DEFAULT_CLASSES = Collections.unmodifiableList(java.util.Arrays.asList(
      new RetentionClassSpec("cluster", "2s:1d,1m:14d,15m:180d,1h:5y", true, 3600),
      new RetentionClassSpec("topic", "2s:6h,1m:7d,1h:1y,1d:5y", false, 3600),
      new RetentionClassSpec("group", "10s:6h,15m:30d,1d:5y", false, 900),
      new RetentionClassSpec("partition", "30s:1d,1h:30d", false, 900),
      new RetentionClassSpec("group-partition", "10s:6h,15m:7d", false, 900),
      // a group's codes (per-partition Burrow status, protocol, state): read as current values only,
      // so a 2-minute ring (12 points, 96 B) instead of 15 minutes (720 B); the same week of history
      new RetentionClassSpec("group-code", "10s:6h,15m:7d", false, 120)));

  /** Every class by name: the defaults, redefined or added to by the configuration. */
  public final Map<String, RetentionClassSpec> classes;
  public final List<ClassRule> rules;
  public final List<SeriesMatch> include;
  public final List<SeriesMatch> exclude;
  /** Kafka's internal topics and the probe's topic left out below topic level (see the policy). */
  public final boolean defaultExcludes;
  /** Series in all, 0: no limit. */
  public final long maxSeries;
  /** Series one target may create, 0: no limit. */
  public final long maxSeriesPerTarget;

  private SeriesConfig(Map<String, RetentionClassSpec> classes, List<ClassRule> rules, List<SeriesMatch> include,
      List<SeriesMatch> exclude, boolean defaultExcludes, long maxSeries, long maxSeriesPerTarget) {
    this.classes = Collections.unmodifiableMap(classes);
    this.rules = Collections.unmodifiableList(rules);
    this.include = Collections.unmodifiableList(include);
    this.exclude = Collections.unmodifiableList(exclude);
    this.defaultExcludes = defaultExcludes;
    this.maxSeries = maxSeries;
    this.maxSeriesPerTarget = maxSeriesPerTarget;
  }

  /** What a configuration without a {@code "series"} section gets. */
  public static SeriesConfig defaults() {
    return new SeriesConfig(defaultClasses(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), true, 0, 0);
  }

  /**
   * Reads the section at {@code n} (null: the defaults). {@code storageTiers}, the older
   * {@code storage.tiers} setting, when given, are the tiers of the {@code cluster} class (the one
   * that keeps the whole history), which {@code classes.cluster} may still redefine.
   */
  static SeriesConfig read(Node n, Node storage, String storageTiers) throws ConfigException {
    Map<String, RetentionClassSpec> classes = defaultClasses();
    if (storageTiers != null) {
      RetentionClassSpec cluster = classes.get("cluster");
      try {
        classes.put(cluster.name, new RetentionClassSpec(cluster.name, storageTiers, cluster.minMax, cluster.liveWindowSeconds));
      } catch (IllegalArgumentException e) {
        throw storage.error("tiers", e.getMessage());
      }
    }
    if (n == null) return new SeriesConfig(classes, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), true, 0, 0);
    n.only("classes", "rules", "include", "exclude", "defaultExcludes", "maxSeries", "maxSeriesPerTarget");
    Node defined = n.optObject("classes");
    if (defined != null) {
      for (Iterator<String> it = defined.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
          throw defined.error(name, "a class name is 1-64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        Node c = defined.optObject(name);
        if (c == null) throw defined.error(name, "expected an object {\"tiers\": ...}");
        classes.put(name, RetentionClassSpec.read(name, c, classes.get(name)));
      }
      if (defined.has("group-partition") && !defined.has("group-code")) classes.put("group-code", codesLike(classes.get("group-partition")));
    }
    List<ClassRule> rules = new ArrayList<>();
    for (Node r : n.objects("rules")) {
      r.only("metric", "labels", "levels", "class");
      String cls = r.text("class");
      if (!classes.containsKey(cls)) throw r.error("class", "\"" + cls + "\" is not a class; known: " + classes.keySet());
      rules.add(new ClassRule(SeriesMatch.read(r), cls));
    }
    return new SeriesConfig(classes, rules, matches(n, "include"), matches(n, "exclude"), n.optBoolean("defaultExcludes", true),
        n.optLong("maxSeries", 0, 0, Integer.MAX_VALUE), n.optLong("maxSeriesPerTarget", 0, 0, Integer.MAX_VALUE));
  }

  /**
   * The group-code class of a configuration that redefines group-partition but not it: the
   * codes are collected with the group × partition figures, so they take those tiers (a group
   * cadence slowed to fit them fits the codes too), with a ring of 12 base steps (at least 2
   * minutes, at most group-partition's own): still above the 5 steps a current value is read in.
   */
  static RetentionClassSpec codesLike(RetentionClassSpec groupPartition) {
    long live = groupPartition.liveWindowSeconds == 0 ? 0
        : Math.min(groupPartition.liveWindowSeconds, Math.max(120, 12L * groupPartition.tiers.baseStepSeconds()));
    return new RetentionClassSpec("group-code", groupPartition.tiers.text, groupPartition.minMax, live);
  }

  private static List<SeriesMatch> matches(Node n, String name) throws ConfigException {
    List<SeriesMatch> out = new ArrayList<>();
    for (Node m : n.objects(name)) {
      m.only("metric", "labels", "levels");
      out.add(SeriesMatch.read(m));
    }
    return out;
  }

  private static Map<String, RetentionClassSpec> defaultClasses() {
    Map<String, RetentionClassSpec> out = new LinkedHashMap<>();
    for (RetentionClassSpec c : DEFAULT_CLASSES) out.put(c.name, c);
    return out;
  }

  /** The levels below topic: where a topic's series multiply by its partitions. */
  public static EnumSet<SeriesLevel> partitionLevels() {
    return EnumSet.of(SeriesLevel.PARTITION, SeriesLevel.GROUP_PARTITION);
  }

  @Override
  public String toString() {
    return "Series{classes=" + classes.values() + ", rules=" + rules.size() + ", include=" + include + ", exclude=" + exclude
        + (defaultExcludes ? ", default excludes" : "") + (maxSeries > 0 ? ", max " + maxSeries : "")
        + (maxSeriesPerTarget > 0 ? ", max per target " + maxSeriesPerTarget : "") + "}";
  }
}
