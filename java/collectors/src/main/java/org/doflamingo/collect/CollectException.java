package org.doflamingo.collect;

/**
 * One target could not be read: refused, unreachable, too slow, or it answered something that is
 * not what was asked for. The message names the target and what was wrong; nothing of that
 * target's scrape was recorded.
 */
public class CollectException extends Exception {
  private static final long serialVersionUID = 1L;

  public CollectException(String message) {
    super(message);
  }

  public CollectException(String message, Throwable cause) {
    super(message, cause);
  }
}
