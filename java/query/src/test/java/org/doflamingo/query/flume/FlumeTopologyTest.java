package org.doflamingo.query.flume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.doflamingo.config.FlumeAgentConfig;
import org.doflamingo.config.MonitorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlumeTopologyTest {
  /** The seed's transport network in small: a client node sending to a splitter over avro, with a failover group. */
  static final String EDGE = ""
      + "# client node\n"
      + "edge.sources = web\n"
      + "edge.channels = mem spill\n"
      + "edge.sinks = toCollector1 toCollector2 audit\n"
      + "edge.sources.web.type = http\n"
      + "edge.sources.web.bind = 0.0.0.0\n"
      + "edge.sources.web.port = 8081\n"
      + "edge.sources.web.channels = mem spill\n"
      + "edge.sources.web.selector.type = replicating\n"
      + "edge.channels.mem.type = memory\n"
      + "edge.channels.mem.capacity = 10000\n"
      + "edge.channels.spill.type = org.apache.flume.channel.file.FileChannel\n"
      + "edge.sinks.toCollector1.type = avro\n"
      + "edge.sinks.toCollector1.hostname = collector-1.example.com\n"
      + "edge.sinks.toCollector1.port = 4141\n"
      + "edge.sinks.toCollector1.channel = mem\n"
      + "edge.sinks.toCollector2.type = org.apache.flume.sink.ThriftSink\n"
      + "edge.sinks.toCollector2.hostname = collector-2.example.com\n"
      + "edge.sinks.toCollector2.port : 4142\n"
      + "edge.sinks.toCollector2.channel = mem\n"
      + "edge.sinks.audit.type = hdfs\n"
      + "edge.sinks.audit.hdfs.path = hdfs://nn/flume/%Y-%m-%d\n"
      + "edge.sinks.audit.channel = spill\n"
      + "edge.sinkgroups = failover\n"
      + "edge.sinkgroups.failover.sinks = toCollector1 toCollector2\n"
      + "# another agent in the same file is not this one's\n"
      + "other.sources = x\n"
      + "other.sources.x.type = avro\n";

  @Test
  void readsComponentsWiringAndEndpoints() {
    FlumeTopology t = FlumeTopology.parse(EDGE, "edge");
    assertEquals(Collections.singletonList("web"), list(t.sources().keySet()));
    assertEquals(Arrays.asList("mem", "spill"), list(t.channels().keySet()));
    assertEquals(Arrays.asList("toCollector1", "toCollector2", "audit"), list(t.sinks().keySet()), "the file's order");
    FlumeTopology.Component web = t.sources().get("web");
    assertEquals(Arrays.asList("mem", "spill"), web.channels);
    assertEquals("http", web.alias());
    assertEquals("0.0.0.0", web.bind());
    assertEquals(8081, web.port());
    assertEquals("replicating", web.setting("selector.type"));
    assertEquals("file", t.channels().get("spill").alias(), "a built-in class reads as its alias");
    FlumeTopology.Component c1 = t.sinks().get("toCollector1");
    assertEquals(Collections.singletonList("mem"), c1.channels);
    assertEquals("collector-1.example.com", c1.hostname());
    assertEquals(4141, c1.port());
    FlumeTopology.Component c2 = t.sinks().get("toCollector2");
    assertEquals("thrift", c2.alias());
    assertEquals(4142, c2.port(), "key: value is a properties line too");
    assertEquals("hdfs://nn/flume/%Y-%m-%d", t.sinks().get("audit").hdfsPath());
    assertNull(t.sinks().get("audit").hostname());
    assertTrue(t.problems().isEmpty(), t.problems().toString());
    assertNull(t.component(FlumeTopology.Kind.SOURCE, "x"), "agent other's components are not edge's");
  }

  @Test
  void readsKafkaSinksAndSourcesInTheCurrentAndTheOldSpelling() {
    FlumeTopology t = FlumeTopology.parse(""
        + "a.sources = k old\n"
        + "a.channels = c\n"
        + "a.sinks = out legacy none\n"
        + "a.sources.k.type = org.apache.flume.source.kafka.KafkaSource\n"
        + "a.sources.k.kafka.bootstrap.servers = k1:9092, k2:9092\n"
        + "a.sources.k.kafka.topics = orders, refunds\n"
        + "a.sources.k.channels = c\n"
        + "a.sources.old.type = kafka\n"
        + "a.sources.old.channels = c\n"
        + "a.channels.c.type = memory\n"
        + "a.sinks.out.type = org.apache.flume.sink.kafka.KafkaSink\n"
        + "a.sinks.out.kafka.topic = events\n"
        + "a.sinks.out.kafka.bootstrap.servers = k1:9092\n"
        + "a.sinks.out.channel = c\n"
        + "a.sinks.legacy.type = kafka\n"
        + "a.sinks.legacy.topic = old-events\n"
        + "a.sinks.legacy.brokerList = k3:9092\n"
        + "a.sinks.legacy.channel = c\n"
        + "a.sinks.none.type = KAFKA\n"
        + "a.sinks.none.channel = c\n", "a");
    assertEquals(Arrays.asList("orders", "refunds"), t.sources().get("k").topics());
    assertEquals(Arrays.asList("k1:9092", "k2:9092"), t.sources().get("k").bootstrapServers());
    assertTrue(t.sources().get("old").topics().isEmpty(), "a Kafka source without topics reads from none we know");
    assertEquals(Collections.singletonList("events"), t.sinks().get("out").topics());
    assertEquals(Collections.singletonList("k1:9092"), t.sinks().get("out").bootstrapServers());
    assertEquals(Collections.singletonList("old-events"), t.sinks().get("legacy").topics());
    assertEquals(Collections.singletonList("k3:9092"), t.sinks().get("legacy").bootstrapServers());
    assertEquals(Collections.singletonList("default-flume-topic"), t.sinks().get("none").topics(), "Flume's default topic; aliases in any case");
    assertTrue(t.problems().isEmpty(), t.problems().toString());
  }

  @Test
  void malformedLinesBecomeProblemsNamingTheKeyAndTheRestIsStillRead() {
    FlumeTopology t = FlumeTopology.parse(""
        + "a.sources = s s lost\n"
        + "a.channels = c\n"
        + "a.sinks = k bad nohost\n"
        + "this line has no equals sign\n"
        + "=value without a key\n"
        + "a.sources.s.type = avro\n"
        + "a.sources.s.bind = 10.0.0.1\n"
        + "a.sources.s.port = 4141\n"
        + "a.sources.s.channels = c missing\n"
        + "a.sources.lost.port = 1\n"
        + "a.sources.unlisted.type = exec\n"
        + "a.sources.type = avro\n"
        + "a.channels.c.type = memory\n"
        + "a.sinks.k.type = avro\n"
        + "a.sinks.k.hostname = h\n"
        + "a.sinks.k.port = 99999\n"
        + "a.sinks.k.channel = c\n"
        + "a.sinks.bad.type = logger\n"
        + "a.sinks.bad.channel = c c2\n"
        + "a.sinks.nohost.type = avro\n"
        + "a.sinks.nohost.port = 1\n"
        + "a.sinks.nohost.channel = c\n"
        + "a.sinks.k.\n", "a");
    assertEquals(Arrays.asList("s", "lost"), list(t.sources().keySet()));
    assertEquals(Arrays.asList("c", "missing"), t.sources().get("s").channels, "kept as written, flagged below");
    assertEquals(-1, t.sinks().get("k").port());
    assertNull(t.sinks().get("k").hostname(), "no usable port: no endpoint");
    List<String> p = t.problems();
    assertHas(p, "a.sources: \"s\" is listed twice");
    assertHas(p, "a.sources.lost.type: missing; Flume will not start this source");
    assertHas(p, "a.sources.lost.channels: missing; this source is wired to no channel");
    assertHas(p, "a.sources.s.channels: channel \"missing\" is not listed in a.channels");
    assertHas(p, "a.sources.unlisted: configured but not listed in a.sources; Flume ignores it");
    assertHas(p, "a.sources.type: expected a.sources.<name>.<setting>");
    assertHas(p, "a.sinks.k.: expected a.sinks.<name>.<setting>");
    assertHas(p, "a.sinks.k.port: expected a port number 1-65535, got \"99999\"");
    assertHas(p, "a.sinks.bad.channel: a sink takes from one channel, got [c, c2]");
    assertHas(p, "a.sinks.bad.channel: channel \"c2\" is not listed in a.channels");
    assertHas(p, "a.sinks.nohost.hostname: missing; where this sink sends is unknown");
  }

  @Test
  void hostileComponentNamesAreKeptAsWrittenAndDottedOnesAreFlagged() {
    String script = "<script>alert(1)</script>";
    FlumeTopology t = FlumeTopology.parse(""
        + "a.sources = " + script + " 한글소스 \"q'uote\" a.b\n"
        + "a.channels = ch&amp;\n"
        + "a.sources." + script + ".type = http\n"
        + "a.sources." + script + ".channels = ch&amp;\n"
        + "a.sources.한글소스.type = exec\n"
        + "a.sources.한글소스.channels = ch&amp;\n"
        + "a.sources.\"q'uote\".type = exec\n"
        + "a.sources.\"q'uote\".channels = ch&amp;\n"
        + "a.sources.a.b.type = exec\n"
        + "a.channels.ch&amp;.type = memory\n"
        + "a.sources.\\u003cimg\\u003e.type = exec\n", "a");
    assertEquals(Arrays.asList(script, "한글소스", "\"q'uote\"", "a.b"), list(t.sources().keySet()));
    assertEquals(Collections.singletonList("ch&amp;"), t.sources().get(script).channels);
    assertEquals("exec", t.sources().get("한글소스").alias());
    assertHas(t.problems(), "a.sources: component \"a.b\" has a dot in its name; Flume cannot configure it");
    assertHas(t.problems(), "a.sources.<img>: configured but not listed in a.sources; Flume ignores it");
    // Flume reads "a.sources.a.b.type" as component "a", setting "b.type": the dotted one has no type
    assertNull(t.sources().get("a.b").type);
  }

  @Test
  void aFileForAnotherAgentSaysSo() {
    FlumeTopology t = FlumeTopology.parse(EDGE, "collector");
    assertTrue(t.sources().isEmpty() && t.sinks().isEmpty());
    assertHas(t.problems(), "no key starts with \"collector.\": the file does not configure agent collector");
  }

  @Test
  void unreadableFilesGiveAnErrorNamingTheFile(@TempDir Path dir) throws IOException {
    IOException missing = assertThrows(IOException.class, () -> FlumeTopology.read(dir.resolve("none.conf"), "a"));
    assertEquals(dir.resolve("none.conf") + " does not exist", missing.getMessage());
    Path latin1 = dir.resolve("latin1.conf");
    Files.write(latin1, "a.sources = caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(latin1 + " is not UTF-8 text", assertThrows(IOException.class, () -> FlumeTopology.read(latin1, "a")).getMessage());
    Path escape = dir.resolve("escape.conf");
    Files.write(escape, "a.sources = \\u12\n".getBytes(StandardCharsets.UTF_8));
    assertTrue(assertThrows(IOException.class, () -> FlumeTopology.read(escape, "a")).getMessage()
        .startsWith(escape + " is not a properties file: Malformed \\uxxxx encoding"));
  }

  @Test
  void theCacheRereadsAChangedFileAndReportsTheConfigFieldWhenItCannot(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("flume.conf");
    Files.write(conf, EDGE.getBytes(StandardCharsets.UTF_8));
    FlumeAgentConfig agent = watching("\"flume\": [{\"name\": \"web-1\", \"agentName\": \"edge\", \"host\": \"h\", "
        + "\"httpPort\": 1, \"configFile\": \"" + conf.toString().replace("\\", "\\\\") + "\"}]").flume.get(0);
    FlumeTopologies cache = new FlumeTopologies();
    FlumeTopologies.Result first = cache.get(agent);
    assertNotNull(first.topology);
    assertEquals(3, first.topology.sinks().size());
    assertSame(first, cache.get(agent), "unchanged: not read again");

    // reconfigured: one sink fewer, same second (only the modification time's full precision tells)
    Files.write(conf, EDGE.replace("toCollector1 toCollector2 audit", "toCollector1 audit").getBytes(StandardCharsets.UTF_8));
    FlumeTopologies.Result second = cache.get(agent);
    assertEquals(Arrays.asList("toCollector1", "audit"), list(second.topology.sinks().keySet()));

    Files.setLastModifiedTime(conf, FileTime.fromMillis(Files.getLastModifiedTime(conf).toMillis() + 1000));
    Files.delete(conf);
    FlumeTopologies.Result gone = cache.get(agent);
    assertNull(gone.topology);
    assertEquals("flume[0].configFile: " + conf + " does not exist", gone.error);

    Files.write(conf, new byte[] {(byte) 0xff, (byte) 0xfe});
    assertEquals("flume[0].configFile: " + conf + " is not UTF-8 text", cache.get(agent).error);

    FlumeAgentConfig without = watching("\"flume\": [{\"name\": \"x\", \"host\": \"h\", \"httpPort\": 1}]").flume.get(0);
    assertNull(cache.get(without).topology);
    assertNull(cache.get(without).error, "no file given: nothing wrong, wiring assumed");
  }

  private static List<String> list(java.util.Collection<String> c) {
    return new java.util.ArrayList<>(c);
  }

  private static void assertHas(List<String> problems, String expected) {
    assertTrue(problems.contains(expected), "expected problem \"" + expected + "\" in " + problems);
  }

  private static MonitorConfig watching(String watched) throws Exception {
    return MonitorConfig.parse("{\"storage\": {\"path\": \"target/unused\"}, " + watched + "}");
  }
}
