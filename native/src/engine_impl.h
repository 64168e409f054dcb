// What an Engine holds, shared by the files that each do one of its jobs:
//   engine.cpp            options, open and close, interning, stats
//   engine_ingest.cpp     ingest: journal first, then memory
//   engine_writeback.cpp  write-back to the RRD files: flushers, flush()
//   engine_journal.cpp    the journal at open (replay) and its housekeeping (aged buffers, old segments)
//   engine_events.cpp     the event log (event_log.cpp) behind appendEvents and queryEvents
//   engine_query.cpp      queries, latest values, keys, group-by (the arithmetic in group_by.cpp)
//   engine_changes.cpp    "what changed" around a moment (the statistic in change_score.cpp)
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "counter_rate.h"
#include "event_log.h"
#include "doflamingo/engine.h"
#include "journal.h"
#include "live_ring.h"
#include "retention_classes.h"
#include "rrd_store.h"
#include "series_registry.h"

namespace doflamingo {

struct SeriesState {
  SeriesKind kind = SeriesKind::Gauge;
  std::uint16_t retentionClass = 0;     // index into Impl::classes (its file path: the registry's)
  std::int64_t lastMs = std::numeric_limits<std::int64_t>::min();
  CounterRate rate;
  LiveRing ring{1, 1};
  std::vector<Point> pending;           // journaled, not yet in the RRD file
  std::uint64_t pendingSegment = 0;     // journal segment of the oldest pending value
  std::uint64_t flushingSegment = 0;    // ... of the oldest value being written now
  std::int64_t pendingSinceMs = 0;      // clock time the oldest pending value arrived
  std::int64_t retryAfterMs = 0;        // after a failed write
  std::int32_t failures = 0;
  std::uint64_t undoBatch = 0;          // the last ingest batch that saved this series' state
  bool queued = false;
  bool flushing = false;
};

struct Engine::Impl {
  explicit Impl(const EngineOptions& options);
  ~Impl();

  // --- lifecycle (engine.cpp) ---
  void close();
  void checkOpen() const;
  void checkIds(const std::vector<std::uint32_t>& ids) const;
  std::int64_t nowMs() const { return clock->nowMs(); }
  SeriesState& state(std::uint32_t id) {
    return chunks[id >> kChunkBits].load(std::memory_order_acquire)[id & ((1u << kChunkBits) - 1)];
  }
  std::mutex& lockFor(std::uint32_t id) { return stripes[id % kStripes]; }
  void ensureStates(std::size_t count);
  const ResolvedClass& classOf(std::uint32_t id) { return classes[state(id).retentionClass]; }

  // --- ingest (engine_ingest.cpp) ---
  IngestResult ingest(const Sample* samples, std::size_t count);
  void waitForRoom();

  // --- write-back (engine_writeback.cpp) ---
  void flusherLoop(int index);
  // Writes one series' buffer; returns false when the write must be retried later.
  bool flushSeries(std::uint32_t id, bool waitIfBusy);
  // Writes every series' buffer on flusherThreads threads; returns how many failed.
  std::size_t flushAll();
  void enqueue(const std::vector<std::uint32_t>& ids);

  // --- journal (engine_journal.cpp) ---
  void replayJournal();
  void scanForAgedBuffers(std::int64_t nowMs);

  // --- queries (engine_query.cpp); the caller holds the lifecycle lock and checked the id ---
  SeriesData queryOpen(std::uint32_t id, std::int64_t fromMs, std::int64_t toMs, std::int64_t resolutionMs,
                       Consolidation cf);
  Point latestOpen(std::uint32_t id, std::int64_t fromMs, std::int64_t toMs);
  // The known values of a series in (fromMs, atMs] and (atMs, toMs] at its base step, as
  // rankChanges scores them (engine_changes.cpp).
  void changeWindows(std::uint32_t id, std::int64_t fromMs, std::int64_t atMs, std::int64_t toMs,
                     std::vector<double>& before, std::vector<double>& after);
  // f(id) for each of ids, in order, under the lifecycle lock, once every id is known to exist.
  template <typename T, typename F>
  std::vector<T> forEachId(const std::vector<std::uint32_t>& ids, F f) {
    std::shared_lock<std::shared_mutex> life(lifecycle);
    checkOpen();
    checkIds(ids);
    std::vector<T> out;
    out.reserve(ids.size());
    for (std::uint32_t id : ids) out.push_back(f(id));
    return out;
  }

  static constexpr std::size_t kStripes = 1024;
  static constexpr std::size_t kChunkBits = 12;  // 4096 series per chunk
  static constexpr std::size_t kMaxChunks = 1 << 14;

  EngineOptions options;
  std::shared_ptr<const Clock> clock;
  std::vector<ResolvedClass> classes;  // "default" first; fixed while the engine is open
  std::unique_ptr<SeriesRegistry> registry;
  std::unique_ptr<RrdStore> store;
  std::unique_ptr<Journal> journal;
  std::unique_ptr<EventLog> events;

  // Series state in fixed chunks: a chunk never moves, so readers need no lock to find it.
  std::unique_ptr<std::atomic<SeriesState*>[]> chunks;
  std::atomic<std::size_t> stateCount{0};
  std::mutex growMutex;
  std::mutex stripes[kStripes];
  // Signalled when a series' write ends (SeriesState::flushing goes false), under its stripe.
  std::condition_variable writeDone;

  // Lifecycle: calls hold it shared, close() exclusively.
  mutable std::shared_mutex lifecycle;
  bool closed = false;

  // One batch at a time from its decisions to memory (see ingest()); guards undoBatches.
  std::mutex ingestMutex;
  std::uint64_t undoBatches = 0;

  std::mutex queueMutex;
  std::condition_variable queueCv;
  std::condition_variable roomCv;
  std::deque<std::uint32_t> queue;
  bool stopping = false;
  std::vector<std::thread> flushers;

  std::atomic<std::int64_t> buffered{0};
  std::atomic<std::int64_t> accepted{0};
  std::atomic<std::int64_t> dropped{0};
  std::atomic<std::int64_t> written{0};
  std::atomic<std::int64_t> rrdWrites{0};
  std::atomic<std::int64_t> rrdErrors{0};
  std::atomic<std::int64_t> replayed{0};
  std::atomic<std::int64_t> ringBytes{0};
  mutable std::mutex errorMutex;
  std::string lastStorageError;
  std::int64_t lastErrorLogMs = 0;   // guarded by errorMutex
  std::int64_t suppressedErrors = 0;  // guarded by errorMutex
  // (recorded, asked) class pairs already logged by intern(); guarded by errorMutex
  std::set<std::pair<std::uint16_t, std::uint16_t>> classChangesLogged;
};

}  // namespace doflamingo
