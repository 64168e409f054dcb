// Ingest: a batch is decided (order, future tolerance, counter rates), journaled, and only then
// put in memory and handed to the flushers. A batch the journal refuses leaves nothing behind.
#include <chrono>
#include <cmath>
#include <optional>

#include "doflamingo/error.h"
#include "engine_impl.h"

namespace doflamingo {
namespace {

// What a series was before a batch changed it, put back when the journal refuses the batch.
struct Saved {
  std::uint32_t id;
  std::int64_t lastMs;
  CounterRate rate;
};

}  // namespace

void Engine::Impl::waitForRoom() {
  if (buffered.load(std::memory_order_relaxed) <= options.maxBufferedSamples) return;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.backpressureTimeoutMs);
  std::unique_lock<std::mutex> lock(queueMutex);
  queueCv.notify_all();
  while (buffered.load() > options.maxBufferedSamples) {
    // Short waits: flushers signal without this mutex, so a wake-up may slip past.
    roomCv.wait_for(lock, std::chrono::milliseconds(50));
    if (std::chrono::steady_clock::now() >= deadline && buffered.load() > options.maxBufferedSamples) {
      std::lock_guard<std::mutex> el(errorMutex);
      throw StorageError("write-back to the RRD files is stalled: " + std::to_string(buffered.load()) +
                         " samples are waiting" +
                         (lastStorageError.empty() ? std::string() : "; last error: " + lastStorageError));
    }
  }
}

IngestResult Engine::Impl::ingest(const Sample* samples, std::size_t count) {
  std::shared_lock<std::shared_mutex> life(lifecycle);
  checkOpen();
  IngestResult result;
  if (count == 0) return result;
  const std::size_t known = stateCount.load(std::memory_order_acquire);
  for (std::size_t i = 0; i < count; ++i) {
    if (samples[i].seriesId >= known) {
      throw InvalidArgument("sample " + std::to_string(i) + " names unknown series id " +
                            std::to_string(samples[i].seriesId) + "; intern the series first");
    }
  }
  waitForRoom();
  // One batch at a time from its decisions to memory: another batch must not decide against
  // state that this one may still have to put back.
  std::lock_guard<std::mutex> serial(ingestMutex);
  const std::uint64_t batchNo = ++undoBatches;
  thread_local std::vector<Sample> records;
  thread_local std::vector<Saved> saved;
  thread_local std::vector<std::uint32_t> ready;
  records.clear();
  saved.clear();
  ready.clear();
  const std::int64_t now = nowMs();
  const std::int64_t limit = now + options.futureToleranceSeconds * 1000;

  // 1. Decide: what is taken, and the value stored (a counter's rate).
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
    if (st.undoBatch != batchNo) {
      st.undoBatch = batchNo;
      saved.push_back({s.seriesId, st.lastMs, st.rate});
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
    records.push_back({s.seriesId, 0, s.timeMs, v});
    ++result.accepted;
  }

  // 2. The acknowledgement: once this returns, the samples survive a kill -9.
  std::uint64_t segment = 0;
  try {
    segment = journal->append(records.data(), records.size());
  } catch (...) {
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
      SeriesState& st = state(it->id);
      std::lock_guard<std::mutex> lock(lockFor(it->id));
      st.lastMs = it->lastMs;
      st.rate = it->rate;
    }
    throw;
  }

  // 3. Into memory, and full buffers to the flushers.
  const auto batch = static_cast<std::size_t>(options.flushBatch);
  for (const Sample& r : records) {
    SeriesState& st = state(r.seriesId);
    std::lock_guard<std::mutex> lock(lockFor(r.seriesId));
    if (st.pending.empty()) {
      st.pendingSegment = segment;
      st.pendingSinceMs = now;
      st.pending.reserve(classOf(r.seriesId).pendingReserve);
    }
    st.pending.push_back({r.timeMs, r.value});
    if (st.ring.empty()) ringBytes.fetch_add(static_cast<std::int64_t>(st.ring.memoryBytes()), std::memory_order_relaxed);
    st.ring.put(r.timeMs, r.value);
    if (st.pending.size() >= batch && !st.queued && !st.flushing && now >= st.retryAfterMs) {
      st.queued = true;
      ready.push_back(r.seriesId);
    }
  }
  buffered.fetch_add(static_cast<std::int64_t>(records.size()), std::memory_order_relaxed);
  enqueue(ready);
  accepted.fetch_add(result.accepted, std::memory_order_relaxed);
  dropped.fetch_add(result.outOfOrder + result.tooFarAhead, std::memory_order_relaxed);
  return result;
}

IngestResult Engine::ingest(const Sample* samples, std::size_t count) { return impl_->ingest(samples, count); }

}  // namespace doflamingo
