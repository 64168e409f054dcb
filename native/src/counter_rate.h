// Per-second rate of a monotonic counter, with reset and wrap detection, over the time the
// counter actually moved.
#pragma once

#include <cstdint>
#include <optional>

namespace doflamingo {

class CounterRate {
 public:
  // A counter that moved this long ago or less spreads its next increase over that time; one
  // still for longer was idle, and its next increase counts over the last reading's interval.
  static constexpr std::int64_t kMaxSpreadMs = 30000;

  // Feeds one reading; returns the rate, or nothing for the first reading. Never negative: a
  // counter that goes down was either reset (the target restarted: the count restarted from zero,
  // so the increase is the new value, as Prometheus treats it) or wrapped at 2^32 / 2^64 (the
  // increase is the distance around the wrap).
  //
  // Many counters move in steps slower than the scrape (a Flume sink drains a batch every few
  // seconds, backing off while its channel is empty): a rate per reading would saw-tooth between
  // 0 and twice the real rate. So an increase is divided by the time since the counter last
  // moved (up to kMaxSpreadMs), and a reading that finds the counter unmoved keeps the last rate
  // while no more than twice its last step has passed since it moved; after that it is 0.
  std::optional<double> update(std::int64_t timestampMs, double value);

  void reset() { has_ = false; }

 private:
  bool has_ = false;
  std::int64_t lastMs_ = 0;
  double last_ = 0;
  // when the counter last moved (or was first read), how long that step took, and its rate
  std::int64_t movedMs_ = 0;
  std::int64_t stepMs_ = 0;
  double stepRate_ = 0;
};

}  // namespace doflamingo
