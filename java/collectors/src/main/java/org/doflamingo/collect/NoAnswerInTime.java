package org.doflamingo.collect;

/**
 * Thrown by a scrape whose target did not answer by the scrape's deadline, though nothing refused
 * it: a busy broker, a cluster reading 20,000 partitions on a saturated machine. The collection
 * service counts a round without an answer, as a timeout is: the target is slow, and DOWN only
 * after a few such rounds in a row; nothing of the scrape is written.
 */
public class NoAnswerInTime extends CollectException {
  private static final long serialVersionUID = 1L;

  public NoAnswerInTime(String message) {
    super(message);
  }

  public NoAnswerInTime(String message, Throwable cause) {
    super(message, cause);
  }
}
