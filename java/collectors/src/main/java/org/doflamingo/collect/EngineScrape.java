package org.doflamingo.collect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.doflamingo.collect.series.EngineSeam;
import org.doflamingo.collect.series.SeriesKeys;
import org.doflamingo.collect.series.SeriesCounts;
import org.doflamingo.collect.series.SeriesPolicy;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.IngestResult;
import org.doflamingo.engine.RetentionClass;
import org.doflamingo.engine.SampleBatch;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scrape that goes into the engine: series are interned once (ids cached across scrapes) and
 * values collected into one batch, handed over in one call by {@link #commit()}. Values of series
 * the cache does not know wait until then (or {@link #size()}, {@link #seriesIds()}, {@link
 * #batch()}), when they are all interned in one call: a first scrape of 100,000 new series makes
 * one intern call, not 100,000. One per scrape and thread; the id cache is shared, and the batch
 * may be (one per collector thread).
 */
public final class EngineScrape implements Scrape {
  /**
   * Series ids by key, shared by every scrape of an engine. Each new key is put to the series
   * policy once: its class (interned with it) or "not collected" (remembered, never interned),
   * and to the budgets of the scrape's target; the answer is cached with the id.
   */
  public static final class Ids {
    /** Cached for a key the policy excludes: no id. */
    private static final int EXCLUDED = -1;

    private final Engine engine;
    private final SeriesPolicy policy;
    private final SeriesCounts counts;
    private final ConcurrentMap<SeriesKey, Integer> ids = new ConcurrentHashMap<>();
    /** The other way, id to key, holding the same key objects: the read side's one copy. */
    private final SeriesKeys seriesKeys = new SeriesKeys();

    /** Every series collected, with the engine's default retention, no budget. */
    public Ids(Engine engine) {
      this(engine, null, new SeriesCounts(0, 0));
    }

    /** Series as {@code policy} says (null: every series, the engine's default class), counted and budgeted in {@code counts}. */
    public Ids(Engine engine, SeriesPolicy policy, SeriesCounts counts) {
      this.engine = engine;
      this.policy = policy;
      this.counts = counts;
    }

    public SeriesCounts counts() {
      return counts;
    }

    /** The key of each id interned here. */
    public SeriesKeys keys() {
      return seriesKeys;
    }

    /** The cached answer for key: its id, -1 when it is not collected, null when it was never decided. */
    Integer cached(SeriesKey key) {
      return ids.get(key);
    }

    /**
     * The id of each series (-1: not collected, excluded or refused by a budget), in the order of
     * keys. Keys not seen before are put to the policy and the budgets in that order, and the
     * admitted ones interned in one native call.
     */
    int[] of(List<SeriesKey> keys, List<SeriesKind> kinds, int targetId) {
      int[] out = new int[keys.size()];
      String[] classes = new String[keys.size()];
      for (int i = 0; i < out.length; i++) {
        SeriesKey key = keys.get(i);
        if (ids.containsKey(key)) continue;
        classes[i] = policy == null ? RetentionClass.DEFAULT : policy.classOf(key);
        if (classes[i] == null) ids.putIfAbsent(key, EXCLUDED);
      }
      synchronized (this) {
        Map<SeriesKey, Integer> admitted = new LinkedHashMap<>(); // new key -> its first index in keys
        for (int i = 0; i < out.length; i++) {
          SeriesKey key = keys.get(i);
          Integer id = ids.get(key);
          if (id != null) {
            out[i] = id;
          } else if (!admitted.containsKey(key)) {
            // refused keys are not cached: a flood of new series must not grow this map either
            boolean admit = counts.admit(targetId, key, classes[i], CollectionService.isOwnSeries(key.name()));
            out[i] = EXCLUDED;
            if (admit) admitted.put(key, i);
          }
        }
        if (admitted.isEmpty()) return out;
        SeriesKey[] newKeys = new SeriesKey[admitted.size()];
        SeriesKind[] newKinds = new SeriesKind[newKeys.length];
        String[] newClasses = new String[newKeys.length];
        int n = 0;
        for (int i : admitted.values()) {
          newKeys[n] = keys.get(i);
          newKinds[n] = kinds.get(i);
          newClasses[n++] = classes[i];
        }
        int[] newIds = internAll(newKeys, newKinds, newClasses);
        for (int k = 0; k < newKeys.length; k++) {
          // the id is published (keys first) only once its key can be looked up by the read side
          if (newIds[k] >= 0) seriesKeys.put(newIds[k], newKeys[k]);
          ids.put(newKeys[k], newIds[k]);
        }
        for (int i = 0; i < out.length; i++) {
          if (admitted.containsKey(keys.get(i))) out[i] = ids.get(keys.get(i));
        }
        return out;
      }
    }

    /**
     * Interns new series in one call; when the engine refuses the call (all or nothing: a key whose
     * kind conflicts with its stored series, say), one by one instead, so that a bad key costs only
     * itself: it is logged once and remembered as not collected, never retried each scrape.
     */
    private int[] internAll(SeriesKey[] keys, SeriesKind[] kinds, String[] classes) {
      try {
        return EngineSeam.intern(engine, keys, kinds, classes);
      } catch (IllegalArgumentException refused) {
        int[] out = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
          try {
            out[k] = EngineSeam.intern(engine, new SeriesKey[] {keys[k]}, new SeriesKind[] {kinds[k]}, new String[] {classes[k]})[0];
          } catch (IllegalArgumentException e) {
            log.warn("series {} is not collected: {}", keys[k], e.getMessage());
            out[k] = EXCLUDED;
          }
        }
        return out;
      }
    }
  }

  private static final Logger log = LoggerFactory.getLogger(EngineScrape.class);
  private final Ids ids;
  private final Engine engine;
  private final int targetId;
  private final long timeMillis;
  private SampleBatch batch;
  // Values of keys the id cache has no answer for yet: decided and interned together (see resolve).
  private final List<SeriesKey> pendingKeys = new ArrayList<>();
  private final List<SeriesKind> pendingKinds = new ArrayList<>();
  private double[] pendingValues = new double[16];

  public EngineScrape(Engine engine, Ids ids, long timeMillis) {
    this(engine, ids, timeMillis, new SampleBatch(256));
  }

  /** A scrape into {@code batch} (cleared first), a batch its thread reuses; see {@link #batch()}. */
  public EngineScrape(Engine engine, Ids ids, long timeMillis, SampleBatch batch) {
    this(engine, ids, timeMillis, batch, -1);
  }

  /** A scrape of target {@code targetId} (its series counted and budgeted as its own; -1: no target). */
  public EngineScrape(Engine engine, Ids ids, long timeMillis, SampleBatch batch, int targetId) {
    this.engine = engine;
    this.targetId = targetId;
    this.ids = ids;
    this.timeMillis = timeMillis;
    this.batch = batch;
    batch.clear();
  }

  @Override
  public void add(SeriesKey key, SeriesKind kind, double value) {
    Integer id = ids.cached(key);
    if (id == null) {
      if (pendingKeys.size() == pendingValues.length) pendingValues = Arrays.copyOf(pendingValues, pendingValues.length * 2);
      pendingValues[pendingKeys.size()] = value;
      pendingKeys.add(key);
      pendingKinds.add(kind);
      return;
    }
    if (id >= 0) put(id, value); // else not collected
  }

  @Override
  public long timeMillis() {
    return timeMillis;
  }

  /** Values collected so far (series new to the cache decided first). */
  public int size() {
    resolve();
    return batch.size();
  }

  /** The series written by this scrape so far: known ones in the order they were added, then new ones. */
  public int[] seriesIds() {
    resolve();
    int[] out = new int[batch.size()];
    for (int i = 0; i < out.length; i++) out[i] = batch.seriesId(i);
    return out;
  }

  /** The batch the values are in: the one given, or a bigger copy when it filled up. */
  public SampleBatch batch() {
    resolve();
    return batch;
  }

  /** Forgets every value added so far. */
  public void discard() {
    batch.clear();
    clearPending();
  }

  /**
   * Hands every value to the engine in one call; journaled when this returns. Series new to the
   * id cache are decided and interned first, all in one call.
   */
  public IngestResult commit() {
    resolve();
    IngestResult r = engine.ingest(batch);
    batch.clear();
    return r;
  }

  /** Decides every pending key (one bulk intern for the new ones) and puts its value in the batch. */
  private void resolve() {
    if (pendingKeys.isEmpty()) return;
    int[] pendingIds = ids.of(pendingKeys, pendingKinds, targetId);
    for (int i = 0; i < pendingIds.length; i++) {
      if (pendingIds[i] >= 0) put(pendingIds[i], pendingValues[i]);
    }
    clearPending();
  }

  private void clearPending() {
    pendingKeys.clear();
    pendingKinds.clear();
  }

  private void put(int id, double value) {
    if (batch.isFull()) batch = grow(batch);
    batch.add(id, timeMillis, value);
  }

  private SampleBatch grow(SampleBatch full) {
    // Rare: a target with more series than the last one seen. Re-reading a batch costs less than
    // a second native call.
    SampleBatch bigger = new SampleBatch(full.capacity() * 2);
    full.copyTo(bigger);
    return bigger;
  }
}
