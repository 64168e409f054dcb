// "What changed": every asked-for series read over the two windows around the moment and scored
// (change_score.h), the best kept. One call for the whole set, so the host never fetches the
// series themselves; each series is read as query() would read it (the live ring where it holds
// the windows, else the finest tier of the RRD file that covers them).
#include <algorithm>
#include <string>

#include "change_score.h"
#include "doflamingo/error.h"
#include "engine_impl.h"

namespace doflamingo {
namespace {

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

}  // namespace

ChangeRanking Engine::rankChanges(const ChangeQuery& q) {
  checkChangeQuery(q);
  std::shared_lock<std::shared_mutex> life(impl_->lifecycle);
  impl_->checkOpen();
  impl_->checkIds(q.ids);
  ChangeRanking out;
  TopChanges top(static_cast<std::size_t>(q.limit));
  const std::int64_t fromMs = q.atMs - q.beforeMs;
  const std::int64_t toMs = q.atMs + q.afterMs;
  for (std::uint32_t id : q.ids) {
    const std::int64_t baseStep = impl_->classOf(id).info.baseStepMs();
    const SeriesData d = impl_->queryOpen(id, fromMs, toMs, baseStep, Consolidation::Average);
    // values[i] covers the step ending at startMs + i * stepMs: a step ending at or before the
    // moment is "before" (the moment's own step included), every later one "after".
    // The step ending exactly at fromMs lies outside the window before.
    std::size_t begin = 0;
    std::size_t split = 0;
    if (d.stepMs > 0) {
      auto stepsUpTo = [&](std::int64_t t) {
        return t < d.startMs ? std::size_t{0}
                             : std::min(d.values.size(), static_cast<std::size_t>((t - d.startMs) / d.stepMs + 1));
      };
      begin = stepsUpTo(fromMs);
      split = std::max(begin, stepsUpTo(q.atMs));
    }
    std::optional<SeriesChange> c = scoreChange(d.values.data() + begin, split - begin, d.values.data() + split,
                                                d.values.size() - split, q.minKnown);
    if (!c) {
      ++out.skipped;
      continue;
    }
    ++out.ranked;
    c->id = id;
    top.offer(*c);
  }
  out.top = top.take();
  return out;
}

}  // namespace doflamingo
