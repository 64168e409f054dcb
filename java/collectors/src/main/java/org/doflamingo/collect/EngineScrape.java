package org.doflamingo.collect;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.doflamingo.collect.series.EngineSeam;
import org.doflamingo.collect.series.SeriesCounts;
import org.doflamingo.collect.series.SeriesPolicy;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.IngestResult;
import org.doflamingo.engine.SampleBatch;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * A scrape that goes into the engine: series are interned once (ids cached across scrapes) and
 * values collected into one batch, handed over in one call by {@link #commit()}. One per scrape
 * and thread; the id cache is shared, and the batch may be (one per collector thread).
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

    /** The id of the series, or -1 when it is not collected (excluded, or refused by a budget). */
    int of(SeriesKey key, SeriesKind kind, int targetId) {
      Integer id = ids.get(key);
      if (id != null) return id;
      String cls = policy == null ? "default" : policy.classOf(key);
      if (cls == null) {
        ids.putIfAbsent(key, EXCLUDED);
        return EXCLUDED;
      }
      synchronized (this) {
        id = ids.get(key);
        if (id != null) return id;
        // refused keys are not cached: a flood of new series must not grow this map either
        if (!counts.admit(targetId, key, cls, CollectionService.isOwnSeries(key.name()))) return EXCLUDED;
        id = EngineSeam.intern(engine, key, kind, cls);
        ids.put(key, id);
        return id;
      }
    }
  }

  private final Ids ids;
  private final Engine engine;
  private final int targetId;
  private final long timeMillis;
  private SampleBatch batch;

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
    int id = ids.of(key, kind, targetId);
    if (id < 0) return; // not collected
    if (batch.isFull()) batch = grow(batch);
    batch.add(id, timeMillis, value);
  }

  @Override
  public long timeMillis() {
    return timeMillis;
  }

  public int size() {
    return batch.size();
  }

  /** The series written by this scrape so far, in the order they were added. */
  public int[] seriesIds() {
    int[] out = new int[batch.size()];
    for (int i = 0; i < out.length; i++) out[i] = batch.seriesId(i);
    return out;
  }

  /** The batch the values are in: the one given, or a bigger copy when it filled up. */
  public SampleBatch batch() {
    return batch;
  }

  /** Forgets every value added so far. */
  public void discard() {
    batch.clear();
  }

  /** Hands every value to the engine in one call; journaled when this returns. */
  public IngestResult commit() {
    IngestResult r = engine.ingest(batch);
    batch.clear();
    return r;
  }

  private SampleBatch grow(SampleBatch full) {
    // Rare: a target with more series than the last one seen. Re-reading a batch costs less than
    // a second native call.
    SampleBatch bigger = new SampleBatch(full.capacity() * 2);
    full.copyTo(bigger);
    return bigger;
  }
}
