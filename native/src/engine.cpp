#include "doflamingo/engine.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>

#include "doflamingo/error.h"
#include "doflamingo/log.h"

namespace fs = std::filesystem;

namespace doflamingo {
namespace {

std::int64_t wallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void requireWritableDir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw StorageError("cannot create storage directory " + dir + ": " + ec.message());
  std::string probe = dir + "/.write-probe";
  FILE* f = std::fopen(probe.c_str(), "w");
  if (!f) throw StorageError("storage directory " + dir + " is not writable: " + std::strerror(errno));
  std::fclose(f);
  ::unlink(probe.c_str());
}

}  // namespace

struct Engine::SeriesState {
  SeriesKind kind = SeriesKind::Gauge;
  std::string file;
  std::int64_t lastMs = std::numeric_limits<std::int64_t>::min();
  CounterRate rate;
  LiveRing ring{1, 1};
  std::vector<Point> pending;           // journaled, not yet in the RRD file
  std::uint64_t pendingSegment = 0;     // journal segment of the oldest pending value
  std::uint64_t flushingSegment = 0;    // ... of the oldest value being written now
  std::int64_t pendingSinceMs = 0;      // wall time the oldest pending value arrived
  std::int64_t retryAfterMs = 0;        // after a failed write
  std::int32_t failures = 0;
  bool queued = false;
  bool flushing = false;
};

Engine::Engine(const EngineOptions& options) : options_(options) {
  if (options_.dataDir.empty()) throw InvalidArgument("dataDir is required: where the RRD files and journal live");
  if (options_.flushBatch < 1 || options_.flushBatch > 100000) {
    throw InvalidArgument("flushBatch must be between 1 and 100000");
  }
  if (options_.flusherThreads < 1 || options_.flusherThreads > 64) {
    throw InvalidArgument("flusherThreads must be between 1 and 64");
  }
  if (options_.liveWindowSeconds < 0 || options_.maxBufferedSamples < options_.flushBatch ||
      options_.flushMaxDelaySeconds < 1 || options_.futureToleranceSeconds < 0 ||
      options_.journalSegmentBytes < 4096 || options_.heartbeatSeconds < 0) {
    throw InvalidArgument(
        "liveWindowSeconds, futureToleranceSeconds and heartbeatSeconds must not be negative, "
        "flushMaxDelaySeconds must be at least 1, maxBufferedSamples at least flushBatch, and "
        "journalSegmentBytes at least 4096");
  }
  std::vector<Tier> tiers = parseTiers(options_.tiers);
  baseStepMs_ = tiers.front().stepSeconds * 1000;
  std::int64_t heartbeat = options_.heartbeatSeconds ? options_.heartbeatSeconds : 5 * tiers.front().stepSeconds;
  if (heartbeat < tiers.front().stepSeconds) throw InvalidArgument("heartbeatSeconds must be at least the base step");

  requireWritableDir(options_.dataDir);
  registry_ = std::make_unique<SeriesRegistry>(options_.dataDir + "/series.log");
  store_ = std::make_unique<RrdStore>(fs::absolute(options_.dataDir + "/rrd").string(), tiers, heartbeat,
                                      options_.rrdcachedAddress);
  store_->restoreInterruptedUpdates();
  journal_ = std::make_unique<Journal>(options_.dataDir + "/journal", options_.journalSegmentBytes,
                                       options_.journalFsync);
  chunks_.reset(new std::atomic<SeriesState*>[kMaxChunks]);
  for (std::size_t i = 0; i < kMaxChunks; ++i) chunks_[i].store(nullptr);
  ensureStates(registry_->size());
  replayJournal();
  for (int i = 0; i < options_.flusherThreads; ++i) flushers_.emplace_back([this, i] { flusherLoop(i); });
  log().info("engine open at {}: {} series, tiers {}, {} replayed from the journal{}", options_.dataDir,
             registry_->size(), options_.tiers, replayed_.load(),
             store_->cached() ? ", through rrdcached at " + options_.rrdcachedAddress : "");
}

