// "What changed": every asked-for series read over the two windows around the moment and scored
// (change_score.h), the best kept. One call for the whole set, so the host never fetches the
// series themselves. Each series is read as query() would read it: from the live ring when it
// holds the window before (straight into the scoring buffers, known points only: the common case,
// and what makes 100,000 series fast), else from the finest tier of the RRD file covering both.
// Large sets are split between a few threads, each keeping its own top; the tops are merged.
#include <algorithm>
#include <exception>
#include <string>
#include <system_error>
#include <thread>

#include "change_score.h"
#include "doflamingo/error.h"
#include "engine_impl.h"

namespace doflamingo {
namespace {

constexpr std::size_t kSeriesPerWorker = 20000;  // below this one thread ranks faster than several
constexpr unsigned kMaxWorkers = 4;

void checkChangeQuery(const ChangeQuery& q) {
  auto bad = [](const std::string& field, std::int64_t v, const std::string& rule) {
    throw InvalidArgument("rankChanges: " + field + " (" + std::to_string(v) + ") " + rule);
  };
  if (q.atMs <= 0) bad("atMs", q.atMs, "must be a positive time in ms since the epoch");
  if (q.beforeMs <= 0 || q.beforeMs > ChangeQuery::kMaxWindowMs) bad("beforeMs", q.beforeMs, "must be 1 ms to 7 days");
  if (q.afterMs <= 0 || q.afterMs > ChangeQuery::kMaxWindowMs) bad("afterMs", q.afterMs, "must be 1 ms to 7 days");
  if (q.atMs <= q.beforeMs) bad("atMs", q.atMs, "must lie after the window before it starts");
  if (q.limit < 0 || q.limit > ChangeQuery::kMaxLimit) bad("limit", q.limit, "must be 0 to 1000");
  if (q.minKnown < 1 || q.minKnown > 100000) bad("minKnown", q.minKnown, "must be 1 to 100000");
}

struct Partial {
  std::vector<SeriesChange> top;
  std::int64_t ranked = 0;
  std::int64_t skipped = 0;
  std::exception_ptr error;
};

}  // namespace

// The known values of series id in (fromMs, atMs] and (atMs, toMs], at its base step.
void Engine::Impl::changeWindows(std::uint32_t id, std::int64_t fromMs, std::int64_t atMs, std::int64_t toMs,
                                 std::vector<double>& before, std::vector<double>& after) {
  thread_local std::vector<std::int64_t> times;
  before.clear();
  after.clear();
  const std::int64_t step = classOf(id).info.baseStepMs();
  SeriesState& st = state(id);
  {
    std::lock_guard<std::mutex> lock(lockFor(id));
    if (!st.ring.empty() && fromMs >= st.ring.oldestMs()) {  // as queryOpen() answers from memory
      times.clear();
      st.ring.read(fromMs + 1, atMs, times, before);
      times.clear();
      st.ring.read(atMs + 1, (toMs + step - 1) / step * step, times, after);
      return;
    }
  }
  const SeriesData d = queryOpen(id, fromMs, toMs, step, Consolidation::Average);
  // values[i] covers the step ending at startMs + i * stepMs: a step ending after fromMs and at or
  // before the moment is "before", every later one "after" (as the ring's stamps split above).
  for (std::size_t i = 0; i < d.values.size(); ++i) {
    const std::int64_t stamp = d.startMs + static_cast<std::int64_t>(i) * d.stepMs;
    if (stamp <= fromMs) continue;
    (stamp <= atMs ? before : after).push_back(d.values[i]);
  }
}

ChangeRanking Engine::rankChanges(const ChangeQuery& q) {
  checkChangeQuery(q);
  std::shared_lock<std::shared_mutex> life(impl_->lifecycle);
  impl_->checkOpen();
  impl_->checkIds(q.ids);
  const std::int64_t fromMs = q.atMs - q.beforeMs;
  const std::int64_t toMs = q.atMs + q.afterMs;

  auto rank = [&](std::size_t begin, std::size_t end, Partial& out) {
    try {
      thread_local std::vector<double> before;
      thread_local std::vector<double> after;
      TopChanges top(static_cast<std::size_t>(q.limit));
      for (std::size_t i = begin; i < end; ++i) {
        const std::uint32_t id = q.ids[i];
        impl_->changeWindows(id, fromMs, q.atMs, toMs, before, after);
        std::optional<SeriesChange> c = scoreKnown(before, after, q.minKnown);
        if (!c) {
          ++out.skipped;
          continue;
        }
        ++out.ranked;
        c->id = id;
        top.offer(*c);
      }
      out.top = top.take();
    } catch (...) {
      out.error = std::current_exception();
    }
  };

  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers =
      std::max<std::size_t>(1, std::min<std::size_t>({std::min(cores, kMaxWorkers), q.ids.size() / kSeriesPerWorker}));
  std::vector<Partial> parts(workers);
  std::vector<std::thread> threads;
  const std::size_t share = (q.ids.size() + workers - 1) / workers;
  for (std::size_t w = 1; w < workers; ++w) {
    const std::size_t begin = std::min(q.ids.size(), w * share), end = std::min(q.ids.size(), (w + 1) * share);
    try {
      threads.emplace_back(rank, begin, end, std::ref(parts[w]));
    } catch (const std::system_error&) {
      rank(begin, end, parts[w]);  // no thread to be had: this share on the calling thread
    }
  }
  rank(0, std::min(q.ids.size(), share), parts[0]);
  for (std::thread& t : threads) t.join();

  ChangeRanking out;
  TopChanges top(static_cast<std::size_t>(q.limit));
  for (Partial& p : parts) {
    if (p.error) std::rethrow_exception(p.error);
    out.ranked += p.ranked;
    out.skipped += p.skipped;
    for (const SeriesChange& c : p.top) top.offer(c);
  }
  out.top = top.take();
  return out;
}

}  // namespace doflamingo
