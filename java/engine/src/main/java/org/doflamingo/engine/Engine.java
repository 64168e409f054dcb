package org.doflamingo.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.doflamingo.engine.jni.GroupValues;
import org.doflamingo.engine.jni.GroupValuesList;
import org.doflamingo.engine.jni.NativeEngine;
import org.doflamingo.engine.jni.NativeOptions;
import org.doflamingo.engine.jni.SeriesValues;

/**
 * The native engine: interns series, ingests batches (journaled before the call returns), keeps
 * the last hour in memory and everything in RRD files, answers queries and group-bys. Safe for
 * many threads at once. Close it to write back what is buffered; closing again does nothing, and
 * any other call on a closed engine throws {@link IllegalStateException}. Reads of many series
 * ({@link #latest}, {@link #keys}, {@link #kinds}, {@link #query(int[], long, long, long)}) are one
 * native call each ({@link #nativeCalls()} counts them).
 *
 * <p>Bad input throws {@link IllegalArgumentException}; disk, journal or rrdcached trouble throws
 * {@link StorageException}. No native error can crash the JVM.
 */
public final class Engine extends NativeHandle {
  private final NativeEngine handle;
  private final EngineConfig config;
  private final List<RetentionClass> retentionClasses;  // fixed while the engine is open
  private final Map<String, Integer> classIndexes = new LinkedHashMap<>();  // name -> index in retentionClasses

  private Engine(NativeEngine handle, EngineConfig config) {
    super("engine at " + config.dataDir());
    this.handle = handle;
    this.config = config;
    this.retentionClasses = call(() -> RetentionClass.decodeAll(Utf8Strings.decode(handle.retentionClassNames()),
        handle.retentionClassNumbers()));
    for (int i = 0; i < retentionClasses.size(); i++) classIndexes.put(retentionClasses.get(i).name(), i);
  }

  /** Opens (or creates) the store under config's data directory and replays its journal. */
  public static Engine open(EngineConfig config) {
    NativeLibrary.load();
    EngineLog.install();
    NativeOptions options = config.toNative();
    NativeEngine handle;
    try {
      handle = new NativeEngine(options);
    } finally {
      options.delete();
    }
    try {
      return new Engine(handle, config);
    } catch (RuntimeException e) {
      handle.close();
      handle.delete();
      throw e;
    }
  }

  public EngineConfig config() {
    return config;
  }

  /** The id of a series, registering it on first use (class {@value RetentionClass#DEFAULT}). Ids are stable across restarts. */
  public int intern(SeriesKey key, SeriesKind kind) {
    byte[] bytes = key.encode();
    return call(() -> handle.intern(bytes, kind.code));
  }

  /**
   * The id of a series, registering it with {@code retentionClass} on first use. A known series
   * keeps the class it was created with (its file's layout is fixed; the engine logs the
   * difference once): a class change applies to series created after it. An undefined class
   * throws {@link IllegalArgumentException} naming the defined ones.
   */
  public int intern(SeriesKey key, SeriesKind kind, String retentionClass) {
    byte[] bytes = key.encode();
    Objects.requireNonNull(retentionClass, "retentionClass");
    return call(() -> handle.intern(bytes, kind.code, retentionClass));
  }

