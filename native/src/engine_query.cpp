// Reads: one or many series over a range, the latest values, keys and kinds, group-by. A range
// inside the live window at base resolution is answered from memory, anything else from the RRD
// file (after writing the series' buffer to it).
#include <algorithm>
#include <cmath>
#include <limits>

#include "doflamingo/error.h"
#include "engine_impl.h"
#include "group_by.h"

namespace doflamingo {
namespace {

constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

void checkRange(std::int64_t fromMs, std::int64_t toMs) {
  if (fromMs < 0 || toMs < fromMs) {
    throw InvalidArgument("time range [" + std::to_string(fromMs) + ", " + std::to_string(toMs) + "] is empty or negative");
  }
}

// The ring's points stamped from..last into out's grid (a step of the ring's). `all`: the ring
// answers every slot of that span (one it holds nothing for is unknown), as the memory path does;
// otherwise only the slots out has no value for.
void fromRing(const LiveRing& ring, std::int64_t from, std::int64_t last, bool all, SeriesData& out) {
  thread_local std::vector<std::int64_t> times;
  thread_local std::vector<double> values;
  times.clear();
  values.clear();
  ring.read(from, last, times, values);
  const std::int64_t step = out.stepMs;
  if (all) {
    for (std::int64_t t = std::max(from, out.startMs); t <= last; t += step) {
      out.values[static_cast<std::size_t>((t - out.startMs) / step)] = kUnknown;
    }
  }
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (times[i] < out.startMs) continue;
    double& v = out.values[static_cast<std::size_t>((times[i] - out.startMs) / step)];
    if (all || std::isnan(v)) v = values[i];
  }
}

}  // namespace

SeriesData Engine::Impl::queryOpen(std::uint32_t id, std::int64_t fromMs, std::int64_t toMs, std::int64_t resolutionMs,
                                   Consolidation cf) {
  const ResolvedClass& cls = classOf(id);
  const std::int64_t step = cls.info.baseStepMs();
  SeriesState& st = state(id);
  const bool atBase = cf == Consolidation::Average && resolutionMs <= step;
  const std::int64_t last = (toMs + step - 1) / step * step;
  if (atBase) {
    std::lock_guard<std::mutex> lock(lockFor(id));
    if (!st.ring.empty() && fromMs >= st.ring.oldestMs()) {
      // From memory, stamped like RRD rows (see LiveRing).
      SeriesData out;
      out.stepMs = step;
      out.startMs = (fromMs + step - 1) / step * step;
      out.values.assign(static_cast<std::size_t>((last - out.startMs) / step + 1), kUnknown);
      fromRing(st.ring, out.startMs, last, true, out);
      return out;
    }
  }
  flushSeries(id, true);  // a failure is logged; the answer then lacks only the unwritten tail
  SeriesData out = store->fetch(registry->file(id), cls.layout, cf, fromMs, toMs, std::max(resolutionMs, step));
  if (atBase && out.stepMs == step) {
    // A range that starts before the ring but reaches into it (a series younger than the range, a
    // chart of the last hours): rows the file lacks there are taken from the ring. The newest step
    // is never in the file yet (librrd completes a row only with a read after its end), nor is
    // anything a write that failed keeps in memory. Rows the file has stay its own (librrd's
    // time-weighted rows, a counter's rate spread over the rows it spans).
    std::lock_guard<std::mutex> lock(lockFor(id));
    if (!st.ring.empty() && last >= st.ring.oldestMs()) {
      if (out.values.empty()) out.startMs = (fromMs + step - 1) / step * step;
      const std::size_t rows = static_cast<std::size_t>((last - out.startMs) / step + 1);
      if (out.values.size() < rows) out.values.resize(rows, kUnknown);
      fromRing(st.ring, st.ring.oldestMs(), last, false, out);
    }
  }
  return out;
}

Point Engine::Impl::latestOpen(std::uint32_t id, std::int64_t fromMs, std::int64_t toMs) {
  const std::int64_t step = classOf(id).info.baseStepMs();
  SeriesState& st = state(id);
  {
    std::lock_guard<std::mutex> lock(lockFor(id));
    if (!st.ring.empty() && toMs >= st.ring.oldestMs()) {
      // The same grid as queryOpen(): stamps from the step after fromMs to the end of toMs's step.
      // The ring holds every point since its oldest, so a point it has is the newest: a series
      // younger than the window (a 30 s class's window is 150 s) is answered from memory too,
      // not from a file its buffered values have not reached yet.
      Point p{0, kUnknown};
      const std::int64_t first = std::max((fromMs + step - 1) / step * step, st.ring.oldestMs());
      const std::int64_t last = (toMs + step - 1) / step * step;
      if (st.ring.newest(first, last, p.timeMs, p.value)) return p;
      if (fromMs >= st.ring.oldestMs()) return {0, kUnknown};
    }
  }
  SeriesData d = queryOpen(id, fromMs, toMs, step, Consolidation::Average);
  for (std::size_t i = d.values.size(); i-- > 0;) {
    if (!std::isnan(d.values[i])) return {d.startMs + static_cast<std::int64_t>(i) * d.stepMs, d.values[i]};
  }
  return {0, kUnknown};
}

