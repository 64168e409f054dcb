// The engine: series registry, ingest with counter rates, live ring, journal, write-back to RRD,
// queries and group-by. Thread-safe: any number of threads may ingest and query at once.
//
// Only the engine's face is here; its parts (journal, RRD store, live ring, registry) are behind
// Impl, in native/src.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "doflamingo/changes.h"
#include "doflamingo/events.h"
#include "doflamingo/types.h"

namespace doflamingo {

// Where the engine reads the time: which samples are too far ahead, when a buffered value is old
// enough to be written, when a failed write is retried. The system clock unless the host (or a
// test) gives another. Called from many threads at once.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t nowMs() const = 0;  // milliseconds since the epoch
};

// The wall clock (std::chrono::system_clock).
std::shared_ptr<const Clock> systemClock();

struct EngineOptions {
  std::string dataDir;                          // required; created if missing
  // The "default" retention class, unless retentionClasses defines one: these tiers and live
  // window, MIN/MAX kept, heartbeatSeconds as given.
  std::string tiers = kDefaultTiers;
  // 0: five base steps; longer gaps read as unknown. For the "default" class built from tiers
  // this is its heartbeat; for every other class a floor above its five base steps.
  std::int64_t heartbeatSeconds = 0;
  std::int64_t liveWindowSeconds = 3600;        // the in-memory ring per series
  std::vector<RetentionClass> retentionClasses; // besides "default"; names unique
  std::int32_t flushBatch = 64;                 // values a file collects before it is written
  std::int64_t flushMaxDelaySeconds = 300;      // ... or the longest a value waits in memory
  std::int32_t flusherThreads = 2;
  std::int64_t maxBufferedSamples = 8000000;    // ingest waits for write-back beyond this
  std::int64_t backpressureTimeoutMs = 30000;   // ... and fails after waiting this long
  std::int64_t futureToleranceSeconds = 600;    // samples further ahead of the clock are dropped
  std::string rrdcachedAddress;                 // e.g. "unix:/run/rrdcached.sock"; empty: direct
  bool journalFsync = false;                    // true: survive power loss too, slower ingest
  std::int64_t journalSegmentBytes = 64ll << 20;
  // The event log (<dataDir>/events): events older than this are not answered and their segments
  // deleted; the log is kept under eventMaxBytes by deleting its oldest segments. Appends are as
  // durable as the journal's (journalFsync applies to both).
  std::int64_t eventMaxAgeSeconds = 90ll * 86400;
  std::int64_t eventMaxBytes = 256ll << 20;
  std::int64_t eventSegmentBytes = 8ll << 20;   // at most eventMaxBytes / 4 is used
  std::shared_ptr<const Clock> clock = systemClock();
};

// A retention class as the engine keeps it: its definition checked, its tiers parsed, and what one
// series of it costs.
struct RetentionClassInfo {
  RetentionClass definition;
  std::vector<Tier> tiers;            // finest first; tiers.front() is the base step
  std::int64_t heartbeatSeconds = 0;  // longer gaps between samples read as unknown
  std::int64_t fileBytes = 0;         // one RRD file, exactly as created (its size on disk, fully allocated)
  std::int64_t ringBytes = 0;         // the live ring's values (0 without a ring)
  std::int64_t baseStepMs() const { return tiers.front().stepSeconds * 1000; }
};

// Checks and sizes one class without an engine (no data directory, no file written): for sizing a
// cluster before it is watched. heartbeatSeconds as in EngineOptions (a floor). Throws
// InvalidArgument naming the class and the part at fault.
RetentionClassInfo describeRetentionClass(const RetentionClass& retentionClass, std::int64_t heartbeatSeconds = 0);

struct IngestResult {
  std::int64_t accepted = 0;
  std::int64_t outOfOrder = 0;  // at or before the series' last sample: RRD cannot take the past
  std::int64_t tooFarAhead = 0; // beyond futureToleranceSeconds
  std::int64_t nonFinite = 0;   // NaN or ±Inf: stored as unknown (counters: skipped)
  std::int64_t firstCounterReadings = 0;  // counters need two readings for a rate
};

struct GroupQuery {
  std::string name;
  std::vector<Label> filter;        // labels every selected series must have
  std::vector<std::string> groupBy; // label keys; empty: one group over everything
  Aggregation aggregation = Aggregation::Sum;
  Consolidation consolidation = Consolidation::Average;
  std::int64_t fromMs = 0;
  std::int64_t toMs = 0;
  std::int64_t resolutionMs = 0;
};

struct GroupResult {
  std::vector<Label> group;  // values of the groupBy keys ("" where a series lacks one)
  std::int32_t seriesCount = 0;
  SeriesData data;
};

struct EngineStats {
  std::int64_t series = 0;
  std::int64_t samplesAccepted = 0;
  std::int64_t samplesDropped = 0;
  std::int64_t samplesBuffered = 0;  // in memory, journaled, not yet in RRD files
  std::int64_t samplesWritten = 0;   // into RRD files
  std::int64_t rrdWrites = 0;        // librrd calls
  std::int64_t rrdWriteErrors = 0;
  std::int64_t filesQuarantined = 0;
  std::int64_t journalSegments = 0;
  std::int64_t replayedSamples = 0;  // read back from the journal at open
  std::int64_t liveRingBytes = 0;
  std::int64_t logRecordsDropped = 0;  // the host's log sink threw (process-wide)
  std::int64_t events = 0;             // in the event log
  std::int64_t eventBytes = 0;
  std::int64_t eventCorruptRecords = 0;  // skipped at open and in reads
  std::string lastStorageError;
};

