package org.doflamingo.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which series a rule of the {@code "series"} section is about: a metric name glob, label globs
 * (every one must match a label the series has) and optionally the levels it applies at. Globs
 * know {@code *} (any text) and {@code ?} (one character); they are compiled once, and a policy
 * applies them once per new series, never per sample.
 */
public final class SeriesMatch {
  private final String metricGlob;
  private final Pattern metric;
  private final Map<String, Pattern> labels;
  private final Map<String, String> labelGlobs;
  /** Empty: every level. */
  private final Set<SeriesLevel> levels;

  public SeriesMatch(String metricGlob, Map<String, String> labelGlobs, Set<SeriesLevel> levels) {
    this.metricGlob = metricGlob;
    this.metric = glob(metricGlob);
    this.labelGlobs = Collections.unmodifiableMap(new LinkedHashMap<>(labelGlobs));
    Map<String, Pattern> compiled = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : labelGlobs.entrySet()) compiled.put(e.getKey(), glob(e.getValue()));
    this.labels = compiled;
    this.levels = levels.isEmpty() ? EnumSet.noneOf(SeriesLevel.class) : EnumSet.copyOf(levels);
  }

  /** Whether a series named {@code name} with these labels is one this rule is about. */
  public boolean matches(String name, Map<String, String> seriesLabels, SeriesLevel level) {
    if (!levels.isEmpty() && !levels.contains(level)) return false;
    if (!metric.matcher(name).matches()) return false;
    for (Map.Entry<String, Pattern> e : labels.entrySet()) {
      String v = seriesLabels.get(e.getKey());
      if (v == null || !e.getValue().matcher(v).matches()) return false;
    }
    return true;
  }

  /** The label globs (for queries such as "is this topic excluded at every level?"). */
  public Map<String, String> labelGlobs() {
    return labelGlobs;
  }

  /** Whether {@code value} of label {@code label} passes this rule's glob for it (true when it has none). */
  public boolean labelMatches(String label, String value) {
    Pattern p = labels.get(label);
    return p == null || p.matcher(value).matches();
  }

  public String metricGlob() {
    return metricGlob;
  }

  public Set<SeriesLevel> levels() {
    return Collections.unmodifiableSet(levels);
  }

  static SeriesMatch read(Node n) throws ConfigException {
    String metric = n.optText("metric", "*");
    Map<String, String> globs = new LinkedHashMap<>();
    Node labels = n.optObject("labels");
    if (labels != null) {
      for (Iterator<String> it = labels.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        globs.put(key, labels.optText(key, null));
      }
    }
    Set<SeriesLevel> levels = EnumSet.noneOf(SeriesLevel.class);
    for (String l : n.optTexts("levels")) {
      SeriesLevel level = SeriesLevel.parse(l);
      if (level == null) throw n.error("levels", "\"" + l + "\" is not a level; expected cluster, topic, group, partition or group-partition");
      levels.add(level);
    }
    return new SeriesMatch(metric, globs, levels);
  }

  private static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') re.append(".*");
      else if (c == '?') re.append('.');
      else re.append(Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  @Override
  public String toString() {
    return metricGlob + labelGlobs + (levels.isEmpty() ? "" : " at " + levels);
  }
}
