package org.doflamingo.collect;

/** A scrape of one target failed; the message names the target and what went wrong. */
public class CollectException extends Exception {
  private static final long serialVersionUID = 1L;

  public CollectException(String message) {
    super(message);
  }

  public CollectException(String message, Throwable cause) {
    super(message, cause);
  }
}
