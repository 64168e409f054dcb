// RRD files on disk (or behind rrdcached): one file per series, one data source "v" per file.
//
// Only librrd's thread-safe calls are used, with numeric timestamps (rrd_updatex_r is
// thread-safe only without at-style times). Each write carries many values, because librrd's
// cost is mostly per call (open, header, lock), not per value.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <unordered_set>
#include <string>
#include <vector>

#include "doflamingo/types.h"

namespace doflamingo {

// How the files of one retention class are made: its tiers, heartbeat and RRAs (AVERAGE on every
// tier; MIN and MAX on the consolidated ones when minMax).
class RrdLayout {
 public:
  RrdLayout(std::vector<Tier> tiers, std::int64_t heartbeatSeconds, bool minMax);

  const std::vector<Tier>& tiers() const { return tiers_; }
  std::int64_t baseStepSeconds() const { return tiers_.front().stepSeconds; }
  std::int64_t heartbeatSeconds() const { return heartbeat_; }
  // The RRA definitions of new files, for tests and the docs.
  const std::vector<std::string>& rraDefinitions() const { return rras_; }
  // Bytes of a file of this layout as librrd creates it (header, then every row allocated):
  // from librrd's own header structures, so it equals the file's size on disk.
  std::int64_t fileBytes() const;

 private:
  std::vector<Tier> tiers_;
  std::int64_t heartbeat_;
  std::vector<std::string> rras_;
  std::int64_t rows_ = 0;  // over all RRAs
};

class RrdStore {
 public:
  // rrdcachedAddress empty: direct file access; else e.g. "unix:/run/rrdcached.sock".
  RrdStore(std::string rootDir, std::string rrdcachedAddress);

  enum class WriteStatus { Ok, Retry };
  struct WriteResult {
    WriteStatus status = WriteStatus::Ok;
    std::string error;  // set when status is Retry (disk full, read-only, rrdcached down, ...)
  };

  // Appends points (strictly increasing times) to the file at relativePath, creating it on first
  // use with layout. Points at or before the file's last update are skipped: that makes journal replay
  // idempotent. A corrupt, truncated or foreign file is logged, renamed to *.corrupt-<epoch> and
  // recreated, so one bad file costs its own history and nothing else.
  WriteResult write(const std::string& relativePath, const RrdLayout& layout, const std::vector<Point>& points);

  // Values of [fromMs, toMs] at the tier librrd picks for resolutionMs (the finest that covers
  // the range at or above the asked resolution). A missing file reads as all unknown, on the grid
  // of layout's base step. Throws StorageError on an unreadable file.
  SeriesData fetch(const std::string& relativePath, const RrdLayout& layout, Consolidation cf, std::int64_t fromMs,
                   std::int64_t toMs, std::int64_t resolutionMs);

  // Makes every write so far durable in the RRD files. Direct writes already are (the page cache
  // survives the process); rrdcached holds updates in memory and its own journal is buffered, so
  // this asks it to write everything out. Returns false (error set) when the daemon cannot.
  bool sync(std::string& error);

  bool cached() const { return !daemon_.empty(); }
  long long quarantined() const { return quarantined_; }

  // Puts back the headers of files whose update a crash cut short (see rrd_store.cpp), before
  // the journal is replayed into them. The engine calls it once at open.
  void restoreInterruptedUpdates();

 private:
  bool create(const std::string& path, const RrdLayout& layout, std::int64_t firstTimeMs, std::string& error);
  bool updateOnce(const std::string& path, const std::vector<Point>& points, std::string& error);
  bool quarantine(const std::string& path, const std::string& why);

  std::string root_;
  std::string daemon_;
  std::atomic<long long> quarantined_{0};
  std::mutex dirtyMutex_;
  std::unordered_set<std::string> unsynced_;  // written through rrdcached since the last sync()
};

// True when a librrd error message says the file itself is bad (as opposed to the disk).
bool isCorruptFileError(const std::string& message);

}  // namespace doflamingo
