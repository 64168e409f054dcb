package org.doflamingo.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doflamingo.cluster.BrokerSettings;
import org.doflamingo.cluster.KafkaBroker;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.cluster.Ports;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.doflamingo.cluster.security.SecuredJmx;
import org.doflamingo.cluster.security.SecuredListeners;
import org.doflamingo.cluster.security.TestKdc;
import org.doflamingo.cluster.security.TestPki;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.catalogue.MetricNames;
import org.doflamingo.collect.kafka.KafkaCollectors;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.Scheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every security mode against one real broker (ZooKeeper mode, 3.9) that opens them all at once
 * (SecuredListeners.standard: SSL, mutual TLS, SASL_SSL, SASL_PLAINTEXT with PLAIN, both SCRAMs
 * and GSSAPI against a real KDC), watched by one monitor through one configuration with a Kafka
 * cluster per mode, as an operator writes it: each cluster's Admin target UP with the lag of a
 * group read, and its probe producing and consuming over the same settings. Then the
 * misconfigurations, a cluster each: wrong password, untrusted certificate, no client certificate
 * where one is required, a mechanism the listener does not offer, a principal not in its keytab,
 * a keytab gone: each Admin target DOWN with a one-line reason naming the cluster and the cause,
 * and no stack trace in the log while they keep failing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredConnectionsIT {
  private static final String USER = "monitor";
  private static final String GROUP = "secured-group";
  private static final String TOPIC = "secured-lag";
  private static final long LAG = 5;
  private static final int INTERVAL_SECONDS = 3;
  /** Refused clusters that have a probe too: it is DOWN for the same reason, and stops retrying by itself. */
  private static final List<String> PROBED_FAILURES = java.util.Arrays.asList("bad-password", "untrusted");

  private final Path base = Paths.get("target", "it", "secured").toAbsolutePath();
  private final String password = randomPassword();
  private TestKdc kdc;
  private ZooKeeperEnsemble zk;
  private KafkaCluster kafka;
  private Monitor monitor;
  private final Map<String, Monitor.Target> admins = new HashMap<>();
  private final Map<String, Monitor.Target> probes = new HashMap<>();
  /** The broker's JMX, password-protected and over TLS, as configured by the clusters that name its port. */
  private final Map<String, Monitor.Target> jmxTargets = new HashMap<>();

  @BeforeAll
  void start() throws Exception {
    Files.createDirectories(base);
    TestPki pki = TestPki.create(base.resolve("pki"));
    kdc = TestKdc.start(base.resolve("kdc"));
    Path clientKeytab = kdc.principal(USER);
    Path goneKeytab = Files.copy(clientKeytab, base.resolve("gone.keytab"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path passwordFile = Files.write(base.resolve("sasl.password"), password.getBytes(StandardCharsets.UTF_8));
    zk = ZooKeeperEnsemble.start(base, 1);
    kafka = KafkaCluster.start(base, zk, 1, "/kafka", BrokerSettings.TEST
        .withListeners(SecuredListeners.standard(pki, kdc, USER, password)).withJmx(SecuredJmx.of(USER, password, pki)));
    // JMX over TLS trusts what this JVM trusts (the connector's stub brings its own socket factory,
    // which uses the JVM's default context): what an operator sets with -Djavax.net.ssl.trustStore
    SSLContext.setDefault(trusting(pki));
    kafka.createScramUser(USER, "SCRAM-SHA-256", password);
    kafka.createScramUser(USER, "SCRAM-SHA-512", password);
    committedGroupBehind();

    String trust = "\"trustStore\": {\"path\": " + q(pki.trustStore()) + ", \"passwordFile\": " + q(pki.passwordFile()) + "}";
    String key = "\"keyStore\": {\"path\": " + q(pki.clientKeyStore()) + ", \"passwordFile\": " + q(pki.passwordFile()) + "}";
    String credentials = "\"credentials\": {\"user\": \"" + USER + "\", \"passwordFile\": " + q(passwordFile) + "}";
    String kerberos = "\"kerberos\": {\"principal\": " + MonitorJson.string(TestKdc.qualified(USER)) + ", \"keytab\": " + q(clientKeytab)
        + ", \"krb5Conf\": " + q(kdc.krb5Conf()) + ", \"serviceName\": \"" + SecuredListeners.SERVICE + "\"}";
    Map<String, String> good = new LinkedHashMap<>();
    String jmx = "\"jmx\": {\"user\": \"" + USER + "\", \"passwordFile\": " + q(passwordFile) + "}, \"jmxSsl\": true, ";
    good.put("ssl", cluster("ssl", SecuredListeners.SSL, jmx + "\"security\": {\"protocol\": \"SSL\", " + trust + "}", true));
    good.put("mtls", cluster("mtls", SecuredListeners.MTLS, "\"security\": {\"protocol\": \"SSL\", " + trust + ", " + key + "}", false));
    good.put("sasl-ssl-plain", cluster("sasl-ssl-plain", SecuredListeners.SASL_SSL,
        "\"security\": {\"protocol\": \"SASL_SSL\", \"mechanism\": \"PLAIN\", " + credentials + ", " + trust + "}", false));
    good.put("plain", cluster("plain", SecuredListeners.SASL_PLAINTEXT,
        "\"security\": {\"protocol\": \"SASL_PLAINTEXT\", \"mechanism\": \"PLAIN\", " + credentials + "}", false));
    good.put("legacy-sasl", cluster("legacy-sasl", SecuredListeners.SASL_PLAINTEXT,
        "\"sasl\": {\"user\": \"" + USER + "\", \"passwordFile\": " + q(passwordFile) + "}", false));
    good.put("scram-256", cluster("scram-256", SecuredListeners.SASL_PLAINTEXT,
        "\"security\": {\"protocol\": \"SASL_PLAINTEXT\", \"mechanism\": \"SCRAM-SHA-256\", " + credentials + "}", false));
    good.put("scram-512", cluster("scram-512", SecuredListeners.SASL_SSL,
        "\"security\": {\"protocol\": \"SASL_SSL\", \"mechanism\": \"SCRAM-SHA-512\", " + credentials + ", " + trust
            + ", \"clientProperties\": {\"ssl.endpoint.identification.algorithm\": \"https\", \"connections.max.idle.ms\": 60000}}",
        false));
    good.put("gssapi", cluster("gssapi", SecuredListeners.SASL_PLAINTEXT,
        "\"security\": {\"protocol\": \"SASL_PLAINTEXT\", \"mechanism\": \"GSSAPI\", " + kerberos + "}", false));
    List<String> all = new ArrayList<>();
    all.addAll(good.values());
    all.add(cluster("jmx-bad-password", SecuredListeners.SSL, jmx.replace(q(passwordFile), q(pki.passwordFile()))
        + "\"security\": {\"protocol\": \"SSL\", " + trust + "}", true));
    all.add(cluster("bad-password", SecuredListeners.SASL_PLAINTEXT, "\"security\": {\"protocol\": \"SASL_PLAINTEXT\","
        + " \"mechanism\": \"SCRAM-SHA-256\", \"credentials\": {\"user\": \"" + USER + "\", \"password\": \"not-the-password\"}}", false));
    all.add(cluster("untrusted", SecuredListeners.SSL, "\"security\": {\"protocol\": \"SSL\", \"trustStore\": {\"path\": "
        + q(pki.untrustedTrustStore()) + ", \"password\": " + MonitorJson.string(pki.password()) + "}}", false));
    all.add(cluster("no-client-certificate", SecuredListeners.MTLS, "\"security\": {\"protocol\": \"SSL\", " + trust + "}", false));
    all.add(cluster("wrong-mechanism", SecuredListeners.SASL_SSL, "\"security\": {\"protocol\": \"SASL_SSL\","
        + " \"mechanism\": \"GSSAPI\", " + kerberos + ", " + trust + "}", false));
    all.add(cluster("wrong-principal", SecuredListeners.SASL_PLAINTEXT, "\"security\": {\"protocol\": \"SASL_PLAINTEXT\","
        + " \"mechanism\": \"GSSAPI\", " + kerberos.replace(MonitorJson.string(TestKdc.qualified(USER)),
            MonitorJson.string(TestKdc.qualified("nobody"))) + "}", false));
    all.add(cluster("keytab-gone", SecuredListeners.SASL_PLAINTEXT, "\"security\": {\"protocol\": \"SASL_PLAINTEXT\","
        + " \"mechanism\": \"GSSAPI\", " + kerberos.replace(q(clientKeytab), q(goneKeytab)) + "}", false));
    for (int i = 0; i < all.size(); i++) {
      // a probe on every cluster that connects, and on two that are refused
      String name = all.get(i).substring("{\"name\": \"".length(), all.get(i).indexOf("\", "));
      boolean probe = good.containsKey(name) || PROBED_FAILURES.contains(name);
      all.set(i, all.get(i).replace("}PROBE", probe ? ", \"probe\": {\"topic\": \"probe-" + name
          + "\", \"windowSeconds\": 10, \"replicationFactor\": 1}}" : "}"));
    }
    Path storage = Files.createTempDirectory(base, "storage-");
    String json = "{\"storage\": {\"path\": " + q(storage) + "}, \"intervalSeconds\": " + INTERVAL_SECONDS + ",\n \"kafka\": [\n  "
        + String.join(",\n  ", all) + "]}";
    MonitorConfig config = MonitorConfig.parse(json); // every file named exists now
    Files.delete(goneKeytab); // ... and this one is gone when the monitor logs in
    monitor = Monitor.open(config, System.currentTimeMillis(), java.util.Arrays.asList(new KafkaCollectors(), new ProbeCollectors()));
    for (Monitor.Target t : monitor.targets()) {
      if (t.system.equals("kafka-cluster")) admins.put(t.group, t);
      if (t.system.equals("kafka-probe")) probes.put(t.group, t);
      if (t.system.equals("kafka-broker") && !t.address.endsWith(":" + CLOSED_PORT)) jmxTargets.put(t.group, t);
    }
    assertEquals(15, admins.size(), admins.keySet().toString());
    assertEquals(2, jmxTargets.size(), jmxTargets.keySet().toString());
    java.util.Set<String> probed = new java.util.TreeSet<>(good.keySet());
    probed.addAll(PROBED_FAILURES);
    assertEquals(probed, new java.util.TreeSet<>(probes.keySet()));
  }

  @AfterAll
  void stop() {
    if (monitor != null) monitor.close();
    if (kafka != null) kafka.close();
    if (zk != null) zk.close();
    if (kdc != null) kdc.close();
  }

  @Test
  @Order(1)
  void sslWithServerAuthentication() {
    connects("ssl");
  }

  @Test
  @Order(2)
  void mutualTls() {
    connects("mtls");
  }

  @Test
  @Order(3)
  void saslSslWithPlain() {
    connects("sasl-ssl-plain");
  }

  @Test
  @Order(4)
  void saslPlaintextWithPlainInBothForms() {
    connects("plain");
    connects("legacy-sasl");
  }

  @Test
  @Order(5)
  void scramSha256() {
    connects("scram-256");
  }

  @Test
  @Order(6)
  void scramSha512OverTlsWithClientProperties() {
    connects("scram-512");
  }

  @Test
  @Order(7)
  void gssapiWithARealKdc() {
    connects("gssapi");
  }

  @Test
  @Order(8)
  void jmxWithPasswordOverTls() {
    Monitor.Target t = jmxTargets.get("ssl");
    tickUntil("the broker's JMX (password, TLS) read", Duration.ofSeconds(120), () -> monitor.status(t.id).state == Scheduler.State.UP
        && monitor.pending(t.id) == null && monitor.engine().select("kafka.server.ReplicaManager.PartitionCount",
            labels("cluster", "ssl", "broker", "1")).length == 1);
    Monitor.Target wrong = jmxTargets.get("jmx-bad-password");
    tickUntil("JMX with a wrong password DOWN", Duration.ofSeconds(120),
        () -> monitor.status(wrong.id).state == Scheduler.State.DOWN && monitor.status(wrong.id).lastError != null);
    String error = monitor.status(wrong.id).lastError;
    System.out.println("jmx-bad-password: " + error);
    assertFalse(error.contains("\n"), error);
    assertTrue(error.startsWith("JMX target " + Ports.HOST + ":" + kafka.broker(1).jmxPort() + ": credentials refused"), error);
  }

  @Test
  @Order(9)
  void eachMisconfigurationIsOneLineNamingTheClusterAndTheCause() {
    fails("bad-password", "Authentication failed");
    fails("untrusted", "SSL handshake failed", "PKIX");
    fails("no-client-certificate", "bad_certificate");
    fails("wrong-mechanism", "GSSAPI", "not enabled in the server");
    fails("wrong-principal", "Kerberos login of " + TestKdc.qualified("nobody"));
    fails("keytab-gone", "Kerberos login failed", "gone.keytab is missing");
    probeFails("bad-password", "Authentication failed");
    probeFails("untrusted", "PKIX");
  }

  /** The cluster's probe target DOWN, refused, in one line naming the cluster and the cause. */
  private void probeFails(String cluster, String cause) {
    Monitor.Target probe = probes.get(cluster);
    tickUntil(cluster + ": probe target DOWN", Duration.ofSeconds(120),
        () -> monitor.status(probe.id).state == Scheduler.State.DOWN && monitor.status(probe.id).lastError != null);
    String error = monitor.status(probe.id).lastError;
    System.out.println(cluster + " probe: " + error);
    assertFalse(error.contains("\n"), error);
    assertTrue(error.startsWith("Kafka cluster " + cluster + ": the probe is refused: "), error);
    assertTrue(error.contains(cause), error);
  }

  @Test
  @Order(10)
  void failingTargetsPutNoStackTraceInTheLog() throws InterruptedException {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(new Tee(original, captured), true));
    long before;
    long probeFailuresBefore;
    Map<String, Long> attemptsBefore = new HashMap<>();
    try {
      Map<String, Long> attempts = attemptsBefore;
      for (String c : new String[] {"bad-password", "untrusted", "no-client-certificate", "wrong-mechanism", "wrong-principal",
          "keytab-gone"}) {
        attempts.put(c, monitor.status(admins.get(c).id).attempts);
      }
      before = attempts.values().stream().mapToLong(Long::longValue).sum();
      attempts.put("bad-password probe", monitor.status(probes.get("bad-password").id).attempts);
      probeFailuresBefore = monitor.status(probes.get("bad-password").id).failures;
      // the failing targets retry with backoff: long enough for each to fail again at least once
      tickUntil("each failing target tried again", Duration.ofSeconds(90), () -> {
        for (Map.Entry<String, Long> e : attempts.entrySet()) {
          Monitor.Target t = e.getKey().endsWith(" probe") ? probes.get("bad-password") : admins.get(e.getKey());
          if (monitor.status(t.id).attempts <= e.getValue()) return false;
        }
        return true;
      });
    } finally {
      System.setErr(original);
    }
    String log = new String(captured.toByteArray(), StandardCharsets.UTF_8);
    assertFalse(log.contains("\tat "), "a stack trace in the log while targets keep failing:\n" + log);
    assertFalse(log.contains(password), "the password reached the log");
    // a refused client is closed, not left reconnecting every second: the Kafka client's own
    // refusal line comes with Doflamingo's attempts (a few per attempt), not with the clock
    long tries = monitor.status(admins.get("bad-password").id).attempts - attemptsBefore.get("bad-password");
    int refusals = 0;
    for (String line : log.split("\n")) {
      if (line.contains("clientId=doflamingo-bad-password") && line.contains("failed authentication")) refusals++;
    }
    System.out.println("bad-password: " + tries + " attempts, " + refusals + " refusals logged by the Kafka client");
    assertTrue(refusals <= 3 * (tries + 1), refusals + " refusals logged for " + tries + " attempts:\n" + log);
    // the probe's three clients (admin, producer, consumer) likewise
    Thread.sleep(3000); // no tick meanwhile: a scrape still in flight ends (its timeout is 2.5 s), none starts
    Scheduler.Status probeStatus = monitor.status(probes.get("bad-password").id);
    long probeTries = probeStatus.attempts - attemptsBefore.get("bad-password probe");
    int probeRefusals = 0;
    for (String line : log.split("\n")) {
      if (line.contains("clientId=doflamingo-probe-bad-password") && line.contains("failed authentication")) probeRefusals++;
    }
    System.out.println("bad-password probe: " + probeTries + " attempts, " + probeRefusals + " refusals logged by its clients");
    assertEquals(probeTries, probeStatus.failures - probeFailuresBefore,
        "a probe made again after a refusal is not UP before it reads its topic: every attempt failed");
    assertTrue(probeRefusals <= 9 * (probeTries + 1), probeRefusals + " refusals logged for " + probeTries + " attempts:\n" + log);
    assertTrue(before > 0);
  }

  /** The cluster's Admin target UP with the group's lag read, and its probe producing and consuming. */
  private void connects(String cluster) {
    Monitor.Target admin = admins.get(cluster);
    Map<String, String> lagLabels = labels("cluster", cluster, "group", GROUP, "topic", TOPIC, "partition", "0");
    tickUntil(cluster + ": Admin target UP and the lag of " + GROUP + " read", Duration.ofSeconds(120), () -> {
      Scheduler.Status s = monitor.status(admin.id);
      int[] lag = monitor.engine().select(MetricNames.GROUP_LAG, lagLabels);
      return s.state == Scheduler.State.UP && s.lastSuccessMs > 0 && monitor.pending(admin.id) == null && lag.length == 1
          && latest(lag[0]) == LAG;
    });
    Monitor.Target probe = probes.get(cluster);
    if (probe != null) {
      tickUntil(cluster + ": the probe producing and consuming", Duration.ofSeconds(120), () -> {
        int[] produced = monitor.engine().select("kafka.probe.records_produced", labels("cluster", cluster));
        int[] consumed = monitor.engine().select("kafka.probe.records_consumed", labels("cluster", cluster));
        return monitor.status(probe.id).state == Scheduler.State.UP && produced.length == 1 && consumed.length == 1
            && latest(produced[0]) > 0 && latest(consumed[0]) > 0;
      });
    }
  }

  /** The cluster's Admin target DOWN, its last error one line naming the cluster and containing {@code causes}. */
  private void fails(String cluster, String... causes) {
    Monitor.Target admin = admins.get(cluster);
    tickUntil(cluster + ": Admin target DOWN", Duration.ofSeconds(120),
        () -> monitor.status(admin.id).state == Scheduler.State.DOWN && monitor.status(admin.id).lastError != null);
    String error = monitor.status(admin.id).lastError;
    System.out.println(cluster + ": " + error);
    assertFalse(error.contains("\n"), "one line: " + error);
    assertTrue(error.startsWith("Kafka cluster " + cluster + ": "), error);
    for (String cause : causes) assertTrue(error.contains(cause), "\"" + cause + "\" in: " + error);
    assertFalse(error.contains(password), "the password is never shown");
  }

  /** Topic {@value #TOPIC} with 20 records and group {@value #GROUP} committed {@value #LAG} behind, through PLAINTEXT. */
  private void committedGroupBehind() throws Exception {
    try (Admin admin = kafka.admin()) {
      admin.createTopics(Collections.singleton(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      java.util.Properties p = kafka.clientProperties();
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
        for (int i = 0; i < 20; i++) producer.send(new ProducerRecord<>(TOPIC, 0, null, "record-" + i));
        producer.flush();
      }
      admin.alterConsumerGroupOffsets(GROUP, Collections.singletonMap(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(20 - LAG)))
          .all().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * One Kafka cluster of the configuration: the broker through {@code listener}, with its JMX
   * only on {@code jmx} (the other clusters give a port nothing listens on: the broker's MBeans
   * are not what this test is about, and one broker read by 14 JMX targets would cost the
   * machine more than the test). "}PROBE" marks where a probe section may go.
   */
  private String cluster(String name, String listener, String security, boolean jmx) {
    KafkaBroker b = kafka.broker(1);
    return "{\"name\": \"" + name + "\", \"brokers\": [{\"id\": 1, \"host\": \"" + Ports.HOST + "\", \"jmxPort\": "
        + (jmx ? b.jmxPort() : CLOSED_PORT) + ", \"bootstrap\": \"" + b.address(listener) + "\"}],"
        + " \"scrapeTimeoutMs\": 2500, \"groupIntervalSeconds\": " + INTERVAL_SECONDS + ", " + security + "}PROBE";
  }

  private static final int CLOSED_PORT = Ports.free();

  private double latest(int id) {
    long now = System.currentTimeMillis();
    return monitor.engine().query(id, now - 60_000, now, INTERVAL_SECONDS * 1000L).latest();
  }

  private void tickUntil(String what, Duration timeout, BooleanSupplier done) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (true) {
      monitor.tick(System.currentTimeMillis());
      if (done.getAsBoolean()) return;
      if (System.currentTimeMillis() > deadline) {
        StringBuilder sb = new StringBuilder("timed out waiting for: " + what);
        for (Monitor.Target t : monitor.targets()) {
          Scheduler.Status s = monitor.status(t.id);
          sb.append("\n  ").append(t.system).append(' ').append(t.group).append(": ").append(s.state)
              .append(s.lastError == null ? "" : " " + s.lastError);
        }
        throw new AssertionError(sb.toString());
      }
      try {
        Thread.sleep(Math.max(10, Math.min(200, monitor.millisUntilNextDue(System.currentTimeMillis()))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
  }

  private static Map<String, String> labels(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }

  /** A TLS context trusting the PKI's CA. */
  private static SSLContext trusting(TestPki pki) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (java.io.InputStream in = Files.newInputStream(pki.trustStore())) {
      trust.load(in, pki.password().toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static String q(Path p) {
    return MonitorJson.string(p.toAbsolutePath().toString());
  }

  private static String randomPassword() {
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Writes to both streams: the log still reaches the console while the test reads it. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