Engine::~Engine() {
  try {
    close();
  } catch (const std::exception& e) {
    log().error("closing the engine failed: {}", e.what());
  }
  for (std::size_t c = 0; c < kMaxChunks; ++c) delete[] chunks_[c].load();
}

void Engine::checkOpen() const {
  if (closed_) throw Closed("the engine is closed");
}

Engine::SeriesState& Engine::state(std::uint32_t id) {
  return chunks_[id >> kChunkBits].load(std::memory_order_acquire)[id & ((1u << kChunkBits) - 1)];
}

void Engine::ensureStates(std::size_t count) {
  if (stateCount_.load(std::memory_order_acquire) >= count) return;
  std::lock_guard<std::mutex> lock(growMutex_);
  std::size_t have = stateCount_.load(std::memory_order_relaxed);
  for (std::size_t id = have; id < count; ++id) {
    std::size_t chunk = id >> kChunkBits;
    if (chunk >= kMaxChunks) throw InvalidArgument("too many series: the engine holds at most 67 million");
    if (!chunks_[chunk].load(std::memory_order_relaxed)) {
      chunks_[chunk].store(new SeriesState[std::size_t{1} << kChunkBits], std::memory_order_release);
    }
    SeriesState& st = state(static_cast<std::uint32_t>(id));
    SeriesInfo info = registry_->info(static_cast<std::uint32_t>(id));
    st.kind = info.kind;
    st.file = std::move(info.file);
    st.ring = LiveRing(baseStepMs_, options_.liveWindowSeconds * 1000);
    stateCount_.store(id + 1, std::memory_order_release);
  }
}

void Engine::replayJournal() {
  // Group by series and sort by time: concurrent ingest threads may have journaled one series'
  // samples out of order, though each was accepted in order.
  struct Item {
    std::uint32_t id;
    std::uint64_t segment;
    std::int64_t timeMs;
    double value;
  };
  std::vector<Item> items;
  std::size_t unknown = 0;
  std::size_t known = stateCount_.load();
  journal_->replay([&](std::uint64_t segment, const JournalRecord& r) {
    if (r.seriesId >= known) {
      ++unknown;
      return;
    }
    items.push_back({r.seriesId, segment, r.timeMs, r.value});
  });
  if (unknown) log().warn("journal replay: {} samples name series missing from the registry; skipped", unknown);
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return a.id != b.id ? a.id < b.id : a.timeMs < b.timeMs;
  });
  std::int64_t now = wallMs();
  for (const Item& it : items) {
    SeriesState& st = state(it.id);
    if (it.timeMs <= st.lastMs) continue;
    if (st.pending.empty()) {
      st.pendingSegment = it.segment;
      st.pendingSinceMs = now;
    }
    st.pendingSegment = std::min(st.pendingSegment, it.segment);
    st.lastMs = it.timeMs;
    st.pending.push_back({it.timeMs, it.value});
    if (st.ring.empty()) ringBytes_ += static_cast<std::int64_t>(st.ring.memoryBytes());
    st.ring.put(it.timeMs, it.value);
    ++replayed_;
    ++buffered_;
  }
  // Written back by the flushers in the background; RRD skips what it already had.
  for (std::uint32_t id = 0; id < known; ++id) {
    if (!state(id).pending.empty()) {
      state(id).queued = true;
      queue_.push_back(id);
    }
  }
}

void Engine::close() {
  std::unique_lock<std::shared_mutex> life(lifecycle_);
  if (closed_) return;
  closed_ = true;
  {
    std::lock_guard<std::mutex> lock(queueMutex_);
    stopping_ = true;
  }
  queueCv_.notify_all();
  for (auto& t : flushers_) t.join();
  flushers_.clear();
  std::size_t failed = flushAll();
  std::string syncError;
  if (failed == 0 && store_->sync(syncError)) {
    journal_->discard();
  } else if (failed == 0) {
    log().error("closing: {}; the journal is kept for the next start", syncError);
  } else {
    log().error("closing with {} series not written to RRD; they stay in the journal for the next start", failed);
  }
  journal_.reset();
  registry_.reset();
  log().info("engine at {} closed", options_.dataDir);
}

