// The last stretch of one series at full resolution, in memory, for live pages and deltas.
//
// Slot-indexed: like an RRD row, slot k holds the step (k-1)·step < t <= k·step and is stamped
// k·step, so memory and disk answer alike. The ring needs no timestamps of its own (8 bytes a
// point); a later sample in the same step replaces the earlier one; skipped slots read as missing.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace doflamingo {

class LiveRing {
 public:
  // windowMs 0: no ring (nothing is kept, every read finds it empty).
  LiveRing(std::int64_t stepMs, std::int64_t windowMs);

  // Bytes of the values a ring of this step and window allocates at its first put.
  static std::int64_t valueBytes(std::int64_t stepMs, std::int64_t windowMs) {
    return slotsFor(stepMs, windowMs) * static_cast<std::int64_t>(sizeof(double));
  }

  void put(std::int64_t timestampMs, double value);

  // Points stamped fromMs <= stamp <= toMs, oldest first, missing slots left out.
  void read(std::int64_t fromMs, std::int64_t toMs, std::vector<std::int64_t>& times,
            std::vector<double>& values) const;

  // The newest point stamped fromMs <= stamp <= toMs; false when there is none.
  bool newest(std::int64_t fromMs, std::int64_t toMs, std::int64_t& timeMs, double& value) const;

  // Oldest time from which the ring holds everything (0 when empty): the later of the window's
  // start and the first point ever put, since points before that (say, from before a restart)
  // were never in this ring.
  std::int64_t oldestMs() const;
  std::int64_t newestMs() const { return headSlot_ < 0 ? 0 : headSlot_ * stepMs_; }
  bool empty() const { return headSlot_ < 0; }
  // What a ring in use costs (0 without a ring: nothing is allocated).
  std::size_t memoryBytes() const { return slots_ ? sizeof(*this) + slots_ * sizeof(double) : 0; }

 private:
  static std::int64_t slotsFor(std::int64_t stepMs, std::int64_t windowMs);

  std::int64_t stepMs_;
  std::int64_t slots_;
  std::int64_t headSlot_ = -1;          // absolute slot number of the newest point
  std::int64_t firstSlot_ = -1;         // absolute slot number of the first point ever put
  std::unique_ptr<double[]> values_;   // allocated on first put
};

}  // namespace doflamingo
