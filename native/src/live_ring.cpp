#include "live_ring.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace doflamingo {

namespace {
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
}

std::int64_t LiveRing::slotsFor(std::int64_t stepMs, std::int64_t windowMs) {
  if (windowMs <= 0) return 0;
  return std::max<std::int64_t>(windowMs / std::max<std::int64_t>(stepMs, 1), 1);
}

LiveRing::LiveRing(std::int64_t stepMs, std::int64_t windowMs)
    : stepMs_(std::max<std::int64_t>(stepMs, 1)), slots_(slotsFor(stepMs, windowMs)) {}

void LiveRing::put(std::int64_t timestampMs, double value) {
  if (timestampMs < 0 || slots_ == 0) return;
  std::int64_t slot = (timestampMs + stepMs_ - 1) / stepMs_;
  if (!values_) {
    values_.reset(new double[slots_]);
    std::fill_n(values_.get(), slots_, kMissing);
    headSlot_ = slot;
    firstSlot_ = slot;
  }
  if (slot > headSlot_) {
    // Clear the slots we jump over so stale values from a lap ago do not reappear.
    std::int64_t gap = std::min(slot - headSlot_, slots_);
    for (std::int64_t s = slot - gap + 1; s < slot; ++s) values_[s % slots_] = kMissing;
    headSlot_ = slot;
  } else if (slot <= headSlot_ - slots_) {
    return;  // older than the window
  }
  values_[slot % slots_] = value;
}

std::int64_t LiveRing::oldestMs() const {
  if (headSlot_ < 0) return 0;
  return std::max<std::int64_t>(headSlot_ - slots_ + 1, firstSlot_) * stepMs_;
}

void LiveRing::read(std::int64_t fromMs, std::int64_t toMs, std::vector<std::int64_t>& times,
                    std::vector<double>& values) const {
  if (headSlot_ < 0 || toMs < fromMs) return;
  std::int64_t first = std::max<std::int64_t>(headSlot_ - slots_ + 1, 0);
  first = std::max(first, (fromMs + stepMs_ - 1) / stepMs_);
  std::int64_t last = std::min(headSlot_, toMs / stepMs_);
  for (std::int64_t s = first; s <= last; ++s) {
    double v = values_[s % slots_];
    if (std::isnan(v)) continue;
    times.push_back(s * stepMs_);
    values.push_back(v);
  }
}

bool LiveRing::newest(std::int64_t fromMs, std::int64_t toMs, std::int64_t& timeMs, double& value) const {
  if (headSlot_ < 0 || toMs < fromMs) return false;
  std::int64_t first = std::max<std::int64_t>(headSlot_ - slots_ + 1, 0);
  first = std::max(first, (fromMs + stepMs_ - 1) / stepMs_);
  for (std::int64_t s = std::min(headSlot_, toMs / stepMs_); s >= first; --s) {
    double v = values_[s % slots_];
    if (std::isnan(v)) continue;
    timeMs = s * stepMs_;
    value = v;
    return true;
  }
  return false;
}

}  // namespace doflamingo
