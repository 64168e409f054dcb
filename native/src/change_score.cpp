// The "what changed" statistic (see change_score.h for what it computes and why).
#include "change_score.h"

#include <algorithm>
#include <cmath>

namespace doflamingo {
namespace {

// The known values of one window into out (cleared first).
void known(const double* v, std::size_t n, std::vector<double>& out) {
  out.clear();
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isfinite(v[i])) out.push_back(v[i]);
  }
}

// Median of v (reordered); v not empty. The mean of the two middle values for an even count.
double median(std::vector<double>& v) {
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  // After nth_element everything left of mid is <= upper: the lower middle is their maximum.
  const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

}  // namespace

std::optional<SeriesChange> scoreChange(const double* before, std::size_t beforeCount, const double* after,
                                        std::size_t afterCount, std::int32_t minKnown) {
  thread_local std::vector<double> b;
  thread_local std::vector<double> a;
  known(before, beforeCount, b);
  known(after, afterCount, a);
  return scoreKnown(b, a, minKnown);
}

std::optional<SeriesChange> scoreKnown(std::vector<double>& b, std::vector<double>& a, std::int32_t minKnown) {
  thread_local std::vector<double> dev;
  auto unknown = [](double x) { return !std::isfinite(x); };
  b.erase(std::remove_if(b.begin(), b.end(), unknown), b.end());
  a.erase(std::remove_if(a.begin(), a.end(), unknown), a.end());
  const std::size_t need = static_cast<std::size_t>(std::max<std::int32_t>(1, minKnown));
  if (b.size() < need || a.size() < need) return std::nullopt;

  SeriesChange c;
  c.knownBefore = static_cast<std::int32_t>(b.size());
  c.knownAfter = static_cast<std::int32_t>(a.size());
  const double medB = median(b);
  const double medA = median(a);
  dev.clear();
  double peakBefore = 0;
  for (double x : b) {
    const double d = std::fabs(x - medB);
    dev.push_back(d);
    peakBefore = std::max(peakBefore, d);
  }
  const double mad = median(dev);
  double peakAfter = 0;
  double peakValue = medA;
  double largestMove = 0;
  for (double x : a) {
    largestMove = std::max(largestMove, std::fabs(x - medB));
    // Standing out from both levels: a step's points sit near the new median, a spike's do not.
    const double d = std::min(std::fabs(x - medB), std::fabs(x - medA));
    if (d > peakAfter) {
      peakAfter = d;
      peakValue = x;
    }
  }
  c.medianBefore = medB;
  c.medianAfter = medA;
  c.peakAfter = peakValue;

  const double magnitude = std::max({std::fabs(medB), std::fabs(medA), largestMove});
  const double sigma = kMadToSigma * mad;
  const double floor = kRelativeFloor * magnitude;
  if (!(std::max(sigma, floor) > 0) || !std::isfinite(std::max(sigma, floor))) return c;  // all the same: unmoved
  // In units of the spread. Under the floor, as a share of the magnitude (times 1 / kRelativeFloor),
  // so a whole jump from a flat zero is exactly 100 whatever its size.
  auto spreads = [&](double d) { return sigma >= floor ? d / sigma : d / magnitude / kRelativeFloor; };
  const double step = spreads(std::fabs(medA - medB));
  const double spike = std::max(0.0, spreads(peakAfter - peakBefore));
  if (spike > step) {
    c.score = spike;
    c.shape = ChangeShape::Spike;
    c.direction = peakValue > medB ? 1 : -1;
  } else {
    c.score = step;
    c.shape = ChangeShape::Step;
    c.direction = medA > medB ? 1 : (medA < medB ? -1 : 0);
  }
  if (!std::isfinite(c.score)) c.score = 0;  // values so large their differences overflow
  return c;
}

bool ranksBefore(const SeriesChange& a, const SeriesChange& b) {
  if (a.score != b.score) return a.score > b.score;
  // Equal scores (the floor gives every jump from a flat zero 100): a level that stayed moved
  // says more than a blip that came back.
  if (a.shape != b.shape) return a.shape == ChangeShape::Step;
  return a.id < b.id;
}

void TopChanges::offer(const SeriesChange& c) {
  if (limit_ == 0) return;
  if (heap_.size() < limit_) {
    heap_.push_back(c);
    std::push_heap(heap_.begin(), heap_.end(), ranksBefore);
    return;
  }
  if (!ranksBefore(c, heap_.front())) return;
  std::pop_heap(heap_.begin(), heap_.end(), ranksBefore);
  heap_.back() = c;
  std::push_heap(heap_.begin(), heap_.end(), ranksBefore);
}

std::vector<SeriesChange> TopChanges::take() {
  std::sort(heap_.begin(), heap_.end(), ranksBefore);
  return std::move(heap_);
}

}  // namespace doflamingo
