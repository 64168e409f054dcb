package org.doflamingo.collect.jmx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.engine.SeriesKind;

/**
 * What to read over JMX for one catalogue metric: an ObjectName pattern and its attributes, from
 * the catalogue's source "jmx PATTERN ATTRIBUTE[, ATTRIBUTE...]". Key properties of a matched MBean
 * that the pattern leaves open (topic, partition, request, client-id, ...) become labels; an
 * attribute "A.b" reads item b of the composite attribute A.
 */
public final class JmxSource {
  /** Key properties never turned into labels: Kafka's per-version request metrics are summed. */
  static final List<String> IGNORED_KEYS = Collections.singletonList("version");

  public final String series;
  public final ObjectName pattern;
  /** Attribute names as JMX knows them (composite items stripped). */
  final String[] attributes;
  /** Item of a composite attribute, or null, per attribute. */
  final String[] items;
  final SeriesKind[] kinds;
  /** When several attributes map to one series they are told apart by label "attribute". */
  final boolean attributeLabel;
  /** Reads every numeric attribute of each MBean, found in its MBeanInfo: see {@link #everyNumericAttribute}. */
  final boolean everyAttribute;

  private JmxSource(String series, ObjectName pattern, String[] attributes, String[] items, SeriesKind[] kinds,
      boolean everyAttribute) {
    this.series = series;
    this.pattern = pattern;
    this.attributes = attributes;
    this.items = items;
    this.kinds = kinds;
    this.attributeLabel = everyAttribute || attributes.length > 1;
    this.everyAttribute = everyAttribute;
  }

  /**
   * Every numeric attribute of every MBean {@code pattern} matches ({@code *:*}: all of them), for a
   * full scrape. Which attributes those are comes from each MBean's MBeanInfo, asked once when the
   * MBean is first discovered: readable ones of a numeric, boolean, {@code Object} (Yammer gauges)
   * or composite type; values that turn out not to be numbers are skipped, and so is every
   * non-numeric item of a composite. A value lands on series {@code <domain>} (e.g.
   * {@code kafka.log}) with every key property the pattern leaves open as a label, plus labels
   * "attribute" and, for an item of a composite attribute, "item". Nothing is summed: Kafka's
   * per-version request MBeans keep their "version". "Count" is a counter, the rest gauges.
   */
  public static JmxSource everyNumericAttribute(ObjectName pattern) {
    return new JmxSource(pattern.getCanonicalName(), pattern, new String[0], new String[0], new SeriesKind[0], true);
  }

  /**
   * The kind of a Yammer/Kafka meter or timer attribute: "Count" counts (stored as a rate), every
   * other attribute (MeanRate, OneMinuteRate, percentiles) is a gauge.
   */
  static SeriesKind meterAttributeKind(String attribute) {
    return "Count".equals(attribute) ? SeriesKind.COUNTER : SeriesKind.GAUGE;
  }

  /** Whether an attribute of this declared type (MBeanAttributeInfo.getType) may hold a number. */
  static boolean numericType(String type) {
    switch (type) {
      case "byte": case "short": case "int": case "long": case "float": case "double": case "boolean":
      case "java.lang.Byte": case "java.lang.Short": case "java.lang.Integer": case "java.lang.Long":
      case "java.lang.Float": case "java.lang.Double": case "java.lang.Boolean": case "java.lang.Number":
      case "java.lang.Object": case "javax.management.openmbean.CompositeData":
        return true;
      default:
        return false;
    }
  }

  /** The JMX sources of catalogue metrics; metrics read some other way are left out. */
  public static List<JmxSource> of(List<MetricSpec> specs) {
    List<JmxSource> out = new ArrayList<>();
    for (MetricSpec s : specs) {
      if (s.source.startsWith("jmx ")) out.add(parse(s));
    }
    return out;
  }

  static JmxSource parse(MetricSpec spec) {
    String rest = spec.source.substring(4).trim();
    int space = rest.indexOf(' ');
    if (space < 0) throw new IllegalArgumentException(spec.name + ": jmx source '" + spec.source + "' names no attribute");
    ObjectName pattern;
    try {
      pattern = new ObjectName(rest.substring(0, space));
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException(spec.name + ": bad MBean pattern in '" + spec.source + "': " + e.getMessage(), e);
    }
    String[] names = rest.substring(space + 1).split(",");
    String[] attributes = new String[names.length];
    String[] items = new String[names.length];
    SeriesKind[] kinds = new SeriesKind[names.length];
    for (int i = 0; i < names.length; i++) {
      String a = names[i].trim();
      int dot = a.indexOf('.');
      attributes[i] = dot < 0 ? a : a.substring(0, dot);
      items[i] = dot < 0 ? null : a.substring(dot + 1);
      // One attribute: the catalogue's kind. Several (a Yammer timer): Count counts, the rest are gauges.
      kinds[i] = names.length == 1 ? ("counter".equals(spec.kind) ? SeriesKind.COUNTER : SeriesKind.GAUGE)
          : meterAttributeKind(attributes[i]);
    }
    return new JmxSource(spec.name, pattern, attributes, items, kinds, false);
  }

  /** Whether key property {@code key} of a matched name becomes a label. */
  boolean labels(String key) {
    return (everyAttribute || !IGNORED_KEYS.contains(key))
        && (pattern.getKeyProperty(key) == null || pattern.isPropertyValuePattern(key));
  }

  @Override
  public String toString() {
    return everyAttribute ? "<domain> <- " + pattern + " every numeric attribute"
        : series + " <- " + pattern + " " + Arrays.toString(attributes);
  }
}
