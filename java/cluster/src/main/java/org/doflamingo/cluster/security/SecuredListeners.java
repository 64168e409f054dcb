package org.doflamingo.cluster.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Listeners a broker opens beside its PLAINTEXT one (which the harness and the other brokers
 * keep using), each with its own port, protocol and settings ({@code listener.name.<name>.*}),
 * plus the broker-wide settings and JVM options they need. One broker with
 * {@link #standard(TestPki, TestKdc, String, String)} serves every security mode at once, so a
 * test of each mode costs no broker of its own. A value: the broker launcher
 * ({@code BrokerSettings.withListeners}) takes it, ZooKeeper-mode brokers and KRaft nodes alike.
 */
public final class SecuredListeners {
  /** TLS, server authentication only. */
  public static final String SSL = "SSL";
  /** TLS where the client must show a certificate the broker trusts (mutual TLS). */
  public static final String MTLS = "MTLS";
  /** SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) over TLS. */
  public static final String SASL_SSL = "SASL_SSL";
  /** SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, and GSSAPI when a KDC is given) without TLS. */
  public static final String SASL_PLAINTEXT = "SASL_PLAINTEXT";
  /** The Kerberos service name, and the first part of the brokers' principal. */
  public static final String SERVICE = "kafka";
  /**
   * The brokers' Kerberos principal (without the realm). Its host is {@code localhost}: a Kafka
   * client names the service by the host name of the address it connected to, and 127.0.0.1
   * resolves back to localhost.
   */
  public static final String BROKER_PRINCIPAL = SERVICE + "/localhost";

  /** One listener: its name (also the map key of its protocol), its protocol, its own settings. */
  public static final class Listener {
    public final String name;
    public final String protocol;
    private final Map<String, String> properties;

    Listener(String name, String protocol, Map<String, String> properties) {
      this.name = name;
      this.protocol = protocol;
      this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Its settings with their full keys, {@code listener.name.<name lower-case>.<key>}. */
    public Map<String, String> properties() {
      Map<String, String> out = new LinkedHashMap<>();
      String prefix = "listener.name." + name.toLowerCase(Locale.ROOT) + ".";
      for (Map.Entry<String, String> e : properties.entrySet()) out.put(prefix + e.getKey(), e.getValue());
      return out;
    }
  }

  private final List<Listener> listeners;
  private final Map<String, String> brokerProperties;
  private final List<String> jvmOptions;

  private SecuredListeners(List<Listener> listeners, Map<String, String> brokerProperties, List<String> jvmOptions) {
    this.listeners = Collections.unmodifiableList(new ArrayList<>(listeners));
    this.brokerProperties = Collections.unmodifiableMap(new LinkedHashMap<>(brokerProperties));
    this.jvmOptions = Collections.unmodifiableList(new ArrayList<>(jvmOptions));
  }

  /**
   * {@link #SSL}, {@link #MTLS}, {@link #SASL_SSL} and {@link #SASL_PLAINTEXT} on the server key
   * store of {@code pki}; PLAIN accepts {@code user}/{@code password}, SCRAM whatever SCRAM
   * credentials the cluster stores (see {@code KafkaCluster.createScramUser}); GSSAPI on
   * SASL_PLAINTEXT when {@code kdc} is not null (the broker's principal {@link #BROKER_PRINCIPAL}
   * is made in it).
   */
  public static SecuredListeners standard(TestPki pki, TestKdc kdc, String user, String password) {
    List<Listener> l = new ArrayList<>();
    Map<String, String> tls = new LinkedHashMap<>();
    tls.put("ssl.keystore.location", pki.serverKeyStore().toString());
    tls.put("ssl.keystore.type", "PKCS12");
    tls.put("ssl.keystore.password", pki.password());
    tls.put("ssl.key.password", pki.password());
    tls.put("ssl.truststore.location", pki.trustStore().toString());
    tls.put("ssl.truststore.type", "PKCS12");
    tls.put("ssl.truststore.password", pki.password());
    Map<String, String> ssl = new LinkedHashMap<>(tls);
    ssl.put("ssl.client.auth", "none");
    l.add(new Listener(SSL, "SSL", ssl));
    Map<String, String> mtls = new LinkedHashMap<>(tls);
    mtls.put("ssl.client.auth", "required");
    l.add(new Listener(MTLS, "SSL", mtls));
    String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + user + "=\"" + password + "\";";
    String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
    Map<String, String> saslSsl = new LinkedHashMap<>(tls);
    saslSsl.put("ssl.client.auth", "none");
    saslSsl.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
    saslSsl.put("plain.sasl.jaas.config", plain);
    saslSsl.put("scram-sha-256.sasl.jaas.config", scram);
    saslSsl.put("scram-sha-512.sasl.jaas.config", scram);
    l.add(new Listener(SASL_SSL, "SASL_SSL", saslSsl));
    Map<String, String> saslPlaintext = new LinkedHashMap<>();
    saslPlaintext.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512" + (kdc != null ? ",GSSAPI" : ""));
    saslPlaintext.put("plain.sasl.jaas.config", plain);
    saslPlaintext.put("scram-sha-256.sasl.jaas.config", scram);
    saslPlaintext.put("scram-sha-512.sasl.jaas.config", scram);
    Map<String, String> broker = new LinkedHashMap<>();
    List<String> jvm = new ArrayList<>();
    if (kdc != null) {
      String keytab = kdc.principal(BROKER_PRINCIPAL).toString();
      saslPlaintext.put("gssapi.sasl.jaas.config", "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true"
          + " storeKey=true useTicketCache=false keyTab=\"" + keytab + "\" principal=\"" + TestKdc.qualified(BROKER_PRINCIPAL) + "\";");
      broker.put("sasl.kerberos.service.name", SERVICE);
      jvm.add("-Djava.security.krb5.conf=" + kdc.krb5Conf());
    }
    l.add(new Listener(SASL_PLAINTEXT, "SASL_PLAINTEXT", saslPlaintext));
    return new SecuredListeners(l, broker, jvm);
  }

  public List<Listener> listeners() {
    return listeners;
  }

  /** Broker-wide settings the listeners need (Kerberos' service name). */
  public Map<String, String> brokerProperties() {
    return brokerProperties;
  }

  /** JVM options the broker needs ({@code java.security.krb5.conf}). */
  public List<String> jvmOptions() {
    return jvmOptions;
  }
}