std::uint32_t Engine::intern(const SeriesKey& key, SeriesKind kind) {
  std::shared_lock<std::shared_mutex> life(lifecycle_);
  checkOpen();
  std::uint32_t id = registry_->intern(key, kind);
  ensureStates(static_cast<std::size_t>(id) + 1);
  return id;
}

void Engine::waitForRoom() {
  if (buffered_.load(std::memory_order_relaxed) <= options_.maxBufferedSamples) return;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.backpressureTimeoutMs);
  std::unique_lock<std::mutex> lock(queueMutex_);
  queueCv_.notify_all();
  while (buffered_.load() > options_.maxBufferedSamples) {
    // Short waits: flushers signal without this mutex, so a wake-up may slip past.
    roomCv_.wait_for(lock, std::chrono::milliseconds(50));
    if (std::chrono::steady_clock::now() >= deadline && buffered_.load() > options_.maxBufferedSamples) {
      std::lock_guard<std::mutex> el(errorMutex_);
      throw StorageError("write-back to the RRD files is stalled: " + std::to_string(buffered_.load()) +
                         " samples are waiting" +
                         (lastStorageError_.empty() ? std::string() : "; last error: " + lastStorageError_));
    }
  }
}

IngestResult Engine::ingest(const Sample* samples, std::size_t count) {
  std::shared_lock<std::shared_mutex> life(lifecycle_);
  checkOpen();
  IngestResult result;
  if (count == 0) return result;
  const std::size_t known = stateCount_.load(std::memory_order_acquire);
  for (std::size_t i = 0; i < count; ++i) {
    if (samples[i].seriesId >= known) {
      throw InvalidArgument("sample " + std::to_string(i) + " names unknown series id " +
                            std::to_string(samples[i].seriesId) + "; intern the series first");
    }
  }
  waitForRoom();
  thread_local std::vector<JournalRecord> records;
  thread_local std::vector<std::uint32_t> ready;
  records.clear();
  ready.clear();
  const std::int64_t now = wallMs();
  const std::int64_t limit = now + options_.futureToleranceSeconds * 1000;
  const std::uint64_t segment = journal_->currentSegment();
  const auto batch = static_cast<std::size_t>(options_.flushBatch);
  for (std::size_t i = 0; i < count; ++i) {
    const Sample& s = samples[i];
    if (s.timeMs > limit || s.timeMs < 0) {
      ++result.tooFarAhead;
      continue;
    }
    SeriesState& st = state(s.seriesId);
    std::lock_guard<std::mutex> lock(lockFor(s.seriesId));
    if (s.timeMs <= st.lastMs) {
      ++result.outOfOrder;
      continue;
    }
    double v = s.value;
    if (!std::isfinite(v)) {
      ++result.nonFinite;
      if (st.kind == SeriesKind::Counter) continue;  // no rate from it; the next reading still counts
      v = std::numeric_limits<double>::quiet_NaN();
    } else if (st.kind == SeriesKind::Counter) {
      std::optional<double> rate = st.rate.update(s.timeMs, v);
      st.lastMs = s.timeMs;
      if (!rate) {
        ++result.firstCounterReadings;
        continue;
      }
      v = *rate;
    }
    st.lastMs = s.timeMs;
    if (st.pending.empty()) {
      st.pendingSegment = segment;
      st.pendingSinceMs = now;
      st.pending.reserve(batch);
    }
    st.pending.push_back({s.timeMs, v});
    if (st.ring.empty()) ringBytes_.fetch_add(static_cast<std::int64_t>(st.ring.memoryBytes()), std::memory_order_relaxed);
    st.ring.put(s.timeMs, v);
    if (st.pending.size() >= batch && !st.queued && !st.flushing && now >= st.retryAfterMs) {
      st.queued = true;
      ready.push_back(s.seriesId);
    }
    records.push_back({s.seriesId, 0, s.timeMs, v});
    ++result.accepted;
  }
  buffered_.fetch_add(static_cast<std::int64_t>(records.size()), std::memory_order_relaxed);
  if (!ready.empty()) {
    {
      std::lock_guard<std::mutex> lock(queueMutex_);
      queue_.insert(queue_.end(), ready.begin(), ready.end());
    }
    queueCv_.notify_all();
  }
  // The acknowledgement: once this returns, the samples survive a kill -9.
  journal_->append(records.data(), records.size());
  accepted_.fetch_add(result.accepted, std::memory_order_relaxed);
  dropped_.fetch_add(result.outOfOrder + result.tooFarAhead, std::memory_order_relaxed);
  return result;
}

