package org.doflamingo.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Where a password comes from: the configuration file ({@code password}), a file of its own
 * ({@code passwordFile}) or an environment variable ({@code passwordEnv}); never from code. One
 * reading for every secret (JMX and SASL passwords, trust and key store passwords), so each is
 * given and refused the same way, and no error repeats the value.
 */
final class Secret {
  static final String[] FIELDS = {"password", "passwordFile", "passwordEnv"};

  private Secret() {
  }

  /** True when {@code n} gives a password in any of the three ways. */
  static boolean given(Node n) {
    return n.has("password") || n.has("passwordFile") || n.has("passwordEnv");
  }

  /** The password {@code n} gives in exactly one of the three ways; an error when none or several. */
  static String read(Node n) throws ConfigException {
    int sources = (n.has("password") ? 1 : 0) + (n.has("passwordFile") ? 1 : 0) + (n.has("passwordEnv") ? 1 : 0);
    if (sources != 1) {
      throw n.error(null, "give exactly one of password, passwordFile, passwordEnv");
    }
    String password = n.optSecret("password");
    String file = n.optText("passwordFile", null);
    if (file != null) {
      try {
        password = new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8).trim();
      } catch (IOException | java.nio.file.InvalidPathException e) {
        throw n.error("passwordFile", "cannot read " + file + ": " + e.getClass().getSimpleName());
      }
      if (password.isEmpty()) throw n.error("passwordFile", file + " is empty");
    }
    String env = n.optText("passwordEnv", null);
    if (env != null) {
      password = System.getenv(env);
      if (password == null || password.isEmpty()) throw n.error("passwordEnv", "environment variable " + env + " is not set");
    }
    return password;
  }
}
