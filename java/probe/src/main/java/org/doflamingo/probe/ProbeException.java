package org.doflamingo.probe;

/** The probe could not do something with the cluster (describe, create, elect); the message says what. */
final class ProbeException extends Exception {
  private static final long serialVersionUID = 1L;

  ProbeException(String message) {
    super(message);
  }

  ProbeException(String message, Throwable cause) {
    super(message, cause);
  }
}
