package org.doflamingo.cluster.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.doflamingo.cluster.ClusterException;

/**
 * Remote JMX as production JVMs secure it: password authentication (the JDK's own password and
 * access files, one read-only user) and, when a {@link TestPki} is given, TLS on both the RMI
 * registry and the connector ({@code jmxremote.ssl}, {@code registry.ssl}) with the PKI's server
 * certificate. A value the member launchers take ({@code BrokerSettings.withJmx}); a JMX client
 * then needs the user's password and, with TLS, a JVM trust that holds the PKI's CA.
 */
public final class SecuredJmx {
  private final String user;
  private final String password;
  private final TestPki tls;

  private SecuredJmx(String user, String password, TestPki tls) {
    this.user = user;
    this.password = password;
    this.tls = tls;
  }

  /** Password authentication of {@code user}, with TLS from {@code tls} when it is not null. */
  public static SecuredJmx of(String user, String password, TestPki tls) {
    return new SecuredJmx(user, password, tls);
  }

  /** The {@code com.sun.management.jmxremote.*} settings, its files written under {@code dir}. */
  public Map<String, String> systemProperties(Path dir) {
    Map<String, String> p = new LinkedHashMap<>();
    Path passwords = dir.resolve("jmxremote.password");
    Path access = dir.resolve("jmxremote.access");
    // the JVM refuses a password file that others can read
    writeOwnerOnly(passwords, user + " " + password + "\n");
    writeOwnerOnly(access, user + " readonly\n");
    p.put("com.sun.management.jmxremote.authenticate", "true");
    p.put("com.sun.management.jmxremote.password.file", passwords.toString());
    p.put("com.sun.management.jmxremote.access.file", access.toString());
    if (tls != null) {
      Path config = dir.resolve("jmxremote-ssl.properties");
      writeOwnerOnly(config, "javax.net.ssl.keyStore=" + tls.serverKeyStore() + "\njavax.net.ssl.keyStorePassword=" + tls.password()
          + "\njavax.net.ssl.keyStoreType=PKCS12\n");
      p.put("com.sun.management.jmxremote.ssl", "true");
      p.put("com.sun.management.jmxremote.registry.ssl", "true");
      p.put("com.sun.management.jmxremote.ssl.config.file", config.toString());
    }
    return p;
  }

  private static void writeOwnerOnly(Path file, String text) {
    try {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ClusterException("cannot write " + file + ": " + e, e);
    }
  }
}
