package org.doflamingo.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * A user name and password (JMX, SASL). The password comes from the configuration file, a file
 * of its own ({@code passwordFile}) or an environment variable ({@code passwordEnv}); never from
 * code, and {@link #toString()} never shows it, so it cannot reach a log.
 */
public final class Credentials {
  private final String user;
  private final String password;

  Credentials(String user, String password) {
    this.user = user;
    this.password = password;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public static Credentials read(Node n) throws ConfigException {
    n.only("user", "password", "passwordFile", "passwordEnv");
    String user = n.text("user");
    int sources = (n.has("password") ? 1 : 0) + (n.has("passwordFile") ? 1 : 0) + (n.has("passwordEnv") ? 1 : 0);
    if (sources != 1) {
      throw n.error(null, "give exactly one of password, passwordFile, passwordEnv");
    }
    String password = n.optSecret("password");
    String file = n.optText("passwordFile", null);
    if (file != null) {
      try {
        password = new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw n.error("passwordFile", "cannot read " + file + ": " + e.getClass().getSimpleName());
      }
      if (password.isEmpty()) throw n.error("passwordFile", file + " is empty");
    }
    String env = n.optText("passwordEnv", null);
    if (env != null) {
      password = System.getenv(env);
      if (password == null || password.isEmpty()) throw n.error("passwordEnv", "environment variable " + env + " is not set");
    }
    return new Credentials(user, password);
  }

  @Override
  public String toString() {
    return "Credentials{user=" + user + ", password=****}";
  }
}
