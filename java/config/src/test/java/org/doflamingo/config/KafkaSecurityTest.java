package org.doflamingo.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Kafka cluster's {@code "security"} section: each mode read, each bad field one error naming it, no secret shown. */
class KafkaSecurityTest {
  @TempDir
  Path tmp;
  private String trust;
  private String keyStore;
  private String keytab;
  private String krb5;

  @BeforeEach
  void files() throws Exception {
    trust = file("truststore.p12", "not read here");
    keyStore = file("client.p12", "not read here");
    keytab = file("monitor.keytab", "not read here");
    krb5 = file("krb5.conf", "[libdefaults]");
  }

  @Test
  void noSectionIsPlaintext() throws Exception {
    assertSame(KafkaSecurity.PLAINTEXT, cluster("").security);
  }

  @Test
  void tlsWithTrustAndKeyStores() throws Exception {
    KafkaSecurity s = security("{\"protocol\": \"SSL\", \"trustStore\": {\"path\": \"" + trust + "\", \"password\": \"trust-secret\"},"
        + " \"keyStore\": {\"path\": \"" + keyStore + "\", \"type\": \"jks\", \"password\": \"key-secret\", \"keyPassword\": \"pk-secret\"}}");
    assertEquals(KafkaSecurity.Protocol.SSL, s.protocol);
    assertNull(s.mechanism);
    assertEquals("PKCS12", s.trustStore.type, "the default type");
    assertEquals("trust-secret", s.trustStore.password());
    assertEquals("JKS", s.keyStore.type);
    assertEquals("key-secret", s.keyStore.password());
    assertEquals("pk-secret", s.keyStore.keyPassword());
    assertFalse(s.toString().contains("secret"), s.toString());
  }

  @Test
  void saslWithPasswordsAndKerberos() throws Exception {
    for (String mechanism : new String[] {"PLAIN", "SCRAM-SHA-256", "scram-sha-512"}) {
      KafkaSecurity s = security("{\"protocol\": \"SASL_SSL\", \"mechanism\": \"" + mechanism + "\","
          + " \"credentials\": {\"user\": \"monitor\", \"password\": \"sasl-secret\"}}");
      assertEquals(mechanism.toUpperCase(java.util.Locale.ROOT), s.mechanism);
      assertEquals("sasl-secret", s.credentials.password());
      assertNull(s.trustStore, "the JVM's trust");
      assertFalse(s.toString().contains("sasl-secret"), s.toString());
    }
    KafkaSecurity k = security("{\"protocol\": \"SASL_PLAINTEXT\", \"mechanism\": \"GSSAPI\", \"kerberos\": {\"principal\":"
        + " \"monitor@EXAMPLE.COM\", \"keytab\": \"" + keytab + "\", \"krb5Conf\": \"" + krb5 + "\"}}");
    assertEquals("monitor@EXAMPLE.COM", k.kerberos.principal);
    assertEquals("kafka", k.kerberos.serviceName, "the default service name");
    assertEquals(keytab, k.kerberos.keytab.toString());
    assertNull(k.credentials);
  }

  @Test
  void clientPropertiesPassThroughButNotWhatTheSectionNames() throws Exception {
    KafkaSecurity s = security("{\"protocol\": \"SSL\", \"clientProperties\": {\"ssl.endpoint.identification.algorithm\": \"\","
        + " \"connections.max.idle.ms\": 60000, \"ssl.enabled.protocols\": \"TLSv1.3\", \"x.secret\": \"hidden-value\"}}");
    assertEquals("", s.clientProperties.get("ssl.endpoint.identification.algorithm"), "empty means off for this one");
    assertEquals("60000", s.clientProperties.get("connections.max.idle.ms"));
    assertFalse(s.toString().contains("hidden-value"), s.toString());
    assertTrue(s.toString().contains("x.secret"), s.toString());
    assertError("kafka[0].security.clientProperties.ssl.truststore.location: is set from the security section itself (trustStore);"
        + " give it there", "{\"protocol\": \"SSL\", \"clientProperties\": {\"ssl.truststore.location\": \"/x\"}}");
    assertError("kafka[0].security.clientProperties.sasl.mechanism: is set from the security section itself (mechanism); give it"
        + " there", "{\"protocol\": \"SSL\", \"clientProperties\": {\"sasl.mechanism\": \"PLAIN\"}}");
    assertError("kafka[0].security.clientProperties.x: expected a string, number or boolean, got a list",
        "{\"protocol\": \"SSL\", \"clientProperties\": {\"x\": [1]}}");
  }

