// The last stretch of one series at full resolution, in memory, for live pages and deltas.
//
// Slot-indexed: a sample at time t lands in slot (t / step) mod N, so the ring needs no
// timestamps of its own (8 bytes a point) and a later sample in the same step replaces the
// earlier one. Slots that were skipped over read as missing (NaN).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace doflamingo {

class LiveRing {
 public:
  LiveRing(std::int64_t stepMs, std::int64_t windowMs);

  void put(std::int64_t timestampMs, double value);

  // Points with fromMs <= time <= toMs, oldest first, missing slots left out.
  void read(std::int64_t fromMs, std::int64_t toMs, std::vector<std::int64_t>& times,
            std::vector<double>& values) const;

  // Oldest time the ring can still answer for (0 when empty).
  std::int64_t oldestMs() const;
  std::int64_t newestMs() const { return headSlot_ < 0 ? 0 : headSlot_ * stepMs_; }
  bool empty() const { return headSlot_ < 0; }
  std::size_t memoryBytes() const { return sizeof(*this) + slots_ * sizeof(double); }

 private:
  std::int64_t stepMs_;
  std::int64_t slots_;
  std::int64_t headSlot_ = -1;          // absolute slot number of the newest point
  std::unique_ptr<double[]> values_;   // allocated on first put
};

}  // namespace doflamingo
