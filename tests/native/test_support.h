// Helpers shared by the native tests: fresh temp directories, a manual clock and times relative to
// it, a log capture, and small file utilities. Not a test file itself (the build globs *_test.cpp only).
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "doflamingo/engine.h"
#include "doflamingo/log.h"

namespace dftest {

namespace fs = std::filesystem;

// A fresh directory under ::testing::TempDir(), removed with everything in it at the end.
class TempDir {
 public:
  TempDir() {
    std::string base = ::testing::TempDir();
    if (base.empty() || base.back() != '/') base += '/';
    std::string tmpl = base + "doflamingo-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp(" << tmpl << ") failed";
    }
    path_ = buf.data();
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// The tests' "now": a fixed moment on an hour boundary, where every test engine's clock starts.
inline constexpr std::int64_t kNowMs = 1'796'000'400'000;

// A clock that moves only when told to.
class ManualClock final : public doflamingo::Clock {
 public:
  explicit ManualClock(std::int64_t nowMs) : now_(nowMs) {}
  std::int64_t nowMs() const override { return now_.load(); }
  void advance(std::int64_t ms) { now_ += ms; }

 private:
  std::atomic<std::int64_t> now_;
};

// Options of an engine under dataDir whose clock is a ManualClock standing at kNowMs.
inline doflamingo::EngineOptions engineOptions(const std::string& dataDir) {
  doflamingo::EngineOptions o;
  o.dataDir = dataDir;
  o.clock = std::make_shared<ManualClock>(kNowMs);
  return o;
}

// The ManualClock of options made by engineOptions().
inline ManualClock& clockOf(const doflamingo::EngineOptions& o) {
  return const_cast<ManualClock&>(dynamic_cast<const ManualClock&>(*o.clock));
}

// kNowMs rounded down to stepMs, minus `minutesAgo` minutes: samples there are neither too far
// ahead nor outside the default live window.
inline std::int64_t alignedPastMs(std::int64_t minutesAgo, std::int64_t stepMs = 2000) {
  return kNowMs / stepMs * stepMs - minutesAgo * 60'000;
}

// Every regular file under dir whose name ends with suffix, sorted.
inline std::vector<std::string> filesEndingWith(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    std::string p = it->path().string();
    if (it->is_regular_file(ec) && p.size() >= suffix.size() &&
        p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Files under dir whose name contains part, sorted.
inline std::vector<std::string> filesContaining(const std::string& dir, const std::string& part) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec) && it->path().filename().string().find(part) != std::string::npos) {
      out.push_back(it->path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline void appendBytes(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::app);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline void writeBytes(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string readBytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

// Collects the engine's log while installed; puts stderr back when destroyed.
class CapturedLog : public doflamingo::LogSink {
 public:
  CapturedLog() { doflamingo::setLogSink(this, 0); }
  ~CapturedLog() override { doflamingo::setLogSink(nullptr); }
  void log(int level, const std::string& logger, const std::string& message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    records_.push_back({level, message});
  }
  // True when some record at `level` or above contains every one of parts.
  bool contains(int minLevel, const std::vector<std::string>& parts) const {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& r : records_) {
      if (r.first < minLevel) continue;
      bool all = true;
      for (const auto& p : parts) all = all && r.second.find(p) != std::string::npos;
      if (all) return true;
    }
    return false;
  }
  std::string dump() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string out;
    for (const auto& r : records_) out += "  [" + std::to_string(r.first) + "] " + r.second + "\n";
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<int, std::string>> records_;
};

// The value a query answer holds for the sample taken at tMs: like an RRD row, a sample is
// stamped with the end of the step it falls in ((t - step, t] for aligned t). Fails the test (and
// returns -12345) when tMs is not on the answer's grid or outside it.
inline double valueAt(const doflamingo::SeriesData& d, std::int64_t tMs) {
  if (d.stepMs <= 0 || (tMs - d.startMs) % d.stepMs != 0 || tMs < d.startMs) {
    ADD_FAILURE() << "time " << tMs << " is not on the grid start " << d.startMs << " step " << d.stepMs;
    return -12345;
  }
  auto idx = static_cast<std::size_t>((tMs - d.startMs) / d.stepMs);
  if (idx >= d.values.size()) {
    ADD_FAILURE() << "time " << tMs << " is past the answer's end (" << d.values.size() << " rows from "
                  << d.startMs << ")";
    return -12345;
  }
  return d.values[idx];
}

inline doflamingo::Sample sample(std::uint32_t id, std::int64_t timeMs, double value) {
  return doflamingo::Sample{id, 0, timeMs, value};
}

inline doflamingo::IngestResult ingest(doflamingo::Engine& e, const std::vector<doflamingo::Sample>& batch) {
  return e.ingest(batch.data(), batch.size());
}

inline std::size_t countKnown(const doflamingo::SeriesData& d) {
  std::size_t n = 0;
  for (double v : d.values) n += v == v;
  return n;
}

}  // namespace dftest
