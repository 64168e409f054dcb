package org.doflamingo.cluster.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ZooKeeper server secured one way or both, a value the ensemble launcher takes
 * ({@code ZooKeeperEnsemble.start(..., secured)}):
 * <ul>
 *   <li>{@link #of(TestPki) TLS}: a secure client port (Netty, the PKI's server certificate, and
 *       client certificates required, ZooKeeper's default {@code ssl.clientAuth}) and its
 *       AdminServer over HTTPS only ({@code admin.forceHttps}, which reads the {@code ssl.quorum.*}
 *       stores); the plain client port stays open for the harness's own readiness checks;</li>
 *   <li>{@link #sasl(String, String) SASL}: DIGEST-MD5 logins (the JAAS {@code Server} section of
 *       ZooKeeper's {@code DigestLoginModule}, one user) required of every client session
 *       ({@code enforce.auth.enabled}, ZooKeeper 3.7+): a session that did not log in is refused
 *       its requests. Four-letter words on the client port are read before any session, so
 *       {@code mntr} still answers (the harness's readiness checks rely on {@code srvr}).</li>
 * </ul>
 */
public final class SecuredZooKeeper {
  private final TestPki pki;
  private final String saslUser;
  private final String saslPassword;

  private SecuredZooKeeper(TestPki pki, String saslUser, String saslPassword) {
    this.pki = pki;
    this.saslUser = saslUser;
    this.saslPassword = saslPassword;
  }

  /** TLS: a secure client port and the AdminServer over HTTPS, with {@code pki}'s stores. */
  public static SecuredZooKeeper of(TestPki pki) {
    return new SecuredZooKeeper(pki, null, null);
  }

  /** SASL DIGEST-MD5 required of every client session; {@code user} logs in with {@code password}. */
  public static SecuredZooKeeper sasl(String user, String password) {
    return new SecuredZooKeeper(null, user, password);
  }

  /** Whether the server opens a TLS client port (and so needs a port for it). */
  public boolean hasTls() {
    return pki != null;
  }

  /** The {@code zoo.cfg} lines of a server whose secure client port is {@code securePort} (unused without TLS). */
  public Map<String, String> zooCfg(int securePort) {
    Map<String, String> c = new LinkedHashMap<>();
    if (pki != null) {
      c.put("secureClientPort", String.valueOf(securePort));
      c.put("serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory");
      for (String prefix : new String[] {"ssl.", "ssl.quorum."}) {
        c.put(prefix + "keyStore.location", pki.serverKeyStore().toString());
        c.put(prefix + "keyStore.password", pki.password());
        c.put(prefix + "keyStore.type", "PKCS12");
        c.put(prefix + "trustStore.location", pki.trustStore().toString());
        c.put(prefix + "trustStore.password", pki.password());
        c.put(prefix + "trustStore.type", "PKCS12");
      }
      c.put("ssl.clientAuth", "need");
      c.put("admin.forceHttps", "true");
    }
    if (saslUser != null) {
      c.put("authProvider.sasl", "org.apache.zookeeper.server.auth.SASLAuthenticationProvider");
      c.put("enforce.auth.enabled", "true");
      c.put("enforce.auth.schemes", "sasl");
    }
    return c;
  }

  /** JVM options of a server whose files live in {@code serverDir} (the JAAS file is written there). */
  public List<String> serverJvmOptions(Path serverDir) {
    List<String> o = new ArrayList<>();
    if (saslUser != null) {
      Path jaas = serverDir.resolve("zookeeper-server-jaas.conf");
      write(jaas, "Server {\n  org.apache.zookeeper.server.auth.DigestLoginModule required\n  user_" + saslUser + "=\""
          + saslPassword + "\";\n};\n");
      o.add("-Djava.security.auth.login.config=" + jaas);
    }
    return o;
  }

  /**
   * JVM options of a ZooKeeper client JVM that logs in as {@code user} with {@code password}
   * (the JAAS {@code Client} section, written to {@code dir}).
   */
  public static List<String> clientJvmOptions(Path dir, String user, String password) {
    Path jaas = dir.resolve("zookeeper-client-jaas.conf");
    write(jaas, "Client {\n  org.apache.zookeeper.server.auth.DigestLoginModule required\n  username=\"" + user
        + "\"\n  password=\"" + password + "\";\n};\n");
    List<String> o = new ArrayList<>();
    o.add("-Djava.security.auth.login.config=" + jaas);
    return o;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