bool Engine::flushSeries(std::uint32_t id, bool waitIfBusy) {
  SeriesState& st = state(id);
  std::vector<Point> points;
  std::string file;
  {
    std::unique_lock<std::mutex> lock(lockFor(id));
    while (st.flushing) {
      if (!waitIfBusy) return true;  // whoever is writing it will re-queue what is left
      lock.unlock();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      lock.lock();
    }
    st.queued = false;
    if (st.pending.empty()) return true;
    points.swap(st.pending);
    st.flushing = true;
    st.flushingSegment = st.pendingSegment;
    file = st.file;
  }
  RrdStore::WriteResult r = store_->write(file, points);
  rrdWrites_.fetch_add(1, std::memory_order_relaxed);
  const std::int64_t now = wallMs();
  bool requeue = false;
  {
    std::lock_guard<std::mutex> lock(lockFor(id));
    st.flushing = false;
    if (r.status == RrdStore::WriteStatus::Ok) {
      st.failures = 0;
      buffered_.fetch_sub(static_cast<std::int64_t>(points.size()), std::memory_order_relaxed);
      written_.fetch_add(static_cast<std::int64_t>(points.size()), std::memory_order_relaxed);
      if (!st.pending.empty()) st.pendingSinceMs = now;
      if (st.pending.size() >= static_cast<std::size_t>(options_.flushBatch) && !st.queued) {
        st.queued = true;
        requeue = true;
      }
    } else {
      // Keep everything, oldest first; the journal still holds it too.
      points.insert(points.end(), st.pending.begin(), st.pending.end());
      st.pending.swap(points);
      st.pendingSegment = std::min(st.pendingSegment, st.flushingSegment);
      ++st.failures;
      st.retryAfterMs = now + std::min<std::int64_t>(1000ll << std::min(st.failures, 6), 60000);
    }
  }
  if (r.status != RrdStore::WriteStatus::Ok) {
    rrdErrors_.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard<std::mutex> el(errorMutex_);
    // One line per 10 s at most: on a full disk every file fails, each with its own name.
    ++suppressedErrors_;
    if (now - lastErrorLogMs_ >= 10000) {
      log().error("RRD write failed, will retry (data kept in memory and journal): {}{}", r.error,
                  suppressedErrors_ > 1 ? fmt::format(" ({} failed writes in the last 10 s)", suppressedErrors_) : "");
      lastErrorLogMs_ = now;
      suppressedErrors_ = 0;
    }
    lastStorageError_ = r.error;
    return false;
  }
  if (requeue) enqueue(id);
  roomCv_.notify_all();
  return true;
}

void Engine::enqueue(std::uint32_t id) {
  {
    std::lock_guard<std::mutex> lock(queueMutex_);
    queue_.push_back(id);
  }
  queueCv_.notify_one();
}

