// Per-second rate of a monotonic counter, with reset and wrap detection.
#pragma once

#include <cstdint>
#include <optional>

namespace doflamingo {

class CounterRate {
 public:
  // Feeds one reading; returns the rate over the interval since the previous reading, or nothing
  // for the first reading. Never negative: a counter that goes down was either reset (the target
  // restarted: the count restarted from zero, so the increase is the new value, as Prometheus
  // treats it) or wrapped at 2^32 / 2^64 (the increase is the distance around the wrap).
  std::optional<double> update(std::int64_t timestampMs, double value);

  void reset() { has_ = false; }

 private:
  bool has_ = false;
  std::int64_t lastMs_ = 0;
  double last_ = 0;
};

}  // namespace doflamingo
