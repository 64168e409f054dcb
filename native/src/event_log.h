// The event log: append-only segment files of checksummed event records, indexed by time in
// memory, kept for an age and a size.
//
// Files: <dir>/events-<number>.log, numbered in the order they were started. A record is a 16-byte
// header {u32 magic "DFE1", u32 payload length, u32 CRC-32 of the payload, u32 CRC-32 of the first
// 12 header bytes} and the payload (the event's byte form, doflamingo/events.h). A batch is one
// write() of all its records into one segment.
//
// Durability, as the sample journal's: append() returns after write() put the batch in the page
// cache (and, with fsync, after fdatasync), so a kill -9 of the process after append() returned
// loses nothing; only a power loss without fsync can. A write cut short (disk full) is cut off
// again and append() throws StorageError: nothing of that batch is kept.
//
// At open every segment is read and checked: a record whose payload fails its CRC is skipped, a
// damaged header is skipped up to the next intact record (both counted and logged), and bytes after
// the last intact record of a segment (a write torn by a crash) are cut off and logged; neither is
// fatal. The time index is rebuilt then: per segment its time span, and per 32 KB block of records
// the offsets and time span, so a range read visits only the blocks overlapping it (events arrive
// almost in time order, so that is the range's blocks and little more).
//
// Retention: whole segments are deleted, the oldest first, while the log holds more than maxBytes
// or once a segment's newest event is older than maxAgeSeconds; a segment is closed after
// segmentBytes or once its first event is older than maxAgeSeconds / 16, so space comes back close
// to the age limit. Reads never answer an event older than maxAgeSeconds, whatever is still on disk.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "doflamingo/engine.h"
#include "doflamingo/events.h"

namespace doflamingo {

struct EventLogOptions {
  std::string dir;
  std::int64_t maxAgeSeconds = 90ll * 86400;
  std::int64_t maxBytes = 256ll << 20;
  std::int64_t segmentBytes = 8ll << 20;  // at most maxBytes / 4 is used
  bool fsync = false;
  std::shared_ptr<const Clock> clock = systemClock();
};

struct EventLogStats {
  std::int64_t events = 0;          // intact records on disk (older than the age limit included until deleted)
  std::int64_t bytes = 0;           // on disk
  std::int64_t segments = 0;
  std::int64_t corruptRecords = 0;  // skipped, at open and in reads since
  std::int64_t tornBytesCut = 0;    // at open
  std::int64_t bytesRead = 0;       // by queries since open: what the time index spared shows here
};

class EventLog {
 public:
  // Opens dir (created if missing), checks and indexes every segment. Throws StorageError when the
  // directory cannot be made or read, InvalidArgument for bad options.
  explicit EventLog(EventLogOptions options);
  ~EventLog();
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  // Checks every event (InvalidArgument naming the event's index and field; nothing written), then
  // writes the batch with one write(). Throws StorageError when it cannot be written.
  void append(const std::vector<EventRecord>& events);

  // Newest first; see EventQuery. InvalidArgument for a bad range or paging.
  EventPage query(const EventQuery& query) const;

  // Deletes what retention says is due (append() does this too).
  void enforceRetention();

  EventLogStats stats() const;

  static constexpr std::size_t kHeaderBytes = 16;
  static constexpr std::uint32_t kBlockBytes = 32 * 1024;

 private:
  struct Block {
    std::uint32_t offset;
    std::uint32_t end;
    std::int64_t minMs;
    std::int64_t maxMs;
  };
  struct Segment {
    std::uint64_t number;
    std::int64_t bytes = 0;
    std::int64_t records = 0;
    std::int64_t minMs = 0;
    std::int64_t maxMs = 0;
    std::vector<Block> blocks;
    void add(std::uint32_t offset, std::uint32_t length, std::int64_t timeMs);
  };

  std::string path(std::uint64_t number) const;
  void load(std::uint64_t number);
  void openCurrent(std::uint64_t number);
  void enforceRetentionLocked(std::int64_t nowMs);
  void dropOldest();
  std::int64_t cutoffMs(std::int64_t nowMs) const;

  EventLogOptions options_;
  mutable std::mutex mutex_;
  int fd_ = -1;                   // the last segment's, for appends
  std::vector<Segment> segments_; // ascending; the last is the one appended to
  std::int64_t bytes_ = 0;
  std::int64_t events_ = 0;
  mutable std::int64_t corrupt_ = 0;
  mutable std::int64_t bytesRead_ = 0;
  std::int64_t tornCut_ = 0;
};

}  // namespace doflamingo
