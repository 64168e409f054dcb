package org.doflamingo.collect.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.engine.SeriesKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JMX over TLS the way a JVM turns it on ({@code com.sun.management.jmxremote.ssl} and
 * {@code .registry.ssl}): a child JVM with a self-signed key, the collector trusting it through the
 * JVM's trust store ({@code javax.net.ssl.trustStore}, which is how an operator configures it).
 */
class JmxSslTest {
  @TempDir
  Path dir;

  /** The child: one Kafka-shaped gauge on the platform MBean server, until its stdin closes. */
  public static void main(String[] args) throws Exception {
    ManagementFactory.getPlatformMBeanServer().registerMBean(
        new StandardMBean(new JmxCollectorTest.Gauge(7), JmxCollectorTest.GaugeMBean.class),
        new ObjectName("kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions"));
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the parent to close our stdin
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(readAll(p), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
  }

  private static byte[] readAll(Process p) throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    for (int n; (n = p.getInputStream().read(buf)) > 0; ) b.write(buf, 0, n);
    return b.toByteArray();
  }

  @Test
  void scrapesAJvmWhoseJmxIsBehindTls() throws Exception {
    String bin = Paths.get(System.getProperty("java.home"), "bin").toString();
    String keystore = dir.resolve("server.p12").toString();
    String cert = dir.resolve("server.crt").toString();
    String truststore = dir.resolve("trust.p12").toString();
    run(bin + File.separator + "keytool", "-genkeypair", "-alias", "jmx", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keystore, "-storepass", "changeit", "-keypass", "changeit");
    run(bin + File.separator + "keytool", "-exportcert", "-alias", "jmx", "-keystore", keystore, "-storepass", "changeit",
        "-file", cert);
    run(bin + File.separator + "keytool", "-importcert", "-noprompt", "-alias", "jmx", "-file", cert,
        "-storetype", "PKCS12", "-keystore", truststore, "-storepass", "changeit");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>(Arrays.asList(bin + File.separator + "java", "-Xmx64m",
        "-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
        "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
        "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=true",
        "-Dcom.sun.management.jmxremote.registry.ssl=true",
        "-Djavax.net.ssl.keyStore=" + keystore, "-Djavax.net.ssl.keyStorePassword=changeit",
        "-cp", System.getProperty("java.class.path"), JmxSslTest.class.getName()));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.equals("ready")) {
        // JVM warnings, if any
      }
      assertEquals("ready", line, "the child JVM did not start");
      // The collector's side trusts the child's certificate the standard way.
      System.setProperty("javax.net.ssl.trustStore", truststore);
      System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
      List<JmxSource> sources = JmxSource.of(MetricCatalogue.load().of("kafka-broker"));
      try (JmxCollector tls = new JmxCollector("127.0.0.1", port, null, true, sources, Collections.singletonMap("broker", "1"), 10_000, 2)) {
        JmxCollectorTest.Recorder r = new JmxCollectorTest.Recorder();
        tls.scrape(r);
        assertEquals(7.0, r.values.get(SeriesKey.of("kafka.server.ReplicaManager.UnderReplicatedPartitions", "broker", "1")));
      }
      try (JmxCollector plain = new JmxCollector("127.0.0.1", port, null, false, sources, Collections.<String, String>emptyMap(), 5_000, 2)) {
        CollectException e = assertThrows(CollectException.class, () -> plain.scrape(new JmxCollectorTest.Recorder()));
        assertTrue(e.getMessage().startsWith("JMX target 127.0.0.1:" + port), e.getMessage());
      }
    } finally {
      child.getOutputStream().close();
      if (!child.waitFor(10, TimeUnit.SECONDS)) child.destroyForcibly();
    }
  }
}