void Engine::scanForAgedBuffers(std::int64_t nowMs) {
  const std::size_t n = stateCount_.load(std::memory_order_acquire);
  const std::uint64_t current = journal_->currentSegment();
  const bool pressure = buffered_.load() > options_.maxBufferedSamples / 2;
  const std::int64_t maxDelayMs = options_.flushMaxDelaySeconds * 1000;
  std::uint64_t keepFrom = current;
  std::vector<std::uint32_t> due;
  for (std::uint32_t id = 0; id < n; ++id) {
    SeriesState& st = state(id);
    std::lock_guard<std::mutex> lock(lockFor(id));
    if (st.flushing) keepFrom = std::min(keepFrom, st.flushingSegment);
    if (st.pending.empty()) continue;
    keepFrom = std::min(keepFrom, st.pendingSegment);
    // Old journal segments are what hold disk space: drain the series that pin them.
    bool old = nowMs - st.pendingSinceMs >= maxDelayMs || st.pendingSegment + 1 < current || pressure;
    if (old && !st.queued && !st.flushing && nowMs >= st.retryAfterMs) {
      st.queued = true;
      due.push_back(id);
    }
  }
  // rrdcached acknowledges updates it only holds in memory: have it write them out before the
  // journal forgets them.
  if (journal_->hasSegmentsBefore(keepFrom)) {
    std::string error;
    if (store_->sync(error)) {
      journal_->dropSegmentsBefore(keepFrom);
    } else {
      log().warn("keeping journal segments: {}", error);
    }
  }
  if (!due.empty()) {
    {
      std::lock_guard<std::mutex> lock(queueMutex_);
      queue_.insert(queue_.end(), due.begin(), due.end());
    }
    queueCv_.notify_all();
  }
}