SeriesData Engine::query(std::uint32_t id, std::int64_t fromMs, std::int64_t toMs, std::int64_t resolutionMs,
                         Consolidation cf) {
  std::shared_lock<std::shared_mutex> life(impl_->lifecycle);
  impl_->checkOpen();
  impl_->checkIds({id});
  checkRange(fromMs, toMs);
  return impl_->queryOpen(id, fromMs, toMs, resolutionMs, cf);
}

std::vector<SeriesData> Engine::query(const std::vector<std::uint32_t>& ids, std::int64_t fromMs, std::int64_t toMs,
                                      std::int64_t resolutionMs, Consolidation cf) {
  checkRange(fromMs, toMs);
  return impl_->forEachId<SeriesData>(
      ids, [&](std::uint32_t id) { return impl_->queryOpen(id, fromMs, toMs, resolutionMs, cf); });
}

std::vector<Point> Engine::latest(const std::vector<std::uint32_t>& ids, std::int64_t atMs, std::int64_t maxAgeMs) {
  if (atMs < 0 || maxAgeMs < 0) {
    throw InvalidArgument("latest: atMs (" + std::to_string(atMs) + ") and maxAgeMs (" + std::to_string(maxAgeMs) +
                          ") must not be negative");
  }
  const std::int64_t fromMs = std::max<std::int64_t>(0, atMs - maxAgeMs);
  return impl_->forEachId<Point>(ids, [&](std::uint32_t id) { return impl_->latestOpen(id, fromMs, atMs); });
}

std::vector<Point> Engine::latestWithinSteps(const std::vector<std::uint32_t>& ids, std::int64_t atMs, std::int64_t steps) {
  if (atMs < 0 || steps < 0 || steps > 1'000'000'000) {
    throw InvalidArgument("latestWithinSteps: atMs (" + std::to_string(atMs) + ") must not be negative and steps (" +
                          std::to_string(steps) + ") must be 0 to 1000000000");
  }
  return impl_->forEachId<Point>(ids, [&](std::uint32_t id) {
    const std::int64_t stepMs = impl_->classOf(id).info.baseStepMs();
    // A value is stamped at the end of the step it falls in: a 30 s series read at 12:00:05 is
    // stamped 12:00:30. The step that holds atMs is the newest one, so it counts as current.
    const std::int64_t toMs = (atMs + stepMs - 1) / stepMs * stepMs;
    return impl_->latestOpen(id, std::max<std::int64_t>(0, atMs - steps * stepMs), toMs);
  });
}

std::vector<GroupResult> Engine::groupBy(const GroupQuery& q) {
  std::shared_lock<std::shared_mutex> life(impl_->lifecycle);
  impl_->checkOpen();
  checkRange(q.fromMs, q.toMs);
  // Each series answers on its own class's grid (a 30 s class cannot answer every 2 s);
  // aggregateGroups combines them on the coarsest step among the answers.
  std::vector<GroupInput> series;
  for (std::uint32_t id : impl_->registry->select(q.name, q.filter)) {
    if (id >= impl_->stateCount.load(std::memory_order_acquire)) continue;  // being interned right now
    series.push_back({impl_->registry->key(id), impl_->queryOpen(id, q.fromMs, q.toMs, q.resolutionMs, q.consolidation)});
  }
  return aggregateGroups(series, q.groupBy, q.aggregation);
}

std::vector<std::uint32_t> Engine::select(const std::string& name, const std::vector<Label>& filter) const {
  std::shared_lock<std::shared_mutex> life(impl_->lifecycle);
  impl_->checkOpen();
  std::vector<std::uint32_t> ids = impl_->registry->select(name, filter);
  // intern() registers a key before it sets up the series' state: a series another thread is
  // interning right now is left out until it can be queried (seen as "unknown series id").
  const std::size_t ready = impl_->stateCount.load(std::memory_order_acquire);
  ids.erase(std::remove_if(ids.begin(), ids.end(), [ready](std::uint32_t id) { return id >= ready; }), ids.end());
  return ids;
}

SeriesKey Engine::key(std::uint32_t id) const {
  std::shared_lock<std::shared_mutex> life(impl_->lifecycle);
  impl_->checkOpen();
  return impl_->registry->key(id);
}

SeriesKind Engine::kind(std::uint32_t id) const {
  std::shared_lock<std::shared_mutex> life(impl_->lifecycle);
  impl_->checkOpen();
  return impl_->registry->kind(id);
}

std::vector<SeriesKey> Engine::keys(const std::vector<std::uint32_t>& ids) const {
  return impl_->forEachId<SeriesKey>(ids, [this](std::uint32_t id) { return impl_->registry->key(id); });
}

std::vector<SeriesKind> Engine::kinds(const std::vector<std::uint32_t>& ids) const {
  return impl_->forEachId<SeriesKind>(ids, [this](std::uint32_t id) { return impl_->registry->kind(id); });
}

std::vector<std::string> Engine::metricNames() const {
  std::shared_lock<std::shared_mutex> life(impl_->lifecycle);
  impl_->checkOpen();
  return impl_->registry->names();
}

}  // namespace doflamingo