class Engine {
 public:
  explicit Engine(const EngineOptions& options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Writes every buffered value to the RRD files, stops the flushers and drops the journal if
  // all went in. Further calls throw Closed. Safe to call twice (the second does nothing).
  void close();

  // intern(key, kind, "default").
  std::uint32_t intern(const SeriesKey& key, SeriesKind kind);
  // The id of key, registering it with the given retention class on first use (recorded in
  // series.log). A known key keeps the class it was created with (its file's layout is fixed):
  // asking for another is logged once per pair of classes, not an error. Throws InvalidArgument
  // for a class the options do not define.
  std::uint32_t intern(const SeriesKey& key, SeriesKind kind, const std::string& retentionClass);
  // intern() of many series at once: one registry lock, their new entries in series.log in one
  // write. kinds and classes hold one per key; a class is an index into retentionClasses(). Ids
  // come in the order of keys. Every key is checked first: an unknown class or a kind conflict
  // throws InvalidArgument and nothing is interned.
  std::vector<std::uint32_t> intern(const std::vector<SeriesKey>& keys, const std::vector<SeriesKind>& kinds,
                                    const std::vector<std::uint32_t>& classes);

  // Accepts a batch; returns once every accepted sample is in the journal. Nothing of a batch
  // reaches memory or the RRD files before its journal append succeeded. Throws InvalidArgument
  // for an unknown series id (nothing of the batch is taken) and StorageError when the journal
  // cannot be written (nothing of the batch is taken: sending it again later is not "out of order").
  IngestResult ingest(const Sample* samples, std::size_t count);

  // Appends a batch to the event log with one write; returns once it is as durable as an ingested
  // sample (see EngineOptions::journalFsync). Every event is checked first: a bad one throws
  // InvalidArgument naming its index and field, and nothing of the batch is written. StorageError
  // when the log cannot be written (nothing of the batch is kept).
  void appendEvents(const std::vector<EventRecord>& events);

  // The events of a time range, newest first, filtered and paged (see EventQuery).
  EventPage queryEvents(const EventQuery& query) const;

  // Writes everything buffered to the RRD files now.
  void flush();

  // One series over [fromMs, toMs]. resolutionMs picks the tier; ranges inside the live window
  // at base resolution are answered from memory.
  SeriesData query(std::uint32_t id, std::int64_t fromMs, std::int64_t toMs, std::int64_t resolutionMs,
                   Consolidation cf = Consolidation::Average);

  // Several series over the same range, in the order of ids. Every id is checked first: an unknown
  // one throws InvalidArgument and nothing is read.
  std::vector<SeriesData> query(const std::vector<std::uint32_t>& ids, std::int64_t fromMs, std::int64_t toMs,
                                std::int64_t resolutionMs, Consolidation cf = Consolidation::Average);

  // The newest known value of each series among what query(id, atMs - maxAgeMs, atMs, base step)
  // would answer (a counter's rate as stored), in the order of ids; {0, NaN} where there is none.
  // Read from the live ring when the window lies inside it, else from the RRD file.
  std::vector<Point> latest(const std::vector<std::uint32_t>& ids, std::int64_t atMs, std::int64_t maxAgeMs);

  // latest() with each series' age limit in base steps of its own class: "current" alike for a
  // 2 s and a 30 s series (steps * its base step), up to the end of the step that holds atMs (a
  // value is stamped at the end of its step, which for a coarse class may lie ahead of atMs).
  std::vector<Point> latestWithinSteps(const std::vector<std::uint32_t>& ids, std::int64_t atMs, std::int64_t steps);

  // Series of different classes are combined on the coarsest step among the answers.
  std::vector<GroupResult> groupBy(const GroupQuery& query);

  // "What changed" around q.atMs: q.ids ranked by how far their window after the moment departs
  // from their window before (see changes.h and change_score.h), the best q.limit returned. One
  // call for any number of series. Throws InvalidArgument naming the field for bad windows or
  // limits, and for an unknown id (nothing is read).
  ChangeRanking rankChanges(const ChangeQuery& q);

  std::vector<std::uint32_t> select(const std::string& name, const std::vector<Label>& filter) const;
  SeriesKey key(std::uint32_t id) const;
  SeriesKind kind(std::uint32_t id) const;
  std::vector<SeriesKey> keys(const std::vector<std::uint32_t>& ids) const;
  std::vector<SeriesKind> kinds(const std::vector<std::uint32_t>& ids) const;
  std::vector<std::string> metricNames() const;
  EngineStats stats() const;
  // The "default" class's tiers.
  const std::vector<Tier>& tiers() const;
  // Every class, "default" first; a series' class is an index into this list.
  std::vector<RetentionClassInfo> retentionClasses() const;
  // The class index of each series, in the order of ids (unknown id: InvalidArgument, nothing returned).
  std::vector<std::uint32_t> retentionClassOf(const std::vector<std::uint32_t>& ids) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace doflamingo