void Engine::flusherLoop(int index) {
  std::int64_t lastScan = 0;
  for (;;) {
    std::uint32_t id = 0;
    bool have = false;
    {
      std::unique_lock<std::mutex> lock(queueMutex_);
      queueCv_.wait_for(lock, std::chrono::milliseconds(250), [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;  // close() writes the rest itself
      if (!queue_.empty()) {
        id = queue_.front();
        queue_.pop_front();
        have = true;
      }
    }
    if (have) {
      try {
        flushSeries(id, false);
      } catch (const std::exception& e) {
        log().error("flusher {}: {}", index, e.what());
      }
    }
    std::int64_t now = wallMs();
    if (index == 0 && now - lastScan >= 1000) {
      lastScan = now;
      try {
        scanForAgedBuffers(now);
      } catch (const std::exception& e) {
        log().error("journal housekeeping: {}", e.what());
      }
    }
  }
}

std::size_t Engine::flushAll() {
  // As many writers as there are flushers: creating or updating thousands of files is I/O and
  // librrd work that parallelises well.
  const std::size_t n = stateCount_.load();
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> failed{0};
  auto work = [&] {
    for (std::size_t id; (id = next.fetch_add(1)) < n;) {
      try {
        if (!flushSeries(static_cast<std::uint32_t>(id), true)) ++failed;
      } catch (const std::exception& e) {
        ++failed;
        log().error("writing series {} failed: {}", id, e.what());
      }
    }
  };
  std::vector<std::thread> helpers;
  for (int i = 1; i < options_.flusherThreads; ++i) helpers.emplace_back(work);
  work();
  for (auto& t : helpers) t.join();
  return failed.load();
}

void Engine::flush() {
  std::shared_lock<std::shared_mutex> life(lifecycle_);
  checkOpen();
  std::size_t failed = flushAll();
  if (failed) {
    std::lock_guard<std::mutex> el(errorMutex_);
    throw StorageError(std::to_string(failed) + " series could not be written to RRD (kept in memory and journal): " +
                       lastStorageError_);
  }
}

void Engine::checkIds(const std::vector<std::uint32_t>& ids) const {
  const std::size_t known = stateCount_.load(std::memory_order_acquire);
  for (std::uint32_t id : ids) {
    if (id >= known) throw InvalidArgument("unknown series id " + std::to_string(id));
  }
}

namespace {
void checkRange(std::int64_t fromMs, std::int64_t toMs) {
  if (fromMs < 0 || toMs < fromMs) {
    throw InvalidArgument("time range [" + std::to_string(fromMs) + ", " + std::to_string(toMs) + "] is empty or negative");
  }
}
}  // namespace

SeriesData Engine::query(std::uint32_t id, std::int64_t fromMs, std::int64_t toMs, std::int64_t resolutionMs,
                         Consolidation cf) {
  std::shared_lock<std::shared_mutex> life(lifecycle_);
  checkOpen();
  checkIds({id});
  checkRange(fromMs, toMs);
  return queryOpen(id, fromMs, toMs, resolutionMs, cf);
}

std::vector<SeriesData> Engine::query(const std::vector<std::uint32_t>& ids, std::int64_t fromMs, std::int64_t toMs,
                                      std::int64_t resolutionMs, Consolidation cf) {
  std::shared_lock<std::shared_mutex> life(lifecycle_);
  checkOpen();
  checkIds(ids);
  checkRange(fromMs, toMs);
  std::vector<SeriesData> out;
  out.reserve(ids.size());
  for (std::uint32_t id : ids) out.push_back(queryOpen(id, fromMs, toMs, resolutionMs, cf));
  return out;
}

SeriesData Engine::queryOpen(std::uint32_t id, std::int64_t fromMs, std::int64_t toMs, std::int64_t resolutionMs,
                             Consolidation cf) {
  const std::int64_t step = baseStepMs_;
  SeriesState& st = state(id);
  if (cf == Consolidation::Average && resolutionMs <= step) {
    std::lock_guard<std::mutex> lock(lockFor(id));
    if (!st.ring.empty() && fromMs >= st.ring.oldestMs()) {
      // From memory, stamped like RRD rows (see LiveRing).
      SeriesData out;
      out.stepMs = step;
      out.startMs = (fromMs + step - 1) / step * step;
      std::int64_t last = (toMs + step - 1) / step * step;
      out.values.assign(static_cast<std::size_t>((last - out.startMs) / step + 1),
                        std::numeric_limits<double>::quiet_NaN());
      thread_local std::vector<std::int64_t> times;
      thread_local std::vector<double> values;
      times.clear();
      values.clear();
      st.ring.read(out.startMs, last, times, values);
      for (std::size_t i = 0; i < times.size(); ++i) out.values[(times[i] - out.startMs) / step] = values[i];
      return out;
    }
  }
  flushSeries(id, true);  // a failure is logged; the answer then lacks only the unwritten tail
  return store_->fetch(st.file, cf, fromMs, toMs, std::max(resolutionMs, step));
}

std::vector<Point> Engine::latest(const std::vector<std::uint32_t>& ids, std::int64_t atMs, std::int64_t maxAgeMs) {
  std::shared_lock<std::shared_mutex> life(lifecycle_);
  checkOpen();
  checkIds(ids);
  if (atMs < 0 || maxAgeMs < 0) {
    throw InvalidArgument("latest: atMs (" + std::to_string(atMs) + ") and maxAgeMs (" + std::to_string(maxAgeMs) +
                          ") must not be negative");
  }
  const std::int64_t fromMs = std::max<std::int64_t>(0, atMs - maxAgeMs);
  std::vector<Point> out;
  out.reserve(ids.size());
  for (std::uint32_t id : ids) out.push_back(latestOpen(id, fromMs, atMs));
  return out;
}

Point Engine::latestOpen(std::uint32_t id, std::int64_t fromMs, std::int64_t toMs) {
  const std::int64_t step = baseStepMs_;
  SeriesState& st = state(id);
  {
    std::lock_guard<std::mutex> lock(lockFor(id));
    if (!st.ring.empty() && fromMs >= st.ring.oldestMs()) {
      // The same grid as query(): stamps from the step after fromMs to the end of toMs's step.
      Point p{0, std::numeric_limits<double>::quiet_NaN()};
      const std::int64_t first = (fromMs + step - 1) / step * step;
      const std::int64_t last = (toMs + step - 1) / step * step;
      if (!st.ring.newest(first, last, p.timeMs, p.value)) p = {0, std::numeric_limits<double>::quiet_NaN()};
      return p;
    }
  }
  SeriesData d = queryOpen(id, fromMs, toMs, step, Consolidation::Average);
  for (std::size_t i = d.values.size(); i-- > 0;) {
    if (!std::isnan(d.values[i])) return {d.startMs + static_cast<std::int64_t>(i) * d.stepMs, d.values[i]};
  }
  return {0, std::numeric_limits<double>::quiet_NaN()};
}

std::vector<GroupResult> Engine::groupBy(const GroupQuery& q) {
  std::vector<std::uint32_t> ids = select(q.name, q.filter);
  struct Acc {
    GroupResult result;
    std::vector<double> sum, min, max;
    std::vector<std::int32_t> n;
  };
  std::map<std::vector<std::string>, Acc> groups;
  std::vector<std::pair<std::uint32_t, SeriesData>> fetched;
  std::int64_t step = 0, start = std::numeric_limits<std::int64_t>::max(), end = 0;
  for (std::uint32_t id : ids) {
    SeriesData d = query(id, q.fromMs, q.toMs, q.resolutionMs, q.consolidation);
    if (d.values.empty()) continue;
    step = std::max(step, d.stepMs);
    start = std::min(start, d.startMs);
    end = std::max(end, d.startMs + static_cast<std::int64_t>(d.values.size() - 1) * d.stepMs);
    fetched.emplace_back(id, std::move(d));
  }
  if (fetched.empty()) return {};
  start = (start + step - 1) / step * step;  // a common grid at the coarsest step
  const auto buckets = static_cast<std::size_t>(std::max<std::int64_t>(0, (end - start) / step + 1));
  std::vector<double> bucketSum(buckets);
  std::vector<std::int32_t> bucketN(buckets);
  for (auto& [id, d] : fetched) {
    SeriesKey k = key(id);
    std::vector<std::string> gk;
    for (const auto& g : q.groupBy) {
      const std::string* v = k.label(g);
      gk.push_back(v ? *v : std::string());
    }
    Acc& acc = groups[gk];
    if (acc.n.empty()) {
      for (std::size_t i = 0; i < q.groupBy.size(); ++i) acc.result.group.emplace_back(q.groupBy[i], gk[i]);
      acc.sum.assign(buckets, 0);
      acc.min.assign(buckets, std::numeric_limits<double>::infinity());
      acc.max.assign(buckets, -std::numeric_limits<double>::infinity());
      acc.n.assign(buckets, 0);
    }
    ++acc.result.seriesCount;
    // A series finer than the grid contributes the average of its values in each bucket.
    std::fill(bucketSum.begin(), bucketSum.end(), 0);
    std::fill(bucketN.begin(), bucketN.end(), 0);
    for (std::size_t i = 0; i < d.values.size(); ++i) {
      if (std::isnan(d.values[i])) continue;
      std::int64_t t = d.startMs + static_cast<std::int64_t>(i) * d.stepMs;
      std::int64_t b = (t - start + step - 1) / step;
      if (b < 0 || b >= static_cast<std::int64_t>(buckets)) continue;
      bucketSum[b] += d.values[i];
      ++bucketN[b];
    }
    for (std::size_t b = 0; b < buckets; ++b) {
      if (!bucketN[b]) continue;
      double v = bucketSum[b] / bucketN[b];
      acc.sum[b] += v;
      acc.min[b] = std::min(acc.min[b], v);
      acc.max[b] = std::max(acc.max[b], v);
      ++acc.n[b];
    }
  }
  std::vector<GroupResult> out;
  for (auto& [gk, acc] : groups) {
    GroupResult& r = acc.result;
    r.data.startMs = start;
    r.data.stepMs = step;
    r.data.values.resize(buckets);
    for (std::size_t b = 0; b < buckets; ++b) {
      double v = std::numeric_limits<double>::quiet_NaN();
      if (q.aggregation == Aggregation::Count) v = acc.n[b];
      else if (acc.n[b]) {
        switch (q.aggregation) {
          case Aggregation::Sum: v = acc.sum[b]; break;
          case Aggregation::Avg: v = acc.sum[b] / acc.n[b]; break;
          case Aggregation::Min: v = acc.min[b]; break;
          case Aggregation::Max: v = acc.max[b]; break;
          case Aggregation::Count: break;
        }
      }
      r.data.values[b] = v;
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::uint32_t> Engine::select(const std::string& name, const std::vector<Label>& filter) const {
  std::shared_lock<std::shared_mutex> life(lifecycle_);
  checkOpen();
  std::vector<std::uint32_t> ids = registry_->select(name, filter);
  // intern() registers a key before it sets up the series' state: a series another thread is
  // interning right now is left out until it can be queried (seen as "unknown series id").
  const std::size_t ready = stateCount_.load(std::memory_order_acquire);
  ids.erase(std::remove_if(ids.begin(), ids.end(), [ready](std::uint32_t id) { return id >= ready; }), ids.end());
  return ids;
}

SeriesKey Engine::key(std::uint32_t id) const {
  std::shared_lock<std::shared_mutex> life(lifecycle_);
  checkOpen();
  return registry_->key(id);
}

SeriesKind Engine::kind(std::uint32_t id) const {
  std::shared_lock<std::shared_mutex> life(lifecycle_);
  checkOpen();
  return registry_->kind(id);
}

std::vector<SeriesKey> Engine::keys(const std::vector<std::uint32_t>& ids) const {
  std::shared_lock<std::shared_mutex> life(lifecycle_);
  checkOpen();
  checkIds(ids);
  std::vector<SeriesKey> out;
  out.reserve(ids.size());
  for (std::uint32_t id : ids) out.push_back(registry_->key(id));
  return out;
}

std::vector<SeriesKind> Engine::kinds(const std::vector<std::uint32_t>& ids) const {
  std::shared_lock<std::shared_mutex> life(lifecycle_);
  checkOpen();
  checkIds(ids);
  std::vector<SeriesKind> out;
  out.reserve(ids.size());
  for (std::uint32_t id : ids) out.push_back(registry_->kind(id));
  return out;
}

std::vector<std::string> Engine::metricNames() const {
  std::shared_lock<std::shared_mutex> life(lifecycle_);
  checkOpen();
  return registry_->names();
}

EngineStats Engine::stats() const {
  std::shared_lock<std::shared_mutex> life(lifecycle_);
  checkOpen();
  EngineStats s;
  s.series = static_cast<std::int64_t>(stateCount_.load());
  s.samplesAccepted = accepted_.load();
  s.samplesDropped = dropped_.load();
  s.samplesBuffered = buffered_.load();
  s.samplesWritten = written_.load();
  s.rrdWrites = rrdWrites_.load();
  s.rrdWriteErrors = rrdErrors_.load();
  s.filesQuarantined = store_->quarantined();
  s.journalSegments = static_cast<std::int64_t>(journal_->segmentCount());
  s.replayedSamples = replayed_.load();
  s.liveRingBytes = ringBytes_.load();
  s.logRecordsDropped = droppedLogRecords();
  std::lock_guard<std::mutex> el(errorMutex_);
  s.lastStorageError = lastStorageError_;
  return s;
}

}  // namespace doflamingo
