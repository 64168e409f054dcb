package org.doflamingo.query;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.doflamingo.collect.series.SeriesKeys;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * Keys and kinds of one engine's series by id, each fetched once. An id names the same key and
 * kind for the engine's life (the registry never removes or reuses one), so a list over 20,000
 * partitions need not cross JNI and decode UTF-8 for every series on every request. Keys are the
 * collectors' own ({@link SeriesKeys}: one copy of each key in the process); a series they have
 * not interned (one stored before this process started) is fetched in one bulk call and kept
 * there too. Lives as long as its monitor ({@link Reads}).
 */
public final class SeriesIndex {
  private final Engine engine;
  private final SeriesKeys keys;
  private final ConcurrentMap<Integer, SeriesKind> kinds = new ConcurrentHashMap<>();

  SeriesIndex(Engine engine, SeriesKeys keys) {
    this.engine = engine;
    this.keys = keys;
  }

  /** Keys of the ids, in their order: one native call for those not known, none when all are. */
  public SeriesKey[] keys(int[] ids) {
    SeriesKey[] out = new SeriesKey[ids.length];
    int[] missing = new int[ids.length];
    int n = 0;
    for (int i = 0; i < ids.length; i++) if ((out[i] = keys.get(ids[i])) == null) missing[n++] = ids[i];
    if (n == 0) return out;
    List<SeriesKey> fetched = engine.keys(java.util.Arrays.copyOf(missing, n));
    for (int i = 0; i < n; i++) keys.put(missing[i], fetched.get(i));
    for (int i = 0; i < ids.length; i++) if (out[i] == null) out[i] = keys.get(ids[i]);
    return out;
  }

  public SeriesKey key(int id) {
    return keys(new int[] {id})[0];
  }

  /** Kinds of the ids, in their order, as {@link #keys} fetches keys. */
  public SeriesKind[] kinds(int[] ids) {
    SeriesKind[] out = new SeriesKind[ids.length];
    int[] missing = missingKinds(ids);
    if (missing.length > 0) {
      List<SeriesKind> fetched = engine.kinds(missing);
      for (int i = 0; i < missing.length; i++) kinds.put(missing[i], fetched.get(i));
    }
    for (int i = 0; i < ids.length; i++) out[i] = kinds.get(ids[i]);
    return out;
  }

  private int[] missingKinds(int[] ids) {
    int n = 0;
    int[] out = new int[ids.length];
    for (int id : ids) if (!kinds.containsKey(id)) out[n++] = id;
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }
}
