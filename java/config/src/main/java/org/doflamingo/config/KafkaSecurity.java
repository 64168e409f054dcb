package org.doflamingo.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How Doflamingo's Kafka clients (the Admin collector, the probe) reach a cluster: a Kafka
 * cluster's {@code "security"} section. Example:
 *
 * <pre>{@code
 * "security": {"protocol": "SASL_SSL", "mechanism": "SCRAM-SHA-512",
 *              "credentials": {"user": "monitor", "passwordEnv": "KAFKA_MONITOR_PASSWORD"},
 *              "trustStore": {"path": "/etc/doflamingo/kafka-ca.p12", "passwordFile": "/etc/doflamingo/ca.password"},
 *              "clientProperties": {"ssl.endpoint.identification.algorithm": "https"}}
 * }</pre>
 *
 * Only what belongs together is accepted (a mechanism only with a SASL protocol, credentials only
 * with PLAIN or SCRAM, {@code kerberos} only with GSSAPI, stores only with TLS), files must be
 * readable when the configuration is read, and every error names its field. The older form,
 * {@code "sasl": {"user": ..., "password": ...}} beside the brokers, reads as SASL_PLAINTEXT with
 * PLAIN. {@link #toString()} shows no password and no value of {@code clientProperties}.
 */
public final class KafkaSecurity {
  /** Kafka's {@code security.protocol}. */
  public enum Protocol {
    PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;

    public boolean tls() {
      return this == SSL || this == SASL_SSL;
    }

    public boolean sasl() {
      return this == SASL_PLAINTEXT || this == SASL_SSL;
    }
  }

  /** The SASL mechanisms Doflamingo configures itself; any other needs its own login module, not offered. */
  public static final List<String> MECHANISMS = Collections.unmodifiableList(Arrays.asList("PLAIN", "SCRAM-SHA-256",
      "SCRAM-SHA-512", "GSSAPI"));

  /** A Kerberos login from a keytab (SASL/GSSAPI). */
  public static final class Kerberos {
    public final String principal;
    public final Path keytab;
    /** The krb5.conf to use; null: the JVM's (its {@code java.security.krb5.conf}, else /etc/krb5.conf). */
    public final Path krb5Conf;
    /** The brokers' Kerberos service name, the first part of their principal. */
    public final String serviceName;

    Kerberos(String principal, Path keytab, Path krb5Conf, String serviceName) {
      this.principal = principal;
      this.keytab = keytab;
      this.krb5Conf = krb5Conf;
      this.serviceName = serviceName;
    }

    static Kerberos read(Node n) throws ConfigException {
      n.only("principal", "keytab", "krb5Conf", "serviceName");
      String principal = n.text("principal");
      if (principal.contains("\"") || principal.contains("\\")) {
        throw n.error("principal", "must not contain quotes or backslashes");
      }
      Path keytab = n.readableFile("keytab");
      Path krb5 = n.has("krb5Conf") ? n.readableFile("krb5Conf") : null;
      return new Kerberos(principal, keytab, krb5, n.optText("serviceName", "kafka"));
    }

    @Override
    public String toString() {
      return "Kerberos{" + principal + ", keytab " + keytab + (krb5Conf != null ? ", krb5.conf " + krb5Conf : "")
          + ", service " + serviceName + "}";
    }
  }

  /**
   * Kafka client settings the section itself sets: {@code clientProperties} may not give them,
   * so that each has one source.
   */
  static final List<String> NAMED = Collections.unmodifiableList(Arrays.asList("bootstrap.servers", "security.protocol",
      "sasl.mechanism", "sasl.jaas.config", "sasl.kerberos.service.name", "ssl.truststore.location", "ssl.truststore.type",
      "ssl.truststore.password", "ssl.keystore.location", "ssl.keystore.type", "ssl.keystore.password", "ssl.key.password"));

  /** No security: what a cluster without {@code security} or {@code sasl} uses. */
  public static final KafkaSecurity PLAINTEXT = new KafkaSecurity(Protocol.PLAINTEXT, null, null, null, null, null,
      Collections.<String, String>emptyMap());

  public final Protocol protocol;
  /** One of {@link #MECHANISMS} with a SASL protocol, else null. */
  public final String mechanism;
  /** PLAIN and SCRAM's user and password, else null. */
  public final Credentials credentials;
  /** GSSAPI's login, else null. */
  public final Kerberos kerberos;
  /** null: the JVM's default trust (its cacerts, or {@code javax.net.ssl.trustStore}). */
  public final TlsStore trustStore;
  /** The client's own certificate (mutual TLS), or null. */
  public final TlsStore keyStore;
  /** Further Kafka client settings, passed through as given. */
  public final Map<String, String> clientProperties;

  KafkaSecurity(Protocol protocol, String mechanism, Credentials credentials, Kerberos kerberos, TlsStore trustStore, TlsStore keyStore,
      Map<String, String> clientProperties) {
    this.protocol = protocol;
    this.mechanism = mechanism;
    this.credentials = credentials;
    this.kerberos = kerberos;
    this.trustStore = trustStore;
    this.keyStore = keyStore;
    this.clientProperties = Collections.unmodifiableMap(new LinkedHashMap<>(clientProperties));
  }

  /** The older {@code "sasl": {"user", "password"}} form: SASL_PLAINTEXT with PLAIN. */
  static KafkaSecurity legacySasl(Node sasl) throws ConfigException {
    return new KafkaSecurity(Protocol.SASL_PLAINTEXT, "PLAIN", Credentials.read(sasl), null, null, null,
        Collections.<String, String>emptyMap());
  }

  static KafkaSecurity read(Node n) throws ConfigException {
    n.only("protocol", "mechanism", "credentials", "kerberos", "trustStore", "keyStore", "clientProperties");
    String p = n.text("protocol").toUpperCase(Locale.ROOT);
    Protocol protocol;
    try {
      protocol = Protocol.valueOf(p);
    } catch (IllegalArgumentException e) {
      throw n.error("protocol", "expected one of " + Arrays.toString(Protocol.values()) + ", got \"" + p + "\"");
    }
    String mechanism = null;
    if (protocol.sasl()) {
      if (!n.has("mechanism")) throw n.error("mechanism", "is required with " + protocol + " (one of " + MECHANISMS + ")");
      mechanism = n.optText("mechanism", null).toUpperCase(Locale.ROOT);
      if (!MECHANISMS.contains(mechanism)) throw n.error("mechanism", "expected one of " + MECHANISMS + ", got \"" + mechanism + "\"");
    } else {
      refuse(n, "mechanism", "only with SASL_PLAINTEXT or SASL_SSL (protocol is " + protocol + ")");
    }
    Credentials credentials = null;
    Kerberos kerberos = null;
    if ("GSSAPI".equals(mechanism)) {
      refuse(n, "credentials", "not with GSSAPI, which logs in from kerberos.keytab");
      Node k = n.optObject("kerberos");
      if (k == null) throw n.error("kerberos", "is required with GSSAPI ({\"principal\", \"keytab\"})");
      kerberos = Kerberos.read(k);
    } else if (mechanism != null) {
      refuse(n, "kerberos", "only with mechanism GSSAPI (mechanism is " + mechanism + ")");
      Node c = n.optObject("credentials");
      if (c == null) throw n.error("credentials", "is required with " + mechanism + " ({\"user\", \"password\"})");
      credentials = Credentials.read(c);
    } else {
      refuse(n, "credentials", "only with a SASL protocol (protocol is " + protocol + ")");
      refuse(n, "kerberos", "only with a SASL protocol (protocol is " + protocol + ")");
    }
    TlsStore trust = null;
    TlsStore key = null;
    if (protocol.tls()) {
      Node t = n.optObject("trustStore");
      trust = t == null ? null : TlsStore.read(t, false);
      Node k = n.optObject("keyStore");
      key = k == null ? null : TlsStore.read(k, true);
    } else {
      refuse(n, "trustStore", "only with SSL or SASL_SSL (protocol is " + protocol + ")");
      refuse(n, "keyStore", "only with SSL or SASL_SSL (protocol is " + protocol + ")");
    }
    Map<String, String> extra = n.optScalars("clientProperties");
    for (String name : extra.keySet()) {
      if (NAMED.contains(name)) {
        throw new ConfigException(n.path() + ".clientProperties." + name, "is set from the security section itself ("
            + where(name) + "); give it there");
      }
    }
    return new KafkaSecurity(protocol, mechanism, credentials, kerberos, trust, key, extra);
  }

  private static String where(String property) {
    if (property.startsWith("ssl.truststore")) return "trustStore";
    if (property.startsWith("ssl.key")) return "keyStore";
    if (property.equals("sasl.kerberos.service.name")) return "kerberos.serviceName";
    if (property.equals("sasl.jaas.config")) return "credentials or kerberos";
    if (property.equals("bootstrap.servers")) return "the brokers' bootstrap";
    return property.equals("sasl.mechanism") ? "mechanism" : "protocol";
  }

  private static void refuse(Node n, String name, String why) throws ConfigException {
    if (n.has(name)) throw n.error(name, why);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Security{").append(protocol);
    if (mechanism != null) sb.append(", ").append(mechanism);
    if (credentials != null) sb.append(", ").append(credentials);
    if (kerberos != null) sb.append(", ").append(kerberos);
    if (trustStore != null) sb.append(", trust ").append(trustStore);
    if (keyStore != null) sb.append(", key ").append(keyStore);
    if (!clientProperties.isEmpty()) sb.append(", client properties ").append(clientProperties.keySet());
    return sb.append('}').toString();
  }
}
