package org.doflamingo.server;

import java.io.IOException;

/**
 * The host cannot start; the message is for the operator (one line, names the setting to change).
 */
public final class HostException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean settings;

  HostException(String message, Throwable cause) {
    super(message, cause);
    this.settings = false;
  }

  private HostException(String message) {
    super(message);
    this.settings = true;
  }

  /** A setting the operator has to change (as opposed to a failure inside the host). */
  static HostException ofSettings(String message) {
    return new HostException(message);
  }

  static HostException cannotListen(String bind, int port, IOException e) {
    String reason = String.valueOf(e.getMessage());
    if (reason.contains("in use")) {
      return ofSettings("port " + port + " on " + bind + " is already in use: choose another with --port or web.port");
    }
    return ofSettings("cannot listen on " + bind + " port " + port + ": " + reason + " (see web.bind and web.port)");
  }

  /** Whether the cause is a setting (exit code 2, no stack trace) rather than a failure inside the host. */
  public boolean isSettings() {
    return settings;
  }
}
