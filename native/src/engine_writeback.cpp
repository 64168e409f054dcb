// Write-back: the flushers write full (or aged) buffers to the RRD files in runs; flush() and
// close() write everything. A failed write keeps its values in memory (and journal) and is retried
// with backoff.
#include <fmt/format.h>

#include "doflamingo/error.h"
#include "engine_impl.h"
#include "logger.h"

namespace doflamingo {

bool Engine::Impl::flushSeries(std::uint32_t id, bool waitIfBusy) {
  SeriesState& st = state(id);
  std::vector<Point> points;
  {
    std::unique_lock<std::mutex> lock(lockFor(id));
    if (st.flushing && !waitIfBusy) return true;  // whoever is writing it will re-queue what is left
    writeDone.wait(lock, [&] { return !st.flushing; });
    st.queued = false;
    if (st.pending.empty()) return true;
    points.swap(st.pending);
    st.flushing = true;
    st.flushingSegment = st.pendingSegment;
  }
  const std::string file = registry->file(id);
  RrdStore::WriteResult r = store->write(file, classOf(id).layout, points);
  rrdWrites.fetch_add(1, std::memory_order_relaxed);
  const std::int64_t now = nowMs();
  bool requeue = false;
  {
    std::lock_guard<std::mutex> lock(lockFor(id));
    st.flushing = false;
    if (r.status == RrdStore::WriteStatus::Ok) {
      st.failures = 0;
      buffered.fetch_sub(static_cast<std::int64_t>(points.size()), std::memory_order_relaxed);
      written.fetch_add(static_cast<std::int64_t>(points.size()), std::memory_order_relaxed);
      if (!st.pending.empty()) st.pendingSinceMs = now;
      if (st.pending.size() >= static_cast<std::size_t>(options.flushBatch) && !st.queued) {
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
  writeDone.notify_all();
  if (r.status != RrdStore::WriteStatus::Ok) {
    rrdErrors.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard<std::mutex> el(errorMutex);
    // One line per 10 s at most: on a full disk every file fails, each with its own name.
    ++suppressedErrors;
    if (now - lastErrorLogMs >= 10000) {
      log().error("RRD write failed, will retry (data kept in memory and journal): {}{}", r.error,
                  suppressedErrors > 1 ? fmt::format(" ({} failed writes in the last 10 s)", suppressedErrors) : "");
      lastErrorLogMs = now;
      suppressedErrors = 0;
    }
    lastStorageError = r.error;
    return false;
  }
  if (requeue) enqueue({id});
  roomCv.notify_all();
  return true;
}

void Engine::Impl::enqueue(const std::vector<std::uint32_t>& ids) {
  if (ids.empty()) return;
  {
    std::lock_guard<std::mutex> lock(queueMutex);
    queue.insert(queue.end(), ids.begin(), ids.end());
  }
  if (ids.size() == 1) {
    queueCv.notify_one();
  } else {
    queueCv.notify_all();
  }
}

void Engine::Impl::flusherLoop(int index) {
  std::int64_t lastScan = 0;
  for (;;) {
    std::uint32_t id = 0;
    bool have = false;
    {
      std::unique_lock<std::mutex> lock(queueMutex);
      queueCv.wait_for(lock, std::chrono::milliseconds(250), [&] { return stopping || !queue.empty(); });
      if (stopping) return;  // close() writes the rest itself
      if (!queue.empty()) {
        id = queue.front();
        queue.pop_front();
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
    // Housekeeping once a second of the engine's clock, on the first flusher.
    std::int64_t now = nowMs();
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

std::size_t Engine::Impl::flushAll() {
  // As many writers as there are flushers: creating or updating thousands of files is I/O and
  // librrd work that parallelises well.
  const std::size_t n = stateCount.load();
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
  for (int i = 1; i < options.flusherThreads; ++i) helpers.emplace_back(work);
  work();
  for (auto& t : helpers) t.join();
  return failed.load();
}

void Engine::flush() {
  std::shared_lock<std::shared_mutex> life(impl_->lifecycle);
  impl_->checkOpen();
  std::size_t failed = impl_->flushAll();
  if (failed) {
    std::lock_guard<std::mutex> el(impl_->errorMutex);
    throw StorageError(std::to_string(failed) + " series could not be written to RRD (kept in memory and journal): " +
                       impl_->lastStorageError);
  }
}

}  // namespace doflamingo
