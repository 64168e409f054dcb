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
    return std::nullopt;
  }
  if (timestampMs <= lastMs_) return std::nullopt;  // no interval to divide by
  double seconds = static_cast<double>(timestampMs - lastMs_) / 1000.0;
  double delta = value - last_;
  if (delta < 0) {
    if (wrapped(last_, value, kTwo32)) delta = kTwo32 - last_ + value;
    else if (wrapped(last_, value, kTwo64)) delta = kTwo64 - last_ + value;
    else delta = value;  // reset: counted from zero
  }
  lastMs_ = timestampMs;
  last_ = value;
  return delta / seconds;
}

}  // namespace doflamingo
