package org.doflamingo.collect.kafka;

import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.doflamingo.config.Credentials;
import org.doflamingo.config.KafkaClusterConfig;
import org.doflamingo.config.KafkaSecurity;

/**
 * The one place a cluster's {@link KafkaSecurity} becomes Kafka client settings: the Admin
 * collector and the probe (its admin client, producer and consumer) take theirs from here, so a
 * cluster is reached the same way by all of them.
 */
public final class KafkaClientSecurity {
  private static final String KRB5_CONF = "java.security.krb5.conf";

  private KafkaClientSecurity() {
  }

  /**
   * {@code bootstrap.servers} and the security settings of {@code cluster}, then its
   * {@code clientProperties}; the caller adds its own (client id, timeouts).
   *
   * @throws IllegalStateException when the cluster's {@code kerberos.krb5Conf} is not the one this
   *     JVM already uses (Java reads one krb5.conf per JVM)
   */
  public static Properties properties(KafkaClusterConfig cluster) {
    return properties(cluster.name, cluster.bootstrapServers(), cluster.security);
  }

  /** As {@link #properties(KafkaClusterConfig)}, for cluster {@code name} reached at {@code bootstrapServers} with {@code s}. */
  public static Properties properties(String name, String bootstrapServers, KafkaSecurity s) {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, s.protocol.name());
    if (s.mechanism != null) p.put(SaslConfigs.SASL_MECHANISM, s.mechanism);
    if (s.credentials != null) p.put(SaslConfigs.SASL_JAAS_CONFIG, passwordLogin(s.mechanism, s.credentials));
    if (s.kerberos != null) {
      useKrb5Conf(name, s.kerberos);
      p.put(SaslConfigs.SASL_KERBEROS_SERVICE_NAME, s.kerberos.serviceName);
      p.put(SaslConfigs.SASL_JAAS_CONFIG, "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true storeKey=true"
          + " useTicketCache=false keyTab=\"" + jaasEscape(s.kerberos.keytab.toAbsolutePath().toString()) + "\" principal=\""
          + jaasEscape(s.kerberos.principal) + "\";");
    }
    if (s.trustStore != null) {
      p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, s.trustStore.path.toAbsolutePath().toString());
      p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, s.trustStore.type);
      if (s.trustStore.password() != null) p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, s.trustStore.password());
    }
    if (s.keyStore != null) {
      p.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, s.keyStore.path.toAbsolutePath().toString());
      p.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, s.keyStore.type);
      if (s.keyStore.password() != null) p.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, s.keyStore.password());
      String key = s.keyStore.keyPassword() != null ? s.keyStore.keyPassword() : s.keyStore.password();
      if (key != null) p.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, key);
    }
    for (Map.Entry<String, String> e : s.clientProperties.entrySet()) p.put(e.getKey(), e.getValue());
    return p;
  }

  /**
   * Why a Kafka client of cluster {@code name} could not be made, in one line: a failed Kerberos
   * login says which keytab and principal (Java's own message, "Unable to obtain password from
   * user", names neither), anything else what the client said.
   */
  public static String creationFailure(String name, KafkaSecurity s, RuntimeException e) {
    Throwable login = null;
    for (Throwable c = e; c != null && login == null; c = c.getCause()) {
      if (c instanceof javax.security.auth.login.LoginException) login = c;
    }
    // the client's own wrappers ("Failed to create new KafkaAdminClient") say nothing of why
    String cause = KafkaFailures.describe(login != null ? login : e);
    if (login != null && s.kerberos != null) {
      if (!Files.isReadable(s.kerberos.keytab)) {
        return "Kafka cluster " + name + ": Kerberos login failed: kerberos.keytab " + s.kerberos.keytab + " is missing or unreadable";
      }
      return "Kafka cluster " + name + ": Kerberos login of " + s.kerberos.principal + " with keytab " + s.kerberos.keytab
          + " failed (is the principal in that keytab, and does the KDC of krb5.conf know it?): " + cause;
    }
    return "Kafka cluster " + name + ": cannot create a Kafka client: " + cause;
  }

  private static String passwordLogin(String mechanism, Credentials c) {
    String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
        : "org.apache.kafka.common.security.scram.ScramLoginModule";
    return module + " required username=\"" + jaasEscape(c.user()) + "\" password=\"" + jaasEscape(c.password()) + "\";";
  }

  /** Java's Kerberos reads its realms from one krb5.conf per JVM: the first cluster that names one sets it. */
  private static synchronized void useKrb5Conf(String cluster, KafkaSecurity.Kerberos k) {
    if (k.krb5Conf == null) return;
    String wanted = k.krb5Conf.toAbsolutePath().toString();
    String current = System.getProperty(KRB5_CONF);
    if (current == null) {
      System.setProperty(KRB5_CONF, wanted);
    } else if (!current.equals(wanted)) {
      throw new IllegalStateException("Kafka cluster " + cluster + ": kerberos.krb5Conf " + wanted + " is not the krb5.conf this JVM"
          + " uses (" + current + "); Java reads one per JVM: give every cluster the same, or none");
    }
  }

  /** A JAAS option value inside double quotes: Kafka's parser takes backslash escapes there. */
  private static String jaasEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