  /**
   * Ids of many series in one native call, in the order of {@code keys}, each registered with its
   * class on first use (one entry per new series in the registry, all in one write). {@code kinds}
   * and {@code retentionClasses} hold one per key. Every key is checked first: an undefined class
   * or a key known with another kind throws {@link IllegalArgumentException} naming it, and
   * nothing is interned.
   */
  public int[] intern(SeriesKey[] keys, SeriesKind[] kinds, String[] retentionClasses) {
    if (kinds.length != keys.length || retentionClasses.length != keys.length) {
      throw new IllegalArgumentException("intern of " + keys.length + " keys was given " + kinds.length + " kinds and "
          + retentionClasses.length + " retention classes");
    }
    List<byte[]> encoded = new ArrayList<>(keys.length);
    int[] kindCodes = new int[keys.length];
    int[] indexes = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      encoded.add(keys[i].encode());
      kindCodes[i] = kinds[i].code;
      Integer c = classIndexes.get(Objects.requireNonNull(retentionClasses[i], "retentionClasses[" + i + "]"));
      if (c == null) {
        throw new IllegalArgumentException("unknown retention class '" + retentionClasses[i] + "' of series " + keys[i]
            + "; defined: " + String.join(", ", classIndexes.keySet()));
      }
      indexes[i] = c;
    }
    byte[] flat = Utf8Strings.encodeBytes(encoded);
    return call(() -> handle.internMany(flat, kindCodes, indexes));
  }

  /**
   * Hands a batch to the engine in one native call. When this returns, every accepted sample is
   * in the journal and survives a crash of the process. The batch may be cleared and reused.
   */
  public IngestResult ingest(SampleBatch batch) {
    return call(() -> new IngestResult(handle.ingest(batch.buffer(), batch.size())));
  }

  /** Writes everything buffered into the RRD files now. */
  public void flush() {
    run(handle::flush);
  }

  public SeriesData query(int seriesId, long fromMs, long toMs, long resolutionMs) {
    return query(seriesId, fromMs, toMs, resolutionMs, Consolidation.AVERAGE);
  }

  /**
   * One series over [fromMs, toMs]. resolutionMs picks the tier (the finest that covers the range
   * at or above it); a range inside the live window at base resolution is read from memory.
   */
  public SeriesData query(int seriesId, long fromMs, long toMs, long resolutionMs, Consolidation cf) {
    return call(() -> copy(handle.query(seriesId, fromMs, toMs, resolutionMs, cf.code)));
  }

  /** Several series over the same range (AVERAGE), in the order given; one native call. */
  public List<SeriesData> query(int[] seriesIds, long fromMs, long toMs, long resolutionMs) {
    return query(seriesIds, fromMs, toMs, resolutionMs, Consolidation.AVERAGE);
  }

  /**
   * Several series over the same range, in the order given: one native call, their values
   * crossing as one flat array. An unknown id throws {@link IllegalArgumentException} naming it,
   * and nothing is read.
   */
  public List<SeriesData> query(int[] seriesIds, long fromMs, long toMs, long resolutionMs, Consolidation cf) {
    long[] header = new long[3 * seriesIds.length];
    double[] flat = call(() -> handle.queryMany(seriesIds, fromMs, toMs, resolutionMs, cf.code, header));
    List<SeriesData> out = new ArrayList<>(seriesIds.length);
    int at = 0;
    for (int i = 0; i < seriesIds.length; i++) {
      int n = (int) header[3 * i + 2];
      out.add(new SeriesData(header[3 * i], header[3 * i + 1], Arrays.copyOfRange(flat, at, at + n)));
      at += n;
    }
    return out;
  }

  /**
   * Newest value of each series at or before atMs and not older than maxAgeMs (a counter's rate
   * as stored): what {@code query(id, atMs - maxAgeMs, atMs, baseStepMs()).latest()} would give,
   * for many ids in one native call. Answered from the live ring when the window lies inside it
   * (no disk), else from the RRD files. An unknown id throws {@link IllegalArgumentException}
   * naming it, and nothing is returned.
   */
  public LatestValues latest(int[] seriesIds, long atMs, long maxAgeMs) {
    long[] times = new long[seriesIds.length];
    double[] values = call(() -> handle.latest(seriesIds, atMs, maxAgeMs, times));
    return new LatestValues(times, values);
  }

  /**
   * {@link #latest} with each series' age limit in base steps of its own retention class
   * ({@code steps} × its base step): "current" alike for a 2 s and a 30 s series. One native call.
   */
  public LatestValues latestWithinSteps(int[] seriesIds, long atMs, long steps) {
    long[] times = new long[seriesIds.length];
    double[] values = call(() -> handle.latestWithinSteps(seriesIds, atMs, steps, times));
    return new LatestValues(times, values);
  }

  /** Default window before the moment {@link #rankChanges} compares against (10 minutes). */
  public static final long CHANGES_BEFORE_MS = 10 * 60 * 1000L;
  /** Default window after the moment (5 minutes). */
  public static final long CHANGES_AFTER_MS = 5 * 60 * 1000L;
  /** Default number of known points each window needs. */
  public static final int CHANGES_MIN_KNOWN = 5;

  /**
   * "What changed" around {@code atMs}: the series ranked by how far their window after the moment
   * ({@code (atMs, atMs + afterMs]}) departs from their window before ({@code (atMs - beforeMs, atMs]}),
   * the best {@code limit} returned. Robust: medians and the MAD, a floor of 1 % of the series'
   * magnitude where the MAD is 0, unknown points left out and a series with fewer than
   * {@code minKnown} known points in either window skipped (see README, "What changed"). Each
   * series is read at its base step from the live ring, else from the finest RRD tier covering the
   * windows. One native call for any number of series. Bad windows, limits or ids throw
   * {@link IllegalArgumentException} naming the field.
   */
  public ChangeRanking rankChanges(int[] seriesIds, long atMs, long beforeMs, long afterMs, int limit, int minKnown) {
    return ChangeRanking.decode(call(() -> handle.rankChanges(seriesIds, atMs, beforeMs, afterMs, limit, minKnown)));
  }

  /** The retention class of each series, in the order given; one native call. */
  public List<RetentionClass> retentionClassOf(int[] seriesIds) {
    int[] indexes = call(() -> handle.retentionClassOf(seriesIds));
    List<RetentionClass> out = new ArrayList<>(indexes.length);
    for (int i : indexes) out.add(retentionClasses.get(i));
    return out;
  }

  /** Every retention class of this engine, {@value RetentionClass#DEFAULT} first (no native call). */
  public List<RetentionClass> retentionClasses() {
    checkOpen();
    return retentionClasses;
  }

  /** The class called name; {@link IllegalArgumentException} naming the defined ones when there is none. */
  public RetentionClass retentionClass(String name) {
    for (RetentionClass c : retentionClasses()) {
      if (c.name().equals(name)) return c;
    }
    List<String> names = new ArrayList<>();
    for (RetentionClass c : retentionClasses) names.add(c.name());
    throw new IllegalArgumentException("unknown retention class '" + name + "'; defined: " + String.join(", ", names));
  }

  /** The base step of a class's files and ring. */
  public long baseStepMs(String retentionClass) {
    return retentionClass(retentionClass).baseStepMs();
  }

  /**
   * Series named {@code name} whose labels include {@code filter}, grouped by the values of the
   * {@code groupBy} label keys and combined with {@code aggregation} at each step — e.g.
   * MessagesInPerSec summed per cluster.
   */
  public List<Group> groupBy(String name, Map<String, String> filter, List<String> groupBy, Aggregation aggregation,
      long fromMs, long toMs, long resolutionMs) {
    return groupBy(name, filter, groupBy, aggregation, Consolidation.AVERAGE, fromMs, toMs, resolutionMs);
  }

  public List<Group> groupBy(String name, Map<String, String> filter, List<String> groupBy, Aggregation aggregation,
      Consolidation cf, long fromMs, long toMs, long resolutionMs) {
    byte[] f = SeriesKey.of(name, filter).encode();
    byte[] g = Utf8Strings.encode(groupBy);
    return call(() -> {
      GroupValuesList list = handle.groupBy(f, g, aggregation.code, cf.code, fromMs, toMs, resolutionMs);
      try {
        List<Group> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
          GroupValues gv = list.get(i);
          try {
            List<String> kv = Utf8Strings.decode(gv.group());
            SortedMap<String, String> labels = new TreeMap<>();
            for (int k = 0; k + 1 < kv.size(); k += 2) labels.put(kv.get(k), kv.get(k + 1));
            out.add(new Group(labels, gv.seriesCount(), copy(gv.series())));
          } finally {
            gv.delete();
          }
        }
        return out;
      } finally {
        list.delete();
      }
    });
  }

  /**
   * Appends a batch of events to the engine's event log ({@code <dataDir>/events}) in one native
   * call; returns once they are as durable as an ingested sample (a kill -9 loses none; with
   * {@link EngineConfig#journalFsync} a power loss neither). An event beyond {@link EventLimits}
   * (or with a label key empty) throws {@link IllegalArgumentException} naming its index in the
   * batch and the field, and nothing of the batch is written ({@link EventLimits#fit} cuts text to
   * the limits first); {@link StorageException} when the log cannot be written.
   */
  public void appendEvents(List<Event> events) {
    if (events.isEmpty()) return;
    byte[] batch = EventCodec.encodeBatch(events);
    call(() -> {
      handle.appendEvents(batch);
      return null;
    });
  }

  /** The events a query selects, newest first, and the number of matches in its range; one native call. */
  public EventPage events(EventQuery q) {
    byte[] areas = Utf8Strings.encode(q.areas);
    byte[] kinds = Utf8Strings.encode(q.kinds);
    byte[] labels = Utf8Strings.encode(q.labelPairs());
    byte[] labelFree = Utf8Strings.encode(q.labelFreeAreas);
    long[] total = new long[1];
    byte[] page = call(() -> handle.queryEvents(q.fromMs, q.toMs, areas, kinds, q.minSeverity.ordinal(), labels, labelFree,
        q.start, q.limit, total));
    return new EventPage(EventCodec.decodeBatch(page), total[0]);
  }

  /** Ids of the series named {@code name} whose labels include every entry of {@code filter}. */
  public int[] select(String name, Map<String, String> filter) {
    byte[] f = SeriesKey.of(name, filter).encode();
    return call(() -> handle.select(f));
  }

  public SeriesKey key(int seriesId) {
    return call(() -> SeriesKey.decode(handle.key(seriesId)));
  }

  public SeriesKind kind(int seriesId) {
    return call(() -> SeriesKind.fromCode(handle.kind(seriesId)));
  }

  /** Keys of many series, in the order given; one native call (the keys cross as one UTF-8 buffer). */
  public List<SeriesKey> keys(int[] seriesIds) {
    return SeriesKey.decodeAll(call(() -> handle.keys(seriesIds)));
  }

  /** Kinds of many series, in the order given; one native call. */
  public List<SeriesKind> kinds(int[] seriesIds) {
    int[] codes = call(() -> handle.kinds(seriesIds));
    List<SeriesKind> out = new ArrayList<>(codes.length);
    for (int c : codes) out.add(SeriesKind.fromCode(c));
    return out;
  }

  public List<String> metricNames() {
    return call(() -> Collections.unmodifiableList(Utf8Strings.decode(handle.metricNames())));
  }

  public EngineStats stats() {
    return call(() -> {
      org.doflamingo.engine.jni.NativeStats s = handle.stats();
      try {
        return new EngineStats(s);
      } finally {
        s.delete();
      }
    });
  }

  /** The {@value RetentionClass#DEFAULT} class's RRD tiers, finest first: how long each resolution is kept. */
  public List<Tier> tiers() {
    long[] flat = call(handle::tiersMs);
    List<Tier> out = new ArrayList<>(flat.length / 2);
    for (int i = 0; i + 1 < flat.length; i += 2) out.add(new Tier(flat[i], flat[i + 1]));
    return Collections.unmodifiableList(out);
  }

  /** The finest step of the {@value RetentionClass#DEFAULT} class's RRD files and live ring. */
  public long baseStepMs() {
    return call(handle::baseStepMs);
  }

  @Override
  void release() {
    try {
      handle.close();
    } finally {
      handle.delete();
    }
  }

  private static SeriesData copy(SeriesValues v) {
    try {
      return new SeriesData(v.startMs(), v.stepMs(), v.values());
    } finally {
      v.delete();
    }
  }
}
