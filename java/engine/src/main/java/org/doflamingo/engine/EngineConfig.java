package org.doflamingo.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.doflamingo.engine.jni.DoflamingoNative;
import org.doflamingo.engine.jni.NativeOptions;

/** Options of an {@link Engine}; defaults are those of the native engine (engine.h). */
public final class EngineConfig {
  /** The retention tiers an engine keeps unless told otherwise, as the native engine defines them (types.h). */
  public static final String DEFAULT_TIERS = nativeDefaultTiers();

  private final Path dataDir;
  private String tiers = DEFAULT_TIERS;
  private long heartbeatSeconds;
  private long liveWindowSeconds = 3600;
  private int flushBatch = 64;
  private long flushMaxDelaySeconds = 300;
  private int flusherThreads = 2;
  private long maxBufferedSamples = 8_000_000;
  private long backpressureTimeoutMs = 30_000;
  private long futureToleranceSeconds = 600;
  private String rrdcachedAddress = "";
  private boolean journalFsync;
  private long journalSegmentBytes = 64L << 20;
  private long eventMaxAgeSeconds = 90L * 86400;
  private long eventMaxBytes = 256L << 20;
  private long eventSegmentBytes = 8L << 20;
  private final List<ClassDefinition> retentionClasses = new ArrayList<>();

  private EngineConfig(Path dataDir) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
  }

  /** RRD files, journal and series registry live under dataDir (created if missing). */
  public static EngineConfig at(Path dataDir) {
    return new EngineConfig(dataDir);
  }

  /**
   * Retention tiers, e.g. "2s:1d,1m:14d,15m:180d,1h:5y": those of the {@value RetentionClass#DEFAULT}
   * class (with MIN/MAX and {@link #liveWindowSeconds}) unless {@link #retentionClass} defines it.
   */
  public EngineConfig tiers(String spec) {
    this.tiers = Objects.requireNonNull(spec, "tiers");
    return this;
  }

  /**
   * Longest gap RRD bridges; longer gaps read as unknown. 0: five base steps. The heartbeat of the
   * default class built from {@link #tiers}; for every other class a floor above its five base steps.
   */
  public EngineConfig heartbeatSeconds(long seconds) {
    this.heartbeatSeconds = seconds;
    return this;
  }

  /** How long every series is kept in memory at full resolution. */
  public long liveWindowSeconds() {
    return liveWindowSeconds;
  }

  public EngineConfig liveWindowSeconds(long seconds) {
    this.liveWindowSeconds = seconds;
    return this;
  }

  /**
   * Defines a retention class (see {@link RetentionClass}): its tiers (e.g. "30s:1d,1h:30d"),
   * whether the consolidated tiers keep MIN/MAX, and its live window (0: no ring). Checked when
   * the engine opens: bad tiers, a duplicate name or a bad name throw
   * {@link IllegalArgumentException} naming the class and the part.
   */
  public EngineConfig retentionClass(String name, String tiers, boolean minMax, long liveWindowSeconds) {
    retentionClasses.add(new ClassDefinition(Objects.requireNonNull(name, "name"), Objects.requireNonNull(tiers, "tiers"),
        minMax, liveWindowSeconds));
    return this;
  }

  /** Values a file collects before it is written (librrd's cost is mostly per call). */
  public EngineConfig flushBatch(int values) {
    this.flushBatch = values;
    return this;
  }

  public EngineConfig flushMaxDelaySeconds(long seconds) {
    this.flushMaxDelaySeconds = seconds;
    return this;
  }

  public EngineConfig flusherThreads(int threads) {
    this.flusherThreads = threads;
    return this;
  }

  /** Ingest waits for write-back beyond this many buffered samples. */
  public EngineConfig maxBufferedSamples(long samples) {
    this.maxBufferedSamples = samples;
    return this;
  }

  public EngineConfig backpressureTimeoutMs(long millis) {
    this.backpressureTimeoutMs = millis;
    return this;
  }

  public EngineConfig futureToleranceSeconds(long seconds) {
    this.futureToleranceSeconds = seconds;
    return this;
  }

  /** Write through rrdcached, e.g. "unix:/run/rrdcached.sock"; empty: write files directly. */
  public EngineConfig rrdcached(String address) {
    this.rrdcachedAddress = Objects.requireNonNull(address, "address");
    return this;
  }

  /** fsync the journal at every ingest: survives power loss too, at a cost in throughput. */
  public EngineConfig journalFsync(boolean fsync) {
    this.journalFsync = fsync;
    return this;
  }

  public EngineConfig journalSegmentBytes(long bytes) {
    this.journalSegmentBytes = bytes;
    return this;
  }

  /**
   * The event log's retention (under {@code <dataDir>/events}): events older than maxAgeSeconds
   * are not answered and their segments deleted; the log's oldest segments go while it holds more
   * than maxBytes. Defaults: 90 days, 256 MB.
   */
  public EngineConfig eventRetention(long maxAgeSeconds, long maxBytes) {
    this.eventMaxAgeSeconds = maxAgeSeconds;
    this.eventMaxBytes = maxBytes;
    return this;
  }

  /** How large one event log segment grows (the unit retention deletes); at most a quarter of eventMaxBytes is used. */
  public EngineConfig eventSegmentBytes(long bytes) {
    this.eventSegmentBytes = bytes;
    return this;
  }

  public Path dataDir() {
    return dataDir;
  }

  NativeOptions toNative() {
    NativeOptions o = new NativeOptions();
    o.setDataDir(dataDir.toAbsolutePath().toString());
    o.setTiers(tiers);
    o.setHeartbeatSeconds(heartbeatSeconds);
    o.setLiveWindowSeconds(liveWindowSeconds);
    for (ClassDefinition c : retentionClasses) o.addRetentionClass(c.name, c.tiers, c.minMax, c.liveWindowSeconds);
    o.setFlushBatch(flushBatch);
    o.setFlushMaxDelaySeconds(flushMaxDelaySeconds);
    o.setFlusherThreads(flusherThreads);
    o.setMaxBufferedSamples(maxBufferedSamples);
    o.setBackpressureTimeoutMs(backpressureTimeoutMs);
    o.setFutureToleranceSeconds(futureToleranceSeconds);
    o.setRrdcachedAddress(rrdcachedAddress);
    o.setJournalFsync(journalFsync);
    o.setJournalSegmentBytes(journalSegmentBytes);
    o.setEventMaxAgeSeconds(eventMaxAgeSeconds);
    o.setEventMaxBytes(eventMaxBytes);
    o.setEventSegmentBytes(eventSegmentBytes);
    return o;
  }

  private static final class ClassDefinition {
    final String name;
    final String tiers;
    final boolean minMax;
    final long liveWindowSeconds;

    ClassDefinition(String name, String tiers, boolean minMax, long liveWindowSeconds) {
      this.name = name;
      this.tiers = tiers;
      this.minMax = minMax;
      this.liveWindowSeconds = liveWindowSeconds;
    }
  }

  private static String nativeDefaultTiers() {
    NativeLibrary.load();
    return DoflamingoNative.defaultTiers();
  }
}
