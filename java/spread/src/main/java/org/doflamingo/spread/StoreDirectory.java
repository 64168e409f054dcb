package org.doflamingo.spread;

import java.util.List;

/**
 * Which stores are alive and what each holds: what a query node needs to route a read. A store
 * announces itself whenever its consumer group gives it other partitions; the directory forgets a
 * store that stopped announcing.
 */
public interface StoreDirectory extends AutoCloseable {
  /** The stores alive now, with the partitions each holds. */
  List<StoreNode> stores();

  /** Says that this store holds these partitions now (a store calls it on every assignment and periodically). */
  void announce(StoreNode self);

  @Override
  void close();
}
