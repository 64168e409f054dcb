package org.doflamingo.config;

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
    return new Credentials(n.text("user"), Secret.read(n));
  }

  @Override
  public String toString() {
    return "Credentials{user=" + user + ", password=****}";
  }
}
