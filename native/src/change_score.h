// The statistic behind "what changed", apart from reading the series: how far one series' window
// after a moment departs from its window before, and the top-N of many such scores.
//
// Robust by construction: levels are medians and the spread is the median absolute deviation
// (MAD, scaled by 1.4826 to read as a standard deviation for normal noise), so a few outliers in a
// window move neither. Score = max(step, spike):
//   step  = |median after - median before| / s
//   spike = max(0, peak after - peak before), where peak after is the largest distance of a point
//           after the moment from *both* medians, and peak before the largest distance of a point
//           before from the median before, both / s: a spike counts only as far as it stands out
//           beyond what the series already did before (noise of 150 points has extremes too).
//   s     = max(1.4826 * MAD before, 1% of the magnitude of the series (the larger |median| and
//           the largest move after)): a flat series (MAD 0) that jumps scores 100 per whole jump
//           rather than infinity, a flat series that stays flat scores 0, and a move smaller than
//           1% of the level never scores above 1.
// Unknown points (NaN, ±Inf: gaps, a target down) are left out; a window with fewer than minKnown
// known points is not scored. Counters arrive as the per-second rates the engine stores.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "doflamingo/changes.h"

namespace doflamingo {

inline constexpr double kMadToSigma = 1.4826;
inline constexpr double kRelativeFloor = 0.01;

// Scores one series from the values of its two windows (any order inside each). Empty when either
// window has fewer than minKnown known values. The id is left 0.
std::optional<SeriesChange> scoreChange(const double* before, std::size_t beforeCount, const double* after,
                                        std::size_t afterCount, std::int32_t minKnown);

// scoreChange() on windows of known values only (the caller left unknowns out; any non-finite
// value still there is dropped). Reorders both vectors.
std::optional<SeriesChange> scoreKnown(std::vector<double>& before, std::vector<double>& after, std::int32_t minKnown);

// Keeps the best `limit` changes seen (see ranksBefore), in O(log limit) a change.
class TopChanges {
 public:
  explicit TopChanges(std::size_t limit) : limit_(limit) {}
  void offer(const SeriesChange& c);
  // Best first.
  std::vector<SeriesChange> take();

 private:
  std::size_t limit_;
  std::vector<SeriesChange> heap_;  // the worst kept on top
};

// a ranks before b: the higher score, then a step before a spike, then the lower id.
bool ranksBefore(const SeriesChange& a, const SeriesChange& b);

}  // namespace doflamingo
