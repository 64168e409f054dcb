package org.doflamingo.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {
  static final String FULL = "{"
      + "\"storage\": {\"path\": \"/var/lib/doflamingo\", \"tiers\": \"2s:1d,1m:14d\", \"rrdcached\": \"unix:/run/rrdcached.sock\"},"
      + "\"intervalSeconds\": 5,"
      + "\"kafka\": [{\"name\": \"prod\", \"brokers\": ["
      + "   {\"id\": 1, \"host\": \"k1\", \"jmxPort\": 9999, \"bootstrap\": \"k1:9092\"},"
      + "   {\"host\": \"k2\", \"jmxPort\": 9999}],"
      + "  \"clients\": [{\"name\": \"billing-consumer\", \"host\": \"c1\", \"jmxPort\": 9997}],"
      + "  \"jmx\": {\"user\": \"monitor\", \"password\": \"s3cret-jmx\"}, \"jmxSsl\": true,"
      + "  \"sasl\": {\"user\": \"admin\", \"password\": \"s3cret-sasl\"}}],"
      + "\"zookeeper\": [{\"name\": \"zk\", \"servers\": [{\"host\": \"z1\", \"clientPort\": 2181, \"adminPort\": 8080, \"jmxPort\": 9998},"
      + "   {\"host\": \"z2\"}]}],"
      + "\"flume\": [{\"name\": \"collector-1\", \"host\": \"f1\", \"httpPort\": 41414}]"
      + "}";

  @Test
  void readsEverySection() throws Exception {
    MonitorConfig c = MonitorConfig.parse(FULL);
    assertEquals(Paths.get("/var/lib/doflamingo"), c.storagePath);
    assertEquals("2s:1d,1m:14d", c.tiers);
    assertEquals("unix:/run/rrdcached.sock", c.rrdcached);
    assertEquals(5, c.intervalSeconds);
    KafkaClusterConfig k = c.kafka.get(0);
    assertEquals("prod", k.name);
    assertEquals("k1:9092,k2:9092", k.bootstrapServers());
    assertEquals(1, k.brokers.get(0).id);
    assertEquals(-1, k.brokers.get(1).id, "no id: labelled by address");
    assertEquals("billing-consumer", k.clients.get(0).name);
    assertEquals(9997, k.clients.get(0).jmxPort);
    assertEquals("monitor", k.jmx.user());
    assertEquals("s3cret-jmx", k.jmx.password());
    assertTrue(k.jmxSsl);
    assertEquals("s3cret-sasl", k.security.credentials.password(), "the older sasl form: SASL_PLAINTEXT with PLAIN");
    assertEquals(KafkaSecurity.Protocol.SASL_PLAINTEXT, k.security.protocol);
    assertEquals("PLAIN", k.security.mechanism);
    ZooKeeperEnsembleConfig.Server z2 = c.zookeeper.get(0).servers.get(1);
    assertEquals(2181, z2.clientPort);
    assertEquals(0, z2.adminPort, "not configured: not read");
    assertEquals(41414, c.flume.get(0).httpPort);
  }

  @Test
  void defaultsAreSensible() throws Exception {
    MonitorConfig c = MonitorConfig.parse("{\"storage\": {\"path\": \"data\"}, \"flume\": [{\"name\": \"a\", \"host\": \"h\", \"httpPort\": 1}]}");
    assertEquals(2, c.intervalSeconds);
    assertNull(c.tiers);
    assertNull(c.rrdcached);
    assertTrue(c.kafka.isEmpty());
  }

  @Test
  void passwordsNeverShowInTextOrErrors() throws Exception {
    MonitorConfig c = MonitorConfig.parse(FULL);
    assertFalse(c.toString().contains("s3cret"), c.toString());
    assertTrue(c.toString().contains("password=****"), c.toString());
    String error = errorOf(FULL.replace("\"password\": \"s3cret-jmx\"", "\"password\": 12345678"));
    assertFalse(error.contains("12345678"), error);
    assertTrue(error.startsWith("kafka[0].jmx.password: "), error);
  }

  @Test
  void passwordFromFileOrEnvironment(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("jmx.password");
    Files.write(file, "from-file\n".getBytes(StandardCharsets.UTF_8));
    String json = FULL.replace("\"password\": \"s3cret-jmx\"", "\"passwordFile\": \"" + file + "\"");
    assertEquals("from-file", MonitorConfig.parse(json).kafka.get(0).jmx.password());
    String missing = errorOf(FULL.replace("\"password\": \"s3cret-jmx\"", "\"passwordFile\": \"" + tmp.resolve("nope") + "\""));
    assertTrue(missing.startsWith("kafka[0].jmx.passwordFile: cannot read"), missing);
    String unset = errorOf(FULL.replace("\"password\": \"s3cret-jmx\"", "\"passwordEnv\": \"DOFLAMINGO_SURELY_UNSET_VARIABLE\""));
    assertTrue(unset.contains("DOFLAMINGO_SURELY_UNSET_VARIABLE is not set"), unset);
    String both = errorOf(FULL.replace("\"password\": \"s3cret-jmx\"", "\"password\": \"a\", \"passwordEnv\": \"X\""));
    assertTrue(both.startsWith("kafka[0].jmx: give exactly one of"), both);
  }

  @Test
  void errorsNameTheFieldAndWhatWasExpected() {
    assertError("kafka[0].brokers[1].jmxPort: expected a port number 1-65535, got the string \"99x\"",
        FULL.replace("{\"host\": \"k2\", \"jmxPort\": 9999}", "{\"host\": \"k2\", \"jmxPort\": \"99x\"}"));
    assertError("kafka[0].brokers[1].jmxPort: expected a port number 1-65535, got the number 70000",
        FULL.replace("{\"host\": \"k2\", \"jmxPort\": 9999}", "{\"host\": \"k2\", \"jmxPort\": 70000}"));
    assertError("kafka[0].brokers[0].bootstrap: expected host:port with a port 1-65535, got \"k1\"",
        FULL.replace("\"bootstrap\": \"k1:9092\"", "\"bootstrap\": \"k1\""));
    assertError("kafka[0].brokers[1].host: is required", FULL.replace("\"host\": \"k2\", ", ""));
    assertError("kafka[0].brokers[0].jmxport: unknown setting; expected one of [bootstrap, host, id, jmxPort]",
        FULL.replace("\"host\": \"k1\", \"jmxPort\": 9999", "\"host\": \"k1\", \"jmxport\": 9999"));
    assertError("kafka[0].brokers[0].id: expected a whole number from 0 to 2147483647, got the number -3",
        FULL.replace("\"id\": 1,", "\"id\": -3,"));
    assertError("kafka[0].brokers[1].id: broker id 1 is listed twice",
        FULL.replace("{\"host\": \"k2\", \"jmxPort\": 9999}", "{\"id\": 1, \"host\": \"k2\", \"jmxPort\": 9999}"));
    assertError("kafka[0].clients[0].jmxPort: is required (a port number 1-65535)",
        FULL.replace("\"host\": \"c1\", \"jmxPort\": 9997", "\"host\": \"c1\""));
    assertError("storage: is required", "{\"flume\": [{\"name\": \"a\", \"host\": \"h\", \"httpPort\": 1}]}");
    assertError("kafka: expected a list [...], got an object", "{\"storage\": {\"path\": \"d\"}, \"kafka\": {}}");
    assertError("kafka[0].brokers: a cluster needs at least one broker",
        "{\"storage\": {\"path\": \"d\"}, \"kafka\": [{\"name\": \"x\", \"brokers\": []}]}");
    assertError("intervalSeconds: expected whole seconds from 1 to 3600", FULL.replace("\"intervalSeconds\": 5", "\"intervalSeconds\": 0.5"));
    assertError("flume[1].name: \"a\" is used twice in flume", "{\"storage\": {\"path\": \"d\"}, \"flume\": ["
        + "{\"name\": \"a\", \"host\": \"h\", \"httpPort\": 1}, {\"name\": \"a\", \"host\": \"g\", \"httpPort\": 2}]}");
    assertError("flume[0]: give httpPort (flume.monitoring.port) or jmxPort, or both",
        "{\"storage\": {\"path\": \"d\"}, \"flume\": [{\"name\": \"a\", \"host\": \"h\"}]}");
    assertError("nothing to watch: list at least one of kafka, zookeeper, flume", "{\"storage\": {\"path\": \"d\"}}");
    assertError("expected a JSON object {...} at the top", "[1, 2]");
  }

  @Test
  void kraftControllersAreListedWithTheirJmxAndCheckedLikeBrokers() throws Exception {
    String kraft = "{\"storage\": {\"path\": \"d\"}, \"kafka\": [{\"name\": \"k4\","
        + " \"brokers\": [{\"id\": 101, \"host\": \"b1\", \"jmxPort\": 9999}],"
        + " \"controllers\": [{\"id\": 1, \"host\": \"c1\", \"jmxPort\": 9999}, {\"host\": \"c2\", \"jmxPort\": 9998}]}]}";
    KafkaClusterConfig k = MonitorConfig.parse(kraft).kafka.get(0);
    assertEquals(2, k.controllers.size());
    assertEquals(1, k.controllers.get(0).id);
    assertEquals("c1", k.controllers.get(0).host);
    assertEquals(-1, k.controllers.get(1).id, "no id: labelled by host:jmxPort");
    assertEquals(9998, k.controllers.get(1).jmxPort);
    assertEquals("b1:9092", k.bootstrapServers(), "controllers are no bootstrap servers");
    assertTrue(MonitorConfig.parse(FULL).kafka.get(0).controllers.isEmpty(), "none listed: none");
    assertError("kafka[0].controllers[1].id: controller id 1 is listed twice", kraft.replace("{\"host\": \"c2\"", "{\"id\": 1, \"host\": \"c2\""));
    assertError("kafka[0].controllers[0].jmxPort: is required (a port number 1-65535)", kraft.replace(", \"jmxPort\": 9999}, {", "}, {"));
    assertError("kafka[0].controllers[0].jmxPort: b1:9999 is listed twice",
        kraft.replace("\"host\": \"c1\"", "\"host\": \"b1\""));
    assertError("kafka[0].controllers[0].bootstrap: unknown setting; expected one of [host, id, jmxPort]",
        kraft.replace("\"id\": 1, \"host\": \"c1\"", "\"id\": 1, \"bootstrap\": \"c1:9093\", \"host\": \"c1\""));
  }

  @Test
  void probeIsOffUnlessAskedForAndHasDefaults() throws Exception {
    assertNull(MonitorConfig.parse(FULL).kafka.get(0).probe, "no \"probe\": no probe");
    KafkaClusterConfig.Probe p = MonitorConfig.parse(FULL.replace("\"jmxSsl\": true,", "\"jmxSsl\": true, \"probe\": {},")).kafka.get(0).probe;
    assertEquals("doflamingo-probe", p.topic);
    assertEquals(10, p.recordsPerSecond);
    assertEquals(1, p.partitionsPerBroker);
    assertEquals(0, p.replicationFactor, "0: 3, or fewer brokers");
    assertEquals(500, p.slaMs);
    assertEquals(60, p.windowSeconds);
    assertTrue(p.zeroThroughputIsUnavailable);
  }

  @Test
  void readsProbeSection() throws Exception {
    KafkaClusterConfig.Probe p = MonitorConfig.parse(FULL.replace("\"jmxSsl\": true,", "\"jmxSsl\": true, \"probe\": {"
        + "\"topic\": \"_probe.prod-1\", \"recordsPerSecond\": 5, \"partitionsPerBroker\": 2, \"replicationFactor\": 2,"
        + " \"slaMs\": 250, \"windowSeconds\": 30, \"zeroThroughputIsUnavailable\": false},")).kafka.get(0).probe;
    assertEquals("_probe.prod-1", p.topic);
    assertEquals(5, p.recordsPerSecond);
    assertEquals(2, p.partitionsPerBroker);
    assertEquals(2, p.replicationFactor);
    assertEquals(250, p.slaMs);
    assertEquals(30, p.windowSeconds);
    assertFalse(p.zeroThroughputIsUnavailable);
  }

  @Test
  void probeErrorsNameTheField() {
    String probe = FULL.replace("\"jmxSsl\": true,", "\"jmxSsl\": true, \"probe\": PROBE,");
    assertError("kafka[0].probe: expected an object {...}, got true", probe.replace("PROBE", "true"));
    assertError("kafka[0].probe.recordsPerSecond: expected a whole number from 1 to 100, got the number 1000",
        probe.replace("PROBE", "{\"recordsPerSecond\": 1000}"));
    assertError("kafka[0].probe.windowSeconds: expected a whole number from 10 to 3600, got the number 5",
        probe.replace("PROBE", "{\"windowSeconds\": 5}"));
    assertError("kafka[0].probe.partitionsPerBroker: expected a whole number from 1 to 10, got the number 0.5",
        probe.replace("PROBE", "{\"partitionsPerBroker\": 0.5}"));
    assertError("kafka[0].probe.topic: expected a topic name of letters, digits, '.', '_' and '-' (at most 249), got \"my probe\"",
        probe.replace("PROBE", "{\"topic\": \"my probe\"}"));
    assertError("kafka[0].probe.zeroThroughputIsUnavailable: expected true or false, got the string \"no\"",
        probe.replace("PROBE", "{\"zeroThroughputIsUnavailable\": \"no\"}"));
    assertError("kafka[0].probe.rate: unknown setting; expected one of [partitionsPerBroker, recordsPerSecond, replicationFactor,"
        + " slaMs, topic, windowSeconds, zeroThroughputIsUnavailable]", probe.replace("PROBE", "{\"rate\": 3}"));
  }

  @Test
  void cadencesHaveDefaultsAndMayBeSet() throws Exception {
    KafkaClusterConfig.Cadence d = MonitorConfig.parse(FULL).kafka.get(0).cadence;
    assertEquals(30, d.partitionIntervalSeconds);
    assertEquals(10, d.groupIntervalSeconds);
    assertEquals(300, d.emptyGroupIntervalSeconds);
    assertEquals(0, d.scrapeTimeoutMs, "not set: the monitor's, most of the interval");
    assertEquals(2000, d.partitionBatchSize);
    assertEquals(1000, d.groupBatchSize);
    KafkaClusterConfig.Cadence c = MonitorConfig.parse(FULL.replace("\"jmxSsl\": true,", "\"jmxSsl\": true,"
        + " \"partitionIntervalSeconds\": 60, \"groupIntervalSeconds\": 20, \"emptyGroupIntervalSeconds\": 600,"
        + " \"scrapeTimeoutMs\": 4000, \"partitionBatchSize\": 5000, \"groupBatchSize\": 200,")).kafka.get(0).cadence;
    assertEquals(60, c.partitionIntervalSeconds);
    assertEquals(20, c.groupIntervalSeconds);
    assertEquals(600, c.emptyGroupIntervalSeconds);
    assertEquals(4000, c.scrapeTimeoutMs);
    assertEquals(5000, c.partitionBatchSize);
    assertEquals(200, c.groupBatchSize);
    // groups read every 60 s need group classes whose heartbeat (5 base steps) spans a minute (ClassCadences)
    String slow = "{\"storage\": {\"path\": \"d\"}, \"intervalSeconds\": 60, \"kafka\": [{\"name\": \"k\","
        + " \"brokers\": [{\"host\": \"h\", \"jmxPort\": 1}]}], \"series\": {\"classes\": {\"group\": {\"tiers\": \"1m:1d\"},"
        + " \"group-partition\": {\"tiers\": \"1m:1d\"}}}}";
    KafkaClusterConfig.Cadence s = MonitorConfig.parse(slow).kafka.get(0).cadence;
    assertEquals(60, s.partitionIntervalSeconds, "never faster than the interval");
    assertEquals(60, s.groupIntervalSeconds);
  }

  @Test
  void cadenceErrorsNameTheField() {
    String cadence = FULL.replace("\"jmxSsl\": true,", "\"jmxSsl\": true, CADENCE,");
    assertError("kafka[0].groupIntervalSeconds: expected at least intervalSeconds (5), got 2",
        cadence.replace("CADENCE", "\"groupIntervalSeconds\": 2"));
    assertError("kafka[0].partitionIntervalSeconds: expected at least intervalSeconds (5), got 3",
        cadence.replace("CADENCE", "\"partitionIntervalSeconds\": 3"));
    assertError("kafka[0].emptyGroupIntervalSeconds: expected at least groupIntervalSeconds (10), got 5",
        cadence.replace("CADENCE", "\"emptyGroupIntervalSeconds\": 5"));
    assertError("kafka[0].scrapeTimeoutMs: expected a whole number from 100 to 600000, got the string \"2s\"",
        cadence.replace("CADENCE", "\"scrapeTimeoutMs\": \"2s\""));
    assertError("kafka[0].partitionBatchSize: expected a whole number from 100 to 100000, got the number 10",
        cadence.replace("CADENCE", "\"partitionBatchSize\": 10"));
  }

  @Test
  void malformedJsonSaysWhere() {
    String e = errorOf("{\n  \"storage\": {\"path\": \"d\"},\n  \"kafka\": [ oops ]\n}");
    assertTrue(e.startsWith("not valid JSON at line 3, column"), e);
  }

  @Test
  void missingFileIsAClearError() {
    ConfigException e = assertThrows(ConfigException.class, () -> MonitorConfig.load(Paths.get("/nonexistent/doflamingo.json")));
    assertEquals("configuration file /nonexistent/doflamingo.json does not exist", e.getMessage());
  }

  @Test
  void aFlumeAgentMayNameItsOwnConfigurationFileWhichIsNotReadHere() throws Exception {
    String agent = "{\"storage\": {\"path\": \"d\"}, \"flume\": [{\"name\": \"web-1\", \"host\": \"h\", \"httpPort\": 1%s}]}";
    FlumeAgentConfig f = MonitorConfig.parse(String.format(agent,
        ", \"configFile\": \"/nowhere/flume.conf\", \"agentName\": \"edge\"")).flume.get(0);
    // an unreadable file is the flow graph's problem to report, never a reason to watch nothing
    assertEquals(Paths.get("/nowhere/flume.conf"), f.configFile);
    assertEquals("edge", f.agentName);
    assertEquals("flume[0].configFile", f.configFileField);
    FlumeAgentConfig plain = MonitorConfig.parse(String.format(agent, "")).flume.get(0);
    assertNull(plain.configFile);
    assertEquals("web-1", plain.agentName, "the agent's name in its file defaults to its name here");
    assertError("flume[0].configFile: expected a string, got the number 3", String.format(agent, ", \"configFile\": 3"));
    assertError("flume[0].agentName: a Flume agent name has no dots or white space, got \"a.b\"",
        String.format(agent, ", \"configFile\": \"f\", \"agentName\": \"a.b\""));
    assertError("flume[0].agentName: is only used with configFile", String.format(agent, ", \"agentName\": \"edge\""));
  }

  private static void assertError(String expected, String json) {
    assertEquals(expected, errorOf(json));
  }

  @Test
  void zooKeeperOverTls(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path trust = Files.write(tmp.resolve("ca.p12"), new byte[] {1});
    Path key = Files.write(tmp.resolve("client.p12"), new byte[] {1});
    String zk = "{\"storage\": {\"path\": \"d\"}, \"zookeeper\": [{\"name\": \"zk\", \"adminHttps\": true, \"jmxSsl\": true,"
        + " \"tls\": {\"trustStore\": {\"path\": \"" + trust + "\", \"password\": \"t-secret\"}, \"keyStore\": {\"path\": \"" + key
        + "\", \"password\": \"k-secret\"}}, \"servers\": [{\"host\": \"z1\", \"secureClientPort\": 2281, \"adminPort\": 8443}]}]}";
    ZooKeeperEnsembleConfig z = MonitorConfig.parse(zk).zookeeper.get(0);
    assertEquals(2281, z.servers.get(0).secureClientPort);
    assertEquals(2181, z.servers.get(0).clientPort, "still names the server");
    assertTrue(z.adminHttps);
    assertTrue(z.jmxSsl);
    assertEquals("t-secret", z.trustStore.password());
    assertEquals("k-secret", z.keyStore.password());
    assertFalse(z.toString().contains("secret"), z.toString());
    assertEquals("zookeeper[0].tls: used by nothing: give a server a secureClientPort, or adminHttps: true",
        errorOf(zk.replace("\"adminHttps\": true, ", "").replace("\"secureClientPort\": 2281, ", "")));
    assertEquals("zookeeper[0].tls.trustStore.type: expected PKCS12 or JKS here (Java reads no PEM store), got \"PEM\"",
        errorOf(zk.replace("\"password\": \"t-secret\"", "\"type\": \"PEM\"")));
    assertEquals("zookeeper[0].servers[0].secureClientPort: expected a port number 1-65535, got the number 0",
        errorOf(zk.replace("2281", "0")));
  }

  private static String errorOf(String json) {
    return assertThrows(ConfigException.class, () -> MonitorConfig.parse(json)).getMessage();
  }

  @Test
  void theEventLogsRetentionHasDefaultsAndMayBeSet() throws Exception {
    String flume = ", \"flume\": [{\"name\": \"a\", \"host\": \"h\", \"httpPort\": 1}]}";
    MonitorConfig d = MonitorConfig.parse("{\"storage\": {\"path\": \"d\"}" + flume);
    assertEquals(90, d.eventMaxAgeDays);
    assertEquals(256, d.eventMaxMegabytes);
    MonitorConfig c = MonitorConfig.parse("{\"storage\": {\"path\": \"d\", \"events\": {\"maxAgeDays\": 30, \"maxMegabytes\": 64}}" + flume);
    assertEquals(30, c.eventMaxAgeDays);
    assertEquals(64, c.eventMaxMegabytes);
    String zero = errorOf("{\"storage\": {\"path\": \"d\", \"events\": {\"maxAgeDays\": 0}}" + flume);
    org.junit.jupiter.api.Assertions.assertTrue(zero.startsWith("storage.events.maxAgeDays: expected a whole number from 1 to 36500"), zero);
    String unknown = errorOf("{\"storage\": {\"path\": \"d\", \"events\": {\"maxBytes\": 5}}" + flume);
    org.junit.jupiter.api.Assertions.assertTrue(unknown.startsWith("storage.events.maxBytes: unknown setting"), unknown);
  }
}
