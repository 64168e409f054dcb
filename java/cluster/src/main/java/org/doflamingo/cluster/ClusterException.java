package org.doflamingo.cluster;

/** A cluster member did not start, did not become ready in time, or died. */
public class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
