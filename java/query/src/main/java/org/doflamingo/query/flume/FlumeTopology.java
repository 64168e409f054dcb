package org.doflamingo.query.flume;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How one Flume agent is wired, read from its properties file (the file {@code flume-ng agent -f}
 * reads): the sources, channels and sinks the agent lists ({@code <agent>.sources},
 * {@code .channels}, {@code .sinks}), each with its {@code type} and settings, which channels a
 * source puts into ({@code <agent>.sources.<s>.channels}) and which channel a sink takes from
 * ({@code <agent>.sinks.<k>.channel}), and where it reaches beyond the agent: an avro/thrift/http
 * source's {@code bind}:{@code port}, an avro/thrift sink's {@code hostname}:{@code port}, a Kafka
 * sink's {@code kafka.topic} on {@code kafka.bootstrap.servers}, a Kafka source's
 * {@code kafka.topics}, an HDFS sink's {@code hdfs.path}.
 *
 * <p>The file is read as Flume reads it ({@link Properties#load}, so escapes, continuations and
 * "last one wins" are Flume's), and split into keys as Flume's {@code AgentConfiguration} does: the
 * component name is what follows the section up to the next dot, the rest is the setting. What
 * Flume would refuse or ignore is kept as a {@link #problems() problem} in words, never thrown: a
 * half-wrong file still shows what it does say. Component names are kept exactly as written
 * (markup, quotes, any script); displaying them safely is the page's job.
 */
public final class FlumeTopology {
  /** Largest file read: a Flume configuration is kilobytes; this only guards the server. */
  public static final int MAX_BYTES = 4 << 20;

  /** SOURCE, CHANNEL, SINK: the section names as Flume's {@code /metrics} spells component types. */
  public enum Kind {
    SOURCE("sources"), CHANNEL("channels"), SINK("sinks");

    final String section;

    Kind(String section) {
      this.section = section;
    }
  }

  /** One listed component with its settings (keys without the {@code <agent>.<section>.<name>.} prefix). */
  public static final class Component {
    public final Kind kind;
    public final String name;
    /** {@code type} as written (an alias such as {@code avro} or a class name); null when missing. */
    public final String type;
    /** A source's channels, a sink's one channel, in the file's order; empty for a channel. */
    public final List<String> channels;
    public final Map<String, String> settings;

    Component(Kind kind, String name, Map<String, String> settings) {
      this.kind = kind;
      this.name = name;
      this.settings = Collections.unmodifiableMap(settings);
      this.type = settings.get("type");
      String wired = kind == Kind.SOURCE ? settings.get("channels") : kind == Kind.SINK ? settings.get("channel") : null;
      this.channels = Collections.unmodifiableList(split(wired));
    }

    /**
     * The type as Flume's alias, lower case ({@code avro}, {@code thrift}, {@code http}, {@code kafka},
     * {@code hdfs}, {@code memory}, {@code file}, ...): the built-in class names are mapped to their
     * alias, so {@code org.apache.flume.sink.kafka.KafkaSink} reads as {@code kafka}. A custom class
     * stays its class name; null when there is no type.
     */
    public String alias() {
      if (type == null) return null;
      String alias = CLASS_ALIASES.get(type);
      return alias != null ? alias : type.toLowerCase(Locale.ROOT);
    }

    public String setting(String key) {
      return settings.get(key);
    }

    /** The port setting as a number 1-65535, or -1 when absent or not a port. */
    public int port() {
      String p = settings.get("port");
      if (p == null || !p.trim().matches("[0-9]{1,5}")) return -1;
      int n = Integer.parseInt(p.trim());
      return n >= 1 && n <= 65535 ? n : -1;
    }

    /** For an avro, thrift or http source: {@code bind} (as written) when it and a port are set; else null. */
    public String bind() {
      return kind == Kind.SOURCE && LISTENING_SOURCES.contains(alias()) && port() > 0 ? trimmed("bind") : null;
    }

    /** For an avro or thrift sink: {@code hostname} when it and a port are set; else null. */
    public String hostname() {
      return kind == Kind.SINK && RPC_SINKS.contains(alias()) && port() > 0 ? trimmed("hostname") : null;
    }

    /**
     * For a Kafka sink, its topic ({@code kafka.topic}, else the older {@code topic}, else Flume's
     * default {@code default-flume-topic}); for a Kafka source every topic of {@code kafka.topics}
     * (else the older {@code topics}), comma-separated there ({@code kafka.topics.regex} names no
     * topic and is not followed); else empty.
     */
    public List<String> topics() {
      if (!"kafka".equals(alias())) return Collections.emptyList();
      if (kind == Kind.SINK) {
        String t = first("kafka.topic", "topic");
        return Collections.singletonList(t != null ? t : "default-flume-topic");
      }
      if (kind == Kind.SOURCE) {
        String t = first("kafka.topics", "topics");
        List<String> out = new ArrayList<>();
        if (t != null) for (String s : t.split(",")) if (!s.trim().isEmpty()) out.add(s.trim());
        return out;
      }
      return Collections.emptyList();
    }

    /** A Kafka sink's or source's bootstrap servers ({@code kafka.bootstrap.servers}, else {@code brokerList}), split; else empty. */
    public List<String> bootstrapServers() {
      if (!"kafka".equals(alias()) || kind == Kind.CHANNEL) return Collections.emptyList();
      String s = first("kafka.bootstrap.servers", "brokerList");
      List<String> out = new ArrayList<>();
      if (s != null) for (String a : s.split(",")) if (!a.trim().isEmpty()) out.add(a.trim());
      return out;
    }

    /** An HDFS sink's {@code hdfs.path}; else null. */
    public String hdfsPath() {
      return kind == Kind.SINK && "hdfs".equals(alias()) ? trimmed("hdfs.path") : null;
    }

    private String first(String... keys) {
      for (String k : keys) {
        String v = trimmed(k);
        if (v != null) return v;
      }
      return null;
    }

    private String trimmed(String key) {
      String v = settings.get(key);
      return v == null || v.trim().isEmpty() ? null : v.trim();
    }

    @Override
    public String toString() {
      return kind + "." + name + (type != null ? " (" + type + ")" : "");
    }
  }

  /** The built-in classes Flume 1.11 also knows by an alias. */
  private static final Map<String, String> CLASS_ALIASES = new TreeMap<>();

  static {
    String[][] pairs = {
        {"org.apache.flume.source.AvroSource", "avro"}, {"org.apache.flume.source.ThriftSource", "thrift"},
        {"org.apache.flume.source.http.HTTPSource", "http"}, {"org.apache.flume.source.kafka.KafkaSource", "kafka"},
        {"org.apache.flume.source.SpoolDirectorySource", "spooldir"}, {"org.apache.flume.source.ExecSource", "exec"},
        {"org.apache.flume.source.taildir.TaildirSource", "taildir"}, {"org.apache.flume.source.NetcatSource", "netcat"},
        {"org.apache.flume.sink.AvroSink", "avro"}, {"org.apache.flume.sink.ThriftSink", "thrift"},
        {"org.apache.flume.sink.kafka.KafkaSink", "kafka"}, {"org.apache.flume.sink.hdfs.HDFSEventSink", "hdfs"},
        {"org.apache.flume.sink.LoggerSink", "logger"}, {"org.apache.flume.sink.NullSink", "null"},
        {"org.apache.flume.sink.RollingFileSink", "file_roll"},
        {"org.apache.flume.channel.MemoryChannel", "memory"}, {"org.apache.flume.channel.file.FileChannel", "file"},
        {"org.apache.flume.channel.kafka.KafkaChannel", "kafka"},
        {"org.apache.flume.channel.SpillableMemoryChannel", "spillablememory"}};
    for (String[] p : pairs) CLASS_ALIASES.put(p[0], p[1]);
  }

  private static final List<String> LISTENING_SOURCES = Arrays.asList("avro", "thrift", "http");
  private static final List<String> RPC_SINKS = Arrays.asList("avro", "thrift");

  private final String agent;
  private final Map<String, Component> sources;
  private final Map<String, Component> channels;
  private final Map<String, Component> sinks;
  private final List<String> problems;

  private FlumeTopology(String agent, Map<String, Component> sources, Map<String, Component> channels,
      Map<String, Component> sinks, List<String> problems) {
    this.agent = agent;
    this.sources = Collections.unmodifiableMap(sources);
    this.channels = Collections.unmodifiableMap(channels);
    this.sinks = Collections.unmodifiableMap(sinks);
    this.problems = Collections.unmodifiableList(problems);
  }

  /**
   * Reads agent {@code agent}'s part of a properties file.
   *
   * @throws IOException the file cannot be read, is larger than {@link #MAX_BYTES}, is not UTF-8 or
   *     not a properties file (a broken {@code \\u} escape); the message says which, naming the file
   */
  public static FlumeTopology read(Path file, String agent) throws IOException {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) throw new IOException(file + " is " + size + " bytes; a Flume configuration of more than " + MAX_BYTES + " is refused");
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException(file + " does not exist", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new IOException(file + " cannot be read (permission denied)", e);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException(file + " is not UTF-8 text", e);
    }
    try {
      return parse(text, agent);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is not a properties file: " + e.getMessage(), e);
    }
  }

  /**
   * Reads agent {@code agent}'s part of properties text.
   *
   * @throws IllegalArgumentException the text has a malformed {@code \\u} escape (Flume refuses such a file too)
   */
  public static FlumeTopology parse(String text, String agent) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new IllegalStateException("a StringReader does not fail", e);
    }
    // Properties is a hash table: sort the keys so problems come out in a stable order.
    Map<String, String> all = new TreeMap<>();
    for (String k : p.stringPropertyNames()) all.put(k, p.getProperty(k));
    List<String> problems = new ArrayList<>();
    String prefix = agent + ".";
    boolean any = false;
    for (String k : all.keySet()) any |= k.startsWith(prefix);
    if (!any) problems.add("no key starts with \"" + prefix + "\": the file does not configure agent " + agent);

    Map<Kind, Map<String, Map<String, String>>> settings = new LinkedHashMap<>();
    Map<Kind, List<String>> listed = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      settings.put(kind, new LinkedHashMap<>());
      listed.put(kind, split(all.get(prefix + kind.section)));
      for (String name : listed.get(kind)) {
        if (name.contains(".")) {
          problems.add(prefix + kind.section + ": component \"" + name + "\" has a dot in its name; Flume cannot configure it");
        }
      }
    }
    for (Map.Entry<String, String> e : all.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(prefix)) continue;
      String rest = key.substring(prefix.length());
      Kind kind = null;
      for (Kind k : Kind.values()) if (rest.startsWith(k.section + ".")) kind = k;
      if (kind == null) continue; // the lists themselves, sinkgroups, configfilters: not wiring
      String tail = rest.substring(kind.section.length() + 1);
      int dot = tail.indexOf('.');
      if (dot <= 0 || dot == tail.length() - 1) {
        problems.add(key + ": expected " + prefix + kind.section + ".<name>.<setting>");
        continue;
      }
      settings.get(kind).computeIfAbsent(tail.substring(0, dot), n -> new LinkedHashMap<>())
          .put(tail.substring(dot + 1), e.getValue());
    }

    Map<Kind, Map<String, Component>> components = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      Map<String, Component> out = new LinkedHashMap<>();
      for (String name : listed.get(kind)) {
        if (out.containsKey(name)) {
          problems.add(prefix + kind.section + ": \"" + name + "\" is listed twice");
          continue;
        }
        Map<String, String> s = settings.get(kind).get(name);
        Component c = new Component(kind, name, s == null ? new LinkedHashMap<>() : s);
        if (c.type == null) problems.add(prefix + kind.section + "." + name + ".type: missing; Flume will not start this " + kind.name().toLowerCase(Locale.ROOT));
        out.put(name, c);
      }
      for (String name : settings.get(kind).keySet()) {
        if (!out.containsKey(name)) {
          problems.add(prefix + kind.section + "." + name + ": configured but not listed in " + prefix + kind.section + "; Flume ignores it");
        }
      }
      components.put(kind, out);
    }
    Map<String, Component> channels = components.get(Kind.CHANNEL);
    for (Component c : components.get(Kind.SOURCE).values()) checkWiring(prefix, c, "channels", channels, problems);
    for (Component c : components.get(Kind.SINK).values()) {
      checkWiring(prefix, c, "channel", channels, problems);
      if (c.channels.size() > 1) problems.add(prefix + "sinks." + c.name + ".channel: a sink takes from one channel, got " + c.channels);
    }
    for (Kind kind : new Kind[] {Kind.SOURCE, Kind.SINK}) {
      for (Component c : components.get(kind).values()) {
        boolean reaches = kind == Kind.SOURCE ? LISTENING_SOURCES.contains(c.alias()) : RPC_SINKS.contains(c.alias());
        if (reaches && c.port() < 0) {
          problems.add(prefix + kind.section + "." + c.name + ".port: expected a port number 1-65535, got "
              + (c.setting("port") == null ? "nothing" : "\"" + c.setting("port") + "\""));
        } else if (kind == Kind.SINK && reaches && c.hostname() == null) {
          problems.add(prefix + "sinks." + c.name + ".hostname: missing; where this sink sends is unknown");
        }
      }
    }
    return new FlumeTopology(agent, components.get(Kind.SOURCE), channels, components.get(Kind.SINK), problems);
  }

  private static void checkWiring(String prefix, Component c, String setting, Map<String, Component> channels, List<String> problems) {
    String key = prefix + c.kind.section + "." + c.name + "." + setting;
    if (c.channels.isEmpty()) problems.add(key + ": missing; this " + c.kind.name().toLowerCase(Locale.ROOT) + " is wired to no channel");
    for (String ch : c.channels) {
      if (!channels.containsKey(ch)) problems.add(key + ": channel \"" + ch + "\" is not listed in " + prefix + "channels");
    }
  }

  /** A Flume list: names separated by white space, as Flume splits them. */
  private static List<String> split(String list) {
    List<String> out = new ArrayList<>();
    if (list == null) return out;
    for (String s : list.trim().split("\\s+")) if (!s.isEmpty()) out.add(s);
    return out;
  }

  public String agent() {
    return agent;
  }

  /** Listed sources in the file's order; likewise {@link #channels()} and {@link #sinks()}. */
  public Map<String, Component> sources() {
    return sources;
  }

  public Map<String, Component> channels() {
    return channels;
  }

  public Map<String, Component> sinks() {
    return sinks;
  }

  /** The component of that kind and name, or null. */
  public Component component(Kind kind, String name) {
    return (kind == Kind.SOURCE ? sources : kind == Kind.CHANNEL ? channels : sinks).get(name);
  }

  /** What Flume would refuse or ignore, one sentence each naming the key. */
  public List<String> problems() {
    return problems;
  }

  @Override
  public String toString() {
    return "FlumeTopology{" + agent + ": sources " + sources.keySet() + ", channels " + channels.keySet() + ", sinks "
        + sinks.keySet() + (problems.isEmpty() ? "" : ", " + problems.size() + " problems") + "}";
  }
}
