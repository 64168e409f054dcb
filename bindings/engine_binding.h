// The surface SWIG wraps for Java: the engine's API reshaped for JNI, still plain C++.
//
// Text crosses as UTF-8 bytes (Bytes), never as JNI strings: JNI's "modified UTF-8" mangles NUL and
// characters outside the BMP, and consumer group ids may hold both. Bulk data crosses as one
// direct buffer or one primitive array per call, never one call per sample.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "doflamingo/engine.h"
#include "doflamingo/log.h"
#include "doflamingo/scheduler.h"

namespace doflamingo {
namespace binding {

typedef std::string Bytes;
// Series ids as they come from Java: one int[] copied in.
typedef std::vector<std::int32_t> Ids;
// A long[] the caller allocated, filled on return (an argument, so a bulk call stays one JNI call).
typedef std::vector<long long> LongsOut;

// A regular run of values (see SeriesData), with its values as one array.
class SeriesValues {
 public:
  SeriesValues() = default;
  explicit SeriesValues(SeriesData d) : data_(std::move(d)) {}
  std::int64_t startMs() const { return data_.startMs; }
  std::int64_t stepMs() const { return data_.stepMs; }
  std::vector<double> values() const { return data_.values; }

 private:
  SeriesData data_;
};

class GroupValues {
 public:
  GroupValues() = default;
  explicit GroupValues(GroupResult r) : result_(std::move(r)) {}
  // encodeStrings of k1, v1, k2, v2, ...
  Bytes group() const;
  std::int32_t seriesCount() const { return result_.seriesCount; }
  SeriesValues series() const { return SeriesValues(result_.data); }

 private:
  GroupResult result_;
};

// Owns one Engine. Java wraps it in an AutoCloseable handle.
class NativeEngine {
 public:
  explicit NativeEngine(const EngineOptions& options) : engine_(std::make_unique<Engine>(options)) {}
  void close() { engine_->close(); }

  // key: SeriesKey::encode() form; kind: SeriesKind.
  std::int32_t intern(const Bytes& key, std::int32_t kind);

  // buffer: a direct ByteBuffer of count 24-byte Sample records in native byte order.
  IngestResult ingest(const void* buffer, std::int64_t capacityBytes, std::int32_t count);

  void flush() { engine_->flush(); }
  SeriesValues query(std::int32_t id, std::int64_t fromMs, std::int64_t toMs, std::int64_t resolutionMs,
                     std::int32_t consolidation);
  // Many series over one range as one flat array of their values, in the order of ids; header
  // (3 per id: startMs, stepMs, value count) says where each begins.
  std::vector<double> queryMany(const Ids& ids, std::int64_t fromMs, std::int64_t toMs, std::int64_t resolutionMs,
                                std::int32_t consolidation, LongsOut* header);
  // Engine::latest: the values (NaN: none in the window) returned, their stamps into times.
  std::vector<double> latest(const Ids& ids, std::int64_t atMs, std::int64_t maxAgeMs, LongsOut* times);
  // encodeStrings of each id's SeriesKey form.
  Bytes keys(const Ids& ids);
  std::vector<std::int32_t> kinds(const Ids& ids);
  // filter: SeriesKey form (name + labels to match); groupBy: encodeStrings of label keys.
  std::vector<GroupValues> groupBy(const Bytes& filter, const Bytes& groupBy, std::int32_t aggregation,
                                   std::int32_t consolidation, std::int64_t fromMs, std::int64_t toMs,
                                   std::int64_t resolutionMs);
  std::vector<std::int32_t> select(const Bytes& filter);
  Bytes key(std::int32_t id);
  std::int32_t kind(std::int32_t id);
  Bytes metricNames();  // encodeStrings
  EngineStats stats() { return engine_->stats(); }
  std::int64_t baseStepMs() const { return engine_->tiers().front().stepSeconds * 1000; }
  // The RRD tiers, finest first, flattened as [stepMs, retentionMs, stepMs, retentionMs, ...].
  std::vector<long long> tiersMs() const;

 private:
  std::unique_ptr<Engine> engine_;
};

// Implemented in Java (a SWIG director); receives the engine's log records.
class LogHandler {
 public:
  virtual ~LogHandler() = default;
  virtual void log(std::int32_t level, const Bytes& message) = 0;
};

// Installs handler (null: back to stderr). The caller keeps handler alive while installed.
void setLogHandler(LogHandler* handler, std::int32_t minLevel);

// The text of an error as JNI's NewStringUTF/ThrowNew expect it ("modified UTF-8").
std::string toModifiedUtf8(const std::string& utf8);

}  // namespace binding
}  // namespace doflamingo