  @Test
  void eachBadFieldIsOneErrorNamingIt() {
    assertError("kafka[0].security.protocol: is required", "{}");
    assertError("kafka[0].security.protocol: expected one of [PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL], got \"TLS\"",
        "{\"protocol\": \"TLS\"}");
    assertError("kafka[0].security.mechanism: is required with SASL_SSL (one of [PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, GSSAPI])",
        "{\"protocol\": \"SASL_SSL\"}");
    assertError("kafka[0].security.mechanism: expected one of [PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, GSSAPI], got \"OAUTHBEARER\"",
        "{\"protocol\": \"SASL_SSL\", \"mechanism\": \"OAUTHBEARER\"}");
    assertError("kafka[0].security.mechanism: only with SASL_PLAINTEXT or SASL_SSL (protocol is SSL)",
        "{\"protocol\": \"SSL\", \"mechanism\": \"PLAIN\"}");
    assertError("kafka[0].security.credentials: is required with SCRAM-SHA-256 ({\"user\", \"password\"})",
        "{\"protocol\": \"SASL_PLAINTEXT\", \"mechanism\": \"SCRAM-SHA-256\"}");
    assertError("kafka[0].security.kerberos: only with mechanism GSSAPI (mechanism is PLAIN)", "{\"protocol\": \"SASL_PLAINTEXT\","
        + " \"mechanism\": \"PLAIN\", \"credentials\": {\"user\": \"u\", \"password\": \"p\"}, \"kerberos\": {}}");
    assertError("kafka[0].security.kerberos: is required with GSSAPI ({\"principal\", \"keytab\"})",
        "{\"protocol\": \"SASL_PLAINTEXT\", \"mechanism\": \"GSSAPI\"}");
    assertError("kafka[0].security.credentials: not with GSSAPI, which logs in from kerberos.keytab",
        "{\"protocol\": \"SASL_PLAINTEXT\", \"mechanism\": \"GSSAPI\", \"credentials\": {\"user\": \"u\", \"password\": \"p\"}}");
    assertError("kafka[0].security.kerberos.keytab: " + tmp.resolve("none.keytab") + " does not exist or is not a file",
        "{\"protocol\": \"SASL_PLAINTEXT\", \"mechanism\": \"GSSAPI\", \"kerberos\": {\"principal\": \"m\", \"keytab\": \""
            + tmp.resolve("none.keytab") + "\"}}");
    assertError("kafka[0].security.kerberos.principal: is required",
        "{\"protocol\": \"SASL_PLAINTEXT\", \"mechanism\": \"GSSAPI\", \"kerberos\": {\"keytab\": \"" + keytab + "\"}}");
    assertError("kafka[0].security.trustStore: only with SSL or SASL_SSL (protocol is SASL_PLAINTEXT)", "{\"protocol\":"
        + " \"SASL_PLAINTEXT\", \"mechanism\": \"PLAIN\", \"credentials\": {\"user\": \"u\", \"password\": \"p\"},"
        + " \"trustStore\": {\"path\": \"" + trust + "\"}}");
    assertError("kafka[0].security.trustStore.type: expected one of [PKCS12, JKS, PEM], got \"P12\"",
        "{\"protocol\": \"SSL\", \"trustStore\": {\"path\": \"" + trust + "\", \"type\": \"p12\"}}");
    assertError("kafka[0].security.keyStore: a PKCS12 key store needs its password: give one of password, passwordFile, passwordEnv",
        "{\"protocol\": \"SSL\", \"keyStore\": {\"path\": \"" + keyStore + "\"}}");
    assertError("kafka[0].security.trustStore.passwordEnv: environment variable DOFLAMINGO_SURELY_UNSET is not set",
        "{\"protocol\": \"SSL\", \"trustStore\": {\"path\": \"" + trust + "\", \"passwordEnv\": \"DOFLAMINGO_SURELY_UNSET\"}}");
    assertError("kafka[0].security.trustStore.path: " + tmp.resolve("nope.p12") + " does not exist or is not a file",
        "{\"protocol\": \"SSL\", \"trustStore\": {\"path\": \"" + tmp.resolve("nope.p12") + "\"}}");
    assertError("kafka[0].security.kerberos.realm: unknown setting; expected one of [keytab, krb5Conf, principal, serviceName]",
        "{\"protocol\": \"SASL_PLAINTEXT\", \"mechanism\": \"GSSAPI\", \"kerberos\": {\"realm\": \"X\"}}");
  }

  @Test
  void secretsNeverInErrors() {
    String e = errorOf("{\"protocol\": \"SSL\", \"trustStore\": {\"path\": \"" + trust + "\", \"password\": 1234567}}");
    assertEquals("kafka[0].security.trustStore.password: expected a non-empty string", e);
  }

  @Test
  void theOlderSaslFormStillReadsAndIsNotGivenTwice() throws Exception {
    KafkaSecurity s = cluster(", \"sasl\": {\"user\": \"monitor\", \"password\": \"old-secret\"}").security;
    assertEquals(KafkaSecurity.Protocol.SASL_PLAINTEXT, s.protocol);
    assertEquals("PLAIN", s.mechanism);
    assertEquals("old-secret", s.credentials.password());
    String both = assertThrows(ConfigException.class, () -> cluster(", \"sasl\": {\"user\": \"m\", \"password\": \"p\"},"
        + " \"security\": {\"protocol\": \"SSL\"}")).getMessage();
    assertEquals("kafka[0].sasl: give security or sasl (its older form: SASL_PLAINTEXT with PLAIN), not both", both);
  }

  private String file(String name, String text) throws Exception {
    return Files.write(tmp.resolve(name), text.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static KafkaClusterConfig cluster(String more) throws ConfigException {
    return MonitorConfig.parse("{\"storage\": {\"path\": \"d\"}, \"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"k1\","
        + " \"jmxPort\": 9999}]" + more + "}]}").kafka.get(0);
  }

  private static KafkaSecurity security(String section) throws ConfigException {
    return cluster(", \"security\": " + section).security;
  }

  private static String errorOf(String section) {
    return assertThrows(ConfigException.class, () -> security(section)).getMessage();
  }

  private static void assertError(String expected, String section) {
    assertEquals(expected, errorOf(section));
  }
}
