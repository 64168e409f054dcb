#include "counter_rate.h"

#include <cmath>

namespace doflamingo {
namespace {

constexpr double kTwo32 = 4294967296.0;
constexpr double kTwo64 = 18446744073709551616.0;

// A wrap is only plausible when the previous reading sat in the top quarter of the range and the
// new one in the bottom quarter; anything else going down is a reset.
bool wrapped(double prev, double now, double range) {
  return prev >= range * 0.75 && prev < range && now < range * 0.25;
}

}  // namespace

std::optional<double> CounterRate::update(std::int64_t timestampMs, double value) {
  if (!std::isfinite(value)) return std::nullopt;  // keep the last good reading as reference
  if (!has_) {
    has_ = true;
    lastMs_ = timestampMs;
    last_ = value;
    movedMs_ = timestampMs;
    stepMs_ = 0;
    stepRate_ = 0;
    return std::nullopt;
  }
  if (timestampMs <= lastMs_) return std::nullopt;  // no interval to divide by
  std::int64_t sinceLast = timestampMs - lastMs_;
  double delta = value - last_;
  double rate;
  if (delta < 0) {
    if (wrapped(last_, value, kTwo32)) delta = kTwo32 - last_ + value;
    else if (wrapped(last_, value, kTwo64)) delta = kTwo64 - last_ + value;
    else delta = value;  // reset: counted from zero
    // the counter restarted or wrapped within this interval: its increase is this interval's
    rate = delta / (static_cast<double>(sinceLast) / 1000.0);
    movedMs_ = timestampMs;
    stepMs_ = sinceLast;
    stepRate_ = rate;
  } else if (delta > 0) {
    std::int64_t step = timestampMs - movedMs_;
    if (step > kMaxSpreadMs) step = sinceLast;  // it was idle: the increase came in this interval
    rate = delta / (static_cast<double>(step) / 1000.0);
    movedMs_ = timestampMs;
    stepMs_ = step;
    stepRate_ = rate;
  } else {
    // unmoved: within twice the counter's own last step (steps come irregularly), the rate it
    // moved at; past that, idle
    rate = timestampMs - movedMs_ <= 2 * stepMs_ ? stepRate_ : 0.0;
  }
  lastMs_ = timestampMs;
  last_ = value;
  return rate;
}

}  // namespace doflamingo
