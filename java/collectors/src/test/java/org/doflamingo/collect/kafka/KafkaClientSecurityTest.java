package org.doflamingo.collect.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.net.ssl.SSLHandshakeException;
import javax.security.auth.login.LoginException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.doflamingo.config.KafkaClusterConfig;
import org.doflamingo.config.MonitorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one translation of a cluster's security section into Kafka client settings, and the one-line failure text. */
class KafkaClientSecurityTest {
  @TempDir
  Path tmp;

  @Test
  void plaintextSaysSoAndNothingMore() throws Exception {
    Properties p = KafkaClientSecurity.properties(cluster(""));
    assertEquals("k1:9092", p.get("bootstrap.servers"));
    assertEquals("PLAINTEXT", p.get("security.protocol"));
    assertEquals(2, p.size(), p.toString());
  }

  @Test
  void tlsStoresAndPassThrough() throws Exception {
    Path trust = file("trust.p12");
    Path key = file("key.p12");
    Properties p = KafkaClientSecurity.properties(cluster(", \"security\": {\"protocol\": \"SSL\", \"trustStore\": {\"path\": \"" + trust
        + "\", \"password\": \"t\"}, \"keyStore\": {\"path\": \"" + key + "\", \"password\": \"k\"},"
        + " \"clientProperties\": {\"ssl.endpoint.identification.algorithm\": \"\"}}"));
    assertEquals("SSL", p.get("security.protocol"));
    assertEquals(trust.toString(), p.get("ssl.truststore.location"));
    assertEquals("PKCS12", p.get("ssl.truststore.type"));
    assertEquals("t", p.get("ssl.truststore.password"));
    assertEquals(key.toString(), p.get("ssl.keystore.location"));
    assertEquals("k", p.get("ssl.keystore.password"));
    assertEquals("k", p.get("ssl.key.password"), "the store's password when no keyPassword is given");
    assertEquals("", p.get("ssl.endpoint.identification.algorithm"));
    assertNull(p.get("sasl.mechanism"));
  }

  @Test
  void scramAndPlainLogInWithTheirOwnModuleAndQuotesEscaped() throws Exception {
    Properties scram = KafkaClientSecurity.properties(cluster(", \"security\": {\"protocol\": \"SASL_SSL\", \"mechanism\":"
        + " \"SCRAM-SHA-512\", \"credentials\": {\"user\": \"mon\\\"itor\", \"password\": \"p\\\\w\"}}"));
    assertEquals("SCRAM-SHA-512", scram.get("sasl.mechanism"));
    assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"mon\\\"itor\" password=\"p\\\\w\";",
        scram.get("sasl.jaas.config"));
    Properties plain = KafkaClientSecurity.properties(cluster(", \"sasl\": {\"user\": \"u\", \"password\": \"p\"}"));
    assertEquals("SASL_PLAINTEXT", plain.get("security.protocol"));
    assertEquals("PLAIN", plain.get("sasl.mechanism"));
    assertTrue(((String) plain.get("sasl.jaas.config")).startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required"));
  }

  @Test
  void gssapiLogsInFromTheKeytab() throws Exception {
    Path keytab = file("m.keytab");
    Properties p = KafkaClientSecurity.properties(cluster(", \"security\": {\"protocol\": \"SASL_PLAINTEXT\", \"mechanism\": \"GSSAPI\","
        + " \"kerberos\": {\"principal\": \"monitor@R\", \"keytab\": \"" + keytab + "\", \"serviceName\": \"kfk\"}}"));
    assertEquals("GSSAPI", p.get("sasl.mechanism"));
    assertEquals("kfk", p.get("sasl.kerberos.service.name"));
    assertEquals("com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true storeKey=true useTicketCache=false keyTab=\""
        + keytab + "\" principal=\"monitor@R\";", p.get("sasl.jaas.config"));
  }

  @Test
  void aFailureIsOneLineWithTheCauseThatSaysWhy() {
    SslAuthenticationException e = new SslAuthenticationException("SSL handshake failed");
    e.initCause(new SSLHandshakeException("PKIX path building failed:\n unable to find valid certification path"));
    String line = KafkaFailures.describe(e);
    assertEquals("SslAuthenticationException: SSL handshake failed; caused by SSLHandshakeException: PKIX path building failed:"
        + " unable to find valid certification path", line);
    KafkaException wrapper = new KafkaException("Failed to create new KafkaAdminClient",
        new KafkaException("javax.security.auth.login.LoginException: Unable to obtain password from user",
            new LoginException("Unable to obtain password from user")));
    String created = KafkaFailures.describe(wrapper);
    assertFalse(created.contains("\n"));
    assertEquals(2, created.split("caused by").length, "the cause that only repeats its wrapper is left out: " + created);
  }

  private Path file(String name) throws Exception {
    return Files.write(tmp.resolve(name), "x".getBytes(StandardCharsets.UTF_8));
  }

  private static KafkaClusterConfig cluster(String more) throws Exception {
    return MonitorConfig.parse("{\"storage\": {\"path\": \"d\"}, \"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"k1\","
        + " \"jmxPort\": 9999}]" + more + "}]}").kafka.get(0);
  }
}
