package org.doflamingo.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A TLS trust or key store: its file, type and password ({@code password}, {@code passwordFile}
 * or {@code passwordEnv}, see {@link Secret}); a key store may give its key's own
 * {@code keyPassword}. Read for Kafka's {@code security} and ZooKeeper's {@code tls}; the file must
 * be readable when the configuration is read. {@link #toString()} shows no password.
 */
public final class TlsStore {
  public static final List<String> TYPES = Collections.unmodifiableList(Arrays.asList("PKCS12", "JKS", "PEM"));

  public final Path path;
  public final String type;
  /** null: none (a PEM file, or a trust store without one). */
  private final String password;
  /** A key store's private-key password, when it differs from the store's; else null. */
  private final String keyPassword;

  TlsStore(Path path, String type, String password, String keyPassword) {
    this.path = path;
    this.type = type;
    this.password = password;
    this.keyPassword = keyPassword;
  }

  public String password() {
    return password;
  }

  public String keyPassword() {
    return keyPassword;
  }

  static TlsStore read(Node n, boolean key) throws ConfigException {
    if (key) {
      n.only("path", "type", "password", "passwordFile", "passwordEnv", "keyPassword");
    } else {
      n.only("path", "type", "password", "passwordFile", "passwordEnv");
    }
    Path path = n.readableFile("path");
    String type = n.optText("type", "PKCS12").toUpperCase(Locale.ROOT);
    if (!TYPES.contains(type)) throw n.error("type", "expected one of " + TYPES + ", got \"" + type + "\"");
    String password = Secret.given(n) ? Secret.read(n) : null;
    if (password == null && key && !type.equals("PEM")) {
      throw n.error(null, "a " + type + " key store needs its password: give one of password, passwordFile, passwordEnv");
    }
    return new TlsStore(path, type, password, key ? n.optSecret("keyPassword") : null);
  }

  @Override
  public String toString() {
    return type + " " + path + (password != null ? " (password ****)" : "");
  }
}
