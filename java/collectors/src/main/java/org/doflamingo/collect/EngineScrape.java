package org.doflamingo.collect;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
  /** Series ids by key, shared by every scrape of an engine. */
  public static final class Ids {
    private final Engine engine;
    private final ConcurrentMap<SeriesKey, Integer> ids = new ConcurrentHashMap<>();

    public Ids(Engine engine) {
      this.engine = engine;
    }

    int of(SeriesKey key, SeriesKind kind) {
      Integer id = ids.get(key);
      if (id == null) {
        id = engine.intern(key, kind);
        ids.putIfAbsent(key, id);
      }
      return id;
    }
  }

  private final Ids ids;
  private final Engine engine;
  private final long timeMillis;
  private SampleBatch batch;

  public EngineScrape(Engine engine, Ids ids, long timeMillis) {
    this(engine, ids, timeMillis, new SampleBatch(256));
  }

  /** A scrape into {@code batch} (cleared first), a batch its thread reuses; see {@link #batch()}. */
  public EngineScrape(Engine engine, Ids ids, long timeMillis, SampleBatch batch) {
    this.engine = engine;
    this.ids = ids;
    this.timeMillis = timeMillis;
    this.batch = batch;
    batch.clear();
  }

  @Override
  public void add(SeriesKey key, SeriesKind kind, double value) {
    if (batch.isFull()) batch = grow(batch);
    batch.add(ids.of(key, kind), timeMillis, value);
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
