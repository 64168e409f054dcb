package org.doflamingo.collect.series;

import java.util.Arrays;
import org.doflamingo.engine.SeriesKey;

/**
 * The key of each series id, one copy per process: the collectors put the very key object their
 * id map holds (key to id) when they intern a series, and the read side looks keys up here (id to
 * key) instead of decoding a second copy from the engine. At 1.3 million series that second copy
 * was about half the heap (docs/retention.md, heap). Ids are the engine's: small, dense, never
 * reused, so an array indexed by id is the whole map (8 bytes a series rather than a hash entry).
 * Safe for many threads; reads take no lock.
 */
public final class SeriesKeys {
  private volatile SeriesKey[] keys = new SeriesKey[1024];

  /** The key of {@code id}, null when none was put (a series interned before this process started, say). */
  public SeriesKey get(int id) {
    SeriesKey[] k = keys;
    return id >= 0 && id < k.length ? k[id] : null;
  }

  /** Remembers {@code key} as the key of {@code id} (the same key each time: an id names one series for the engine's life). */
  public synchronized void put(int id, SeriesKey key) {
    if (id < 0) throw new IllegalArgumentException("id: expected 0 or more, got " + id);
    SeriesKey[] k = keys;
    if (id >= k.length) k = Arrays.copyOf(k, Math.max(id + 1, k.length * 2));
    k[id] = key;
    keys = k; // publishes the write (and a grown array) to readers
  }
}
