// Write-ahead journal: every acknowledged sample is in here before ingest returns, so a kill -9
// loses nothing that was acknowledged (the page cache survives the process). Segments are deleted
// once every sample they hold is in the RRD files.
//
// Segment file: a sequence of blocks, each a 16-byte header {magic, count, crc32 of the records,
// 0} followed by count Samples (24 bytes: u32 series id, u32 0, i64 time ms, f64 stored value).
// A torn block at the tail (the process died inside write()) is detected by its CRC and ignored.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "doflamingo/types.h"

namespace doflamingo {

class Journal {
 public:
  // Opens dir (created if missing). Existing segments are kept for replay(); new records go to a
  // fresh segment numbered after them. fsyncEachAppend also survives power loss, at a cost.
  Journal(std::string dir, std::int64_t segmentBytes, bool fsyncEachAppend);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Appends one block; returns the segment it went to. Throws StorageError (disk full, ...).
  std::uint64_t append(const Sample* records, std::size_t count);

  // Calls fn(segment, record) for every intact record of the segments that existed at open, in
  // order. Returns the number of records read; torn tails are logged and skipped.
  std::size_t replay(const std::function<void(std::uint64_t, const Sample&)>& fn) const;

  std::uint64_t currentSegment() const;

  // True when a finished segment numbered below `segment` is still on disk.
  bool hasSegmentsBefore(std::uint64_t segment) const;

  // Deletes every finished segment numbered below `segment`.
  void dropSegmentsBefore(std::uint64_t segment);

  // Deletes every segment, the current one too: for a clean shutdown once everything is in the
  // RRD files. The journal takes no appends afterwards.
  void discard();

  std::size_t segmentCount() const;

 private:
  void openSegment(std::uint64_t number);
  std::string segmentPath(std::uint64_t number) const;

  std::string dir_;
  std::int64_t segmentBytes_;
  bool fsync_;
  mutable std::mutex mutex_;
  int fd_ = -1;
  std::uint64_t current_ = 0;
  std::int64_t currentSize_ = 0;
  std::vector<std::uint64_t> segments_;  // finished segments still on disk, ascending
  std::vector<std::uint64_t> atOpen_;    // segments found at open, for replay
};

}  // namespace doflamingo
