package org.doflamingo.collect;

/**
 * Thrown by a scrape while the target is contacted for the first time (connecting, listing its
 * MBeans) within the first contact's own, longer budget: not a failure of the target. The
 * collection service counts the attempt as neither success of a read nor failure: no values and
 * no {@code doflamingo.target.up} point are written, the target keeps its cadence (no backoff, not
 * DOWN) and the message is its {@link CollectionService#pending pending} state until a scrape ends
 * otherwise. A collector whose first contact outlives its budget fails as usual.
 */
public class StillStarting extends CollectException {
  private static final long serialVersionUID = 1L;

  public StillStarting(String message) {
    super(message);
  }
}
