package org.doflamingo.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A series' identity: metric name plus labels sorted by key, e.g.
 * {@code kafka.server.BrokerTopicMetrics.MessagesInPerSec{broker="1",cluster="prod",topic="orders"}}.
 * Label values may hold any text; the engine checks limits (32 labels, 512-byte names, 1 KiB values).
 */
public final class SeriesKey {
  private final String name;
  private final SortedMap<String, String> labels;

  private SeriesKey(String name, SortedMap<String, String> labels) {
    this.name = Objects.requireNonNull(name, "name");
    this.labels = Collections.unmodifiableSortedMap(labels);
  }

  /** A key from a name and alternating label keys and values. */
  public static SeriesKey of(String name, String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("labels must come as key/value pairs; got an odd count");
    }
    SortedMap<String, String> labels = new TreeMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (labels.put(Objects.requireNonNull(keysAndValues[i], "label key"),
          Objects.requireNonNull(keysAndValues[i + 1], "label value")) != null) {
        throw new IllegalArgumentException("label '" + keysAndValues[i] + "' appears twice");
      }
    }
    return new SeriesKey(name, labels);
  }

  public static SeriesKey of(String name, Map<String, String> labels) {
    return new SeriesKey(name, new TreeMap<>(labels));
  }

  public String name() {
    return name;
  }

  public SortedMap<String, String> labels() {
    return labels;
  }

  public String label(String key) {
    return labels.get(key);
  }

  byte[] encode() {
    List<String> fields = new ArrayList<>(1 + 2 * labels.size());
    fields.add(name);
    for (Map.Entry<String, String> e : labels.entrySet()) {
      fields.add(e.getKey());
      fields.add(e.getValue());
    }
    return Utf8Strings.encode(fields);
  }

  static SeriesKey decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /** Keys sent as one list of key forms (the engine's bulk answer). */
  static List<SeriesKey> decodeAll(byte[] flat) {
    return Utf8Strings.decodeItems(flat, 0, flat.length, SeriesKey::decode);
  }

  private static SeriesKey decode(byte[] data, int offset, int length) {
    List<String> f = Utf8Strings.decode(data, offset, length);
    SortedMap<String, String> labels = new TreeMap<>();
    for (int i = 1; i + 1 < f.size(); i += 2) labels.put(f.get(i), f.get(i + 1));
    return new SeriesKey(f.get(0), labels);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesKey && ((SeriesKey) o).name.equals(name) && ((SeriesKey) o).labels.equals(labels);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + labels.hashCode();
  }

  /** For logs: name{k="v",...}, quotes and backslashes escaped. Not for HTML: escape it there. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!first) sb.append(',');
      first = false;
      sb.append(e.getKey()).append("=\"")
          .append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return sb.append('}').toString();
  }
}
