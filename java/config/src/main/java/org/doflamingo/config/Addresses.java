package org.doflamingo.config;

/** Checks of host:port strings. */
final class Addresses {
  private Addresses() {}

  static void checkHostPort(Node n, String field, String value) throws ConfigException {
    int colon = value.lastIndexOf(':');
    boolean ok = colon > 0 && colon < value.length() - 1;
    if (ok) {
      try {
        int port = Integer.parseInt(value.substring(colon + 1));
        ok = port >= 1 && port <= 65535;
      } catch (NumberFormatException e) {
        ok = false;
      }
    }
    if (!ok) throw n.error(field, "expected host:port with a port 1-65535, got \"" + value + "\"");
  }
}
