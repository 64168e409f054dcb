// "What changed" around a moment: which series' window after the moment departs most from their
// window before it. The question and the answer; Engine::rankChanges reads the series, the
// statistic itself is in native/src/change_score.h.
#pragma once

#include <cstdint>
#include <vector>

namespace doflamingo {

// What a ranking asks for. Windows: (atMs - beforeMs, atMs] and (atMs, atMs + afterMs], read at
// each series' base step (from the live ring where it covers them, else from the finest tier of
// the RRD file that does).
struct ChangeQuery {
  std::vector<std::uint32_t> ids;     // the series to rank (an area, a label selection)
  std::int64_t atMs = 0;              // the moment
  std::int64_t beforeMs = 10 * 60 * 1000;
  std::int64_t afterMs = 5 * 60 * 1000;
  std::int32_t limit = 20;            // rows returned, best first
  std::int32_t minKnown = 5;          // known points each window needs; fewer: the series is skipped

  static constexpr std::int64_t kMaxWindowMs = 7LL * 24 * 3600 * 1000;  // each window at most a week
  static constexpr std::int32_t kMaxLimit = 1000;
};

// How a series departed: its level moved (Step), or a few points after the moment stood out from
// both levels (Spike).
enum class ChangeShape : int { Step = 0, Spike = 1 };

// One series' departure. Scores are in robust standard deviations of the window before (see
// change_score.h): 0 for a series that did not move.
struct SeriesChange {
  std::uint32_t id = 0;
  double score = 0;
  double medianBefore = 0;
  double medianAfter = 0;
  double peakAfter = 0;        // the value after the moment furthest from both levels (Spike)
  std::int32_t direction = 0;  // +1 up, -1 down, 0 unmoved
  ChangeShape shape = ChangeShape::Step;
  std::int32_t knownBefore = 0;
  std::int32_t knownAfter = 0;
};

struct ChangeRanking {
  std::vector<SeriesChange> top;  // at most limit: highest score first, then steps before spikes, then lowest id
  std::int64_t ranked = 0;        // series with enough known points in both windows
  std::int64_t skipped = 0;       // series without (gaps, too young, silent after the moment)
};

}  // namespace doflamingo
