// The engine: series registry, ingest with counter rates, live ring, journal, write-back to RRD,
// queries and group-by. Thread-safe: any number of threads may ingest and query at once.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "doflamingo/counter_rate.h"
#include "doflamingo/journal.h"
#include "doflamingo/live_ring.h"
#include "doflamingo/rrd_store.h"
#include "doflamingo/series_key.h"
#include "doflamingo/series_kind.h"
#include "doflamingo/series_registry.h"

namespace doflamingo {

struct EngineOptions {
  std::string dataDir;                          // required; created if missing
  std::string tiers = std::string(kDefaultTiers);
  std::int64_t heartbeatSeconds = 0;            // 0: five base steps; longer gaps read as unknown
  std::int64_t liveWindowSeconds = 3600;        // the in-memory ring per series
  std::int32_t flushBatch = 64;                 // values a file collects before it is written
  std::int64_t flushMaxDelaySeconds = 300;      // ... or the longest a value waits in memory
  std::int32_t flusherThreads = 2;
  std::int64_t maxBufferedSamples = 8000000;  // ingest waits for write-back beyond this
  std::int64_t backpressureTimeoutMs = 30000;  // ... and fails after waiting this long
  std::int64_t futureToleranceSeconds = 600;    // samples further ahead of the clock are dropped
  std::string rrdcachedAddress;                 // e.g. "unix:/run/rrdcached.sock"; empty: direct
  bool journalFsync = false;                    // true: survive power loss too, slower ingest
  std::int64_t journalSegmentBytes = 64ll << 20;
};

// One sample as it crosses into the engine: 24 bytes, the same layout the Java side writes into a
// direct buffer, so a batch needs no conversion.
struct Sample {
  std::uint32_t seriesId;
  std::uint32_t reserved;
  std::int64_t timeMs;
  double value;
};
static_assert(sizeof(Sample) == 24, "Sample must match the Java batch layout");

struct IngestResult {
  std::int64_t accepted = 0;
  std::int64_t outOfOrder = 0;  // at or before the series' last sample: RRD cannot take the past
  std::int64_t tooFarAhead = 0; // beyond futureToleranceSeconds
  std::int64_t nonFinite = 0;   // NaN or ±Inf: stored as unknown (counters: skipped)
  std::int64_t firstCounterReadings = 0;  // counters need two readings for a rate
};

enum class Aggregation : int { Sum = 0, Avg = 1, Min = 2, Max = 3, Count = 4 };

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

  std::uint32_t intern(const SeriesKey& key, SeriesKind kind);

  // Accepts a batch; returns once every accepted sample is in the journal. Throws
  // InvalidArgument for an unknown series id (nothing of the batch is taken) and StorageError
  // when the journal cannot be written (nothing of the batch is acknowledged).
  IngestResult ingest(const Sample* samples, std::size_t count);

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

  std::vector<GroupResult> groupBy(const GroupQuery& query);

  std::vector<std::uint32_t> select(const std::string& name, const std::vector<Label>& filter) const;
  SeriesKey key(std::uint32_t id) const;
  SeriesKind kind(std::uint32_t id) const;
  std::vector<SeriesKey> keys(const std::vector<std::uint32_t>& ids) const;
  std::vector<SeriesKind> kinds(const std::vector<std::uint32_t>& ids) const;
  std::vector<std::string> metricNames() const;
  EngineStats stats() const;
  const std::vector<Tier>& tiers() const { return store_->tiers(); }

 private:
  struct SeriesState;
  SeriesState& state(std::uint32_t id);
  std::mutex& lockFor(std::uint32_t id) { return stripes_[id % kStripes]; }
  void ensureStates(std::size_t count);
  void checkOpen() const;
  void checkIds(const std::vector<std::uint32_t>& ids) const;
  // The bodies of query() and latest(), for callers that hold the lifecycle lock and checked the id.
  SeriesData queryOpen(std::uint32_t id, std::int64_t fromMs, std::int64_t toMs, std::int64_t resolutionMs,
                       Consolidation cf);
  Point latestOpen(std::uint32_t id, std::int64_t fromMs, std::int64_t toMs);
  void replayJournal();
  void flusherLoop(int index);
  // Writes one series' buffer; returns false when the write must be retried later.
  bool flushSeries(std::uint32_t id, bool waitIfBusy);
  // Writes every series' buffer on flusherThreads threads; returns how many failed.
  std::size_t flushAll();
  void scanForAgedBuffers(std::int64_t nowMs);
  void enqueue(std::uint32_t id);
  void waitForRoom();

  static constexpr std::size_t kStripes = 1024;
  static constexpr std::size_t kChunkBits = 12;  // 4096 series per chunk
  static constexpr std::size_t kMaxChunks = 1 << 14;

  EngineOptions options_;
  std::int64_t baseStepMs_;
  std::unique_ptr<SeriesRegistry> registry_;
  std::unique_ptr<RrdStore> store_;
  std::unique_ptr<Journal> journal_;

  // Series state in fixed chunks: a chunk never moves, so readers need no lock to find it.
  std::unique_ptr<std::atomic<SeriesState*>[]> chunks_;
  std::atomic<std::size_t> stateCount_{0};
  std::mutex growMutex_;
  std::mutex stripes_[kStripes];

  // Lifecycle: calls hold it shared, close() exclusively.
  mutable std::shared_mutex lifecycle_;
  bool closed_ = false;

  std::mutex queueMutex_;
  std::condition_variable queueCv_;
  std::condition_variable roomCv_;
  std::condition_variable busyCv_;
  std::deque<std::uint32_t> queue_;
  bool stopping_ = false;
  std::vector<std::thread> flushers_;

  std::atomic<std::int64_t> buffered_{0};
  std::atomic<std::int64_t> accepted_{0};
  std::atomic<std::int64_t> dropped_{0};
  std::atomic<std::int64_t> written_{0};
  std::atomic<std::int64_t> rrdWrites_{0};
  std::atomic<std::int64_t> rrdErrors_{0};
  std::atomic<std::int64_t> replayed_{0};
  std::atomic<std::int64_t> ringBytes_{0};
  mutable std::mutex errorMutex_;
  std::string lastStorageError_;
  std::int64_t lastErrorLogMs_ = 0;   // guarded by errorMutex_
  std::int64_t suppressedErrors_ = 0;  // guarded by errorMutex_
};

}  // namespace doflamingo
