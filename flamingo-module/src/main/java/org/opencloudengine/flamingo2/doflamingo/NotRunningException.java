package org.opencloudengine.flamingo2.doflamingo;

/** Asked for data while the monitor is not running (configuration missing or bad, storage unusable, stopped). */
public final class NotRunningException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotRunningException(String message) {
    super(message);
  }
}
