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

  private JmxSource(String series, ObjectName pattern, String[] attributes, String[] items, SeriesKind[] kinds) {
    this.series = series;
    this.pattern = pattern;
    this.attributes = attributes;
    this.items = items;
    this.kinds = kinds;
    this.attributeLabel = attributes.length > 1;
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
          : SeriesKind.ofMeterAttribute(attributes[i]);
    }
    return new JmxSource(spec.name, pattern, attributes, items, kinds);
  }

  /** Whether key property {@code key} of a matched name becomes a label. */
  boolean labels(String key) {
    return !IGNORED_KEYS.contains(key) && (pattern.getKeyProperty(key) == null || pattern.isPropertyValuePattern(key));
  }

  @Override
  public String toString() {
    return series + " <- " + pattern + " " + Arrays.toString(attributes);
  }
}
