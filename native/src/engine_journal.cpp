// The journal's two moments besides ingest: replay at open (what a crash left is put back in
// memory and written to the RRD files) and housekeeping (buffers that waited too long are written,
// so the segments that hold them can be deleted).
#include <algorithm>

#include "engine_impl.h"
#include "logger.h"

namespace doflamingo {

void Engine::Impl::replayJournal() {
  // Grouped by series and sorted by time, as the RRD files need them.
  struct Item {
    std::uint32_t id;
    std::uint64_t segment;
    std::int64_t timeMs;
    double value;
  };
  std::vector<Item> items;
  std::size_t unknown = 0;
  std::size_t known = stateCount.load();
  journal->replay([&](std::uint64_t segment, const Sample& r) {
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
  std::int64_t now = nowMs();
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
    if (st.ring.empty()) ringBytes += static_cast<std::int64_t>(st.ring.memoryBytes());
    st.ring.put(it.timeMs, it.value);
    ++replayed;
    ++buffered;
  }
  // Written back by the flushers in the background; RRD skips what it already had.
  std::vector<std::uint32_t> due;
  for (std::uint32_t id = 0; id < known; ++id) {
    if (!state(id).pending.empty()) {
      state(id).queued = true;
      due.push_back(id);
    }
  }
  enqueue(due);
}

void Engine::Impl::scanForAgedBuffers(std::int64_t now) {
  const std::size_t n = stateCount.load(std::memory_order_acquire);
  const std::uint64_t current = journal->currentSegment();
  const bool pressure = buffered.load() > options.maxBufferedSamples / 2;
  const std::int64_t maxDelayMs = options.flushMaxDelaySeconds * 1000;
  std::uint64_t keepFrom = current;
  std::vector<std::uint32_t> due;
  for (std::uint32_t id = 0; id < n; ++id) {
    SeriesState& st = state(id);
    std::lock_guard<std::mutex> lock(lockFor(id));
    if (st.flushing) keepFrom = std::min(keepFrom, st.flushingSegment);
    if (st.pending.empty()) continue;
    keepFrom = std::min(keepFrom, st.pendingSegment);
    // Old journal segments are what hold disk space: drain the series that pin them.
    bool old = now - st.pendingSinceMs >= maxDelayMs || st.pendingSegment + 1 < current || pressure;
    if (old && !st.queued && !st.flushing && now >= st.retryAfterMs) {
      st.queued = true;
      due.push_back(id);
    }
  }
  // rrdcached acknowledges updates it only holds in memory: have it write them out before the
  // journal forgets them.
  if (journal->hasSegmentsBefore(keepFrom)) {
    std::string error;
    if (store->sync(error)) {
      journal->dropSegmentsBefore(keepFrom);
    } else {
      log().warn("keeping journal segments: {}", error);
    }
  }
  enqueue(due);
  // Events age out even while none are appended.
  events->enforceRetention();
}

}  // namespace doflamingo
