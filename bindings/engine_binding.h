// The surface SWIG wraps for Java: the engine's API reshaped for JNI, still plain C++. This header
// is all that doflamingo.i exports, and only the members it names (an allow-list): a new public
// member here or in the engine crosses JNI only once it is added there.
//
// Enums cross as their explicit codes (SeriesKind, Consolidation, Aggregation, TargetState in the
// engine's headers; `code` on the Java enums), never as ordinals. Text crosses as UTF-8 bytes (Bytes), never as JNI strings: JNI's "modified UTF-8" mangles NUL and
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

// The tiers the engine uses unless told otherwise: EngineConfig.DEFAULT_TIERS reads them here.
std::string defaultTiers();

// A retention class checked and sized without an engine (describeRetentionClass), as the numbers
// RetentionClass.java reads: minMax (0/1), liveWindowSeconds, heartbeatSeconds, fileBytes,
// ringBytes, tier count, then stepMs, retentionMs per tier.
std::vector<long long> describeRetentionClass(const std::string& name, const std::string& tiers, bool minMax,
                                              std::int64_t liveWindowSeconds, std::int64_t heartbeatSeconds);

// EngineOptions as Java fills them in; a field not set keeps the engine's default.
class NativeOptions {
 public:
  void setDataDir(const std::string& v) { o_.dataDir = v; }
  void setTiers(const std::string& v) { o_.tiers = v; }
  void setHeartbeatSeconds(std::int64_t v) { o_.heartbeatSeconds = v; }
  void setLiveWindowSeconds(std::int64_t v) { o_.liveWindowSeconds = v; }
  void addRetentionClass(const std::string& name, const std::string& tiers, bool minMax,
                         std::int64_t liveWindowSeconds) {
    o_.retentionClasses.push_back(RetentionClass{name, tiers, minMax, liveWindowSeconds});
  }
  void setFlushBatch(std::int32_t v) { o_.flushBatch = v; }
  void setFlushMaxDelaySeconds(std::int64_t v) { o_.flushMaxDelaySeconds = v; }
  void setFlusherThreads(std::int32_t v) { o_.flusherThreads = v; }
  void setMaxBufferedSamples(std::int64_t v) { o_.maxBufferedSamples = v; }
  void setBackpressureTimeoutMs(std::int64_t v) { o_.backpressureTimeoutMs = v; }
  void setFutureToleranceSeconds(std::int64_t v) { o_.futureToleranceSeconds = v; }
  void setRrdcachedAddress(const std::string& v) { o_.rrdcachedAddress = v; }
  void setJournalFsync(bool v) { o_.journalFsync = v; }
  void setJournalSegmentBytes(std::int64_t v) { o_.journalSegmentBytes = v; }
  void setEventMaxAgeSeconds(std::int64_t v) { o_.eventMaxAgeSeconds = v; }
  void setEventMaxBytes(std::int64_t v) { o_.eventMaxBytes = v; }
  void setEventSegmentBytes(std::int64_t v) { o_.eventSegmentBytes = v; }
  const EngineOptions& options() const { return o_; }

 private:
  EngineOptions o_;
};

// EngineStats for Java.
class NativeStats {
 public:
  NativeStats() = default;
  explicit NativeStats(EngineStats s) : s_(std::move(s)) {}
  std::int64_t getSeries() const { return s_.series; }
  std::int64_t getSamplesAccepted() const { return s_.samplesAccepted; }
  std::int64_t getSamplesDropped() const { return s_.samplesDropped; }
  std::int64_t getSamplesBuffered() const { return s_.samplesBuffered; }
  std::int64_t getSamplesWritten() const { return s_.samplesWritten; }
  std::int64_t getRrdWrites() const { return s_.rrdWrites; }
  std::int64_t getRrdWriteErrors() const { return s_.rrdWriteErrors; }
  std::int64_t getFilesQuarantined() const { return s_.filesQuarantined; }
  std::int64_t getJournalSegments() const { return s_.journalSegments; }
  std::int64_t getReplayedSamples() const { return s_.replayedSamples; }
  std::int64_t getLiveRingBytes() const { return s_.liveRingBytes; }
  std::int64_t getLogRecordsDropped() const { return s_.logRecordsDropped; }
  std::int64_t getEvents() const { return s_.events; }
  std::int64_t getEventBytes() const { return s_.eventBytes; }
  std::int64_t getEventCorruptRecords() const { return s_.eventCorruptRecords; }
  std::string getLastStorageError() const { return s_.lastStorageError; }

 private:
  EngineStats s_;
};

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
  explicit NativeEngine(const NativeOptions& options) : engine_(std::make_unique<Engine>(options.options())) {}
  void close() { engine_->close(); }

  // key: SeriesKey::encode() form; kind: SeriesKind.
  std::int32_t intern(const Bytes& key, std::int32_t kind);
  std::int32_t intern(const Bytes& key, std::int32_t kind, const std::string& retentionClass);
  // Engine::intern of many series in one call. keys: encodeStrings of each key's SeriesKey form;
  // kinds: one SeriesKind code per key; classes: one index into retentionClassNames() per key.
  std::vector<std::int32_t> internMany(const Bytes& keys, const Ids& kinds, const Ids& classes);

  // buffer: a direct ByteBuffer of count 24-byte Sample records in native byte order. Returns
  // IngestResult's counts in its order: accepted, outOfOrder, tooFarAhead, nonFinite,
  // firstCounterReadings (one array: one JNI call).
  std::vector<long long> ingest(const void* buffer, std::int64_t capacityBytes, std::int32_t count);

  void flush() { engine_->flush(); }

  // Engine::appendEvents of a batch in encodeEvents form (doflamingo/events.h): one call per batch.
  void appendEvents(const Bytes& batch);
  // Engine::queryEvents. areas, kinds, labelFreeAreas: encodeStrings (areas, kinds: empty list
  // is any); labels: encodeStrings of k1, v1, k2, v2, ...; minSeverity: EventSeverity's code. Returns the page in encodeEvents form;
  // total[0] gets the number of matches in the range.
  Bytes queryEvents(std::int64_t fromMs, std::int64_t toMs, const Bytes& areas, const Bytes& kinds,
                    std::int32_t minSeverity, const Bytes& labels, const Bytes& labelFreeAreas, std::int64_t start,
                    std::int64_t limit, LongsOut* total);
  SeriesValues query(std::int32_t id, std::int64_t fromMs, std::int64_t toMs, std::int64_t resolutionMs,
                     std::int32_t consolidation);
  // Many series over one range as one flat array of their values, in the order of ids; header
  // (3 per id: startMs, stepMs, value count) says where each begins.
  std::vector<double> queryMany(const Ids& ids, std::int64_t fromMs, std::int64_t toMs, std::int64_t resolutionMs,
                                std::int32_t consolidation, LongsOut* header);
  // Engine::latest: the values (NaN: none in the window) returned, their stamps into times.
  std::vector<double> latest(const Ids& ids, std::int64_t atMs, std::int64_t maxAgeMs, LongsOut* times);
  // Engine::latestWithinSteps, answered as latest() is.
  std::vector<double> latestWithinSteps(const Ids& ids, std::int64_t atMs, std::int64_t steps, LongsOut* times);
  // Engine::rankChanges as one array: ranked, skipped, then per row (best first) id, score,
  // medianBefore, medianAfter, peakAfter, direction, shape (ChangeShape's code), knownBefore,
  // knownAfter (kChangeRowFields numbers; ids and counts are exact in a double).
  std::vector<double> rankChanges(const Ids& ids, std::int64_t atMs, std::int64_t beforeMs, std::int64_t afterMs,
                                  std::int32_t limit, std::int32_t minKnown);
  static constexpr std::int32_t kChangeRowFields = 9;
  // Each id's index into the classes retentionClassNames() lists.
  std::vector<std::int32_t> retentionClassOf(const Ids& ids);
  // encodeStrings of name, tiers for every class, "default" first.
  Bytes retentionClassNames();
  // Every class's numbers, in the order of retentionClassNames(), each as describeRetentionClass
  // gives them.
  std::vector<long long> retentionClassNumbers();
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
  NativeStats stats() { return NativeStats(engine_->stats()); }
  std::int64_t baseStepMs() const { return engine_->tiers().front().stepSeconds * 1000; }
  // The RRD tiers, finest first, flattened as [stepMs, retentionMs, stepMs, retentionMs, ...].
  std::vector<long long> tiersMs() const;

 private:
  std::unique_ptr<Engine> engine_;
};

// Owns one Scheduler (see scheduler.h). Java wraps it in an AutoCloseable handle.
class NativeScheduler {
 public:
  // A snapshot of one target; state() is TargetState's code.
  class Status {
   public:
    Status() = default;
    explicit Status(TargetStatus s) : s_(std::move(s)) {}
    std::string getName() const { return s_.name; }
    std::int32_t getState() const { return static_cast<std::int32_t>(s_.state); }
    std::int64_t getNextDueMs() const { return s_.nextDueMs; }
    std::int64_t getLastSuccessMs() const { return s_.lastSuccessMs; }
    std::int64_t getLastDurationMs() const { return s_.lastDurationMs; }
    std::int32_t getConsecutiveFailures() const { return s_.consecutiveFailures; }
    std::int64_t getAttempts() const { return s_.attempts; }
    std::int64_t getFailures() const { return s_.failures; }
    std::int64_t getTimeouts() const { return s_.timeouts; }
    std::int64_t getOverruns() const { return s_.overruns; }
    std::int32_t getConsecutiveTimeouts() const { return s_.consecutiveTimeouts; }
    bool isSlow() const { return s_.slow; }
    std::string getLastError() const { return s_.lastError; }

   private:
    TargetStatus s_;
  };

  std::int32_t addTarget(const std::string& name, std::int64_t intervalMs, std::int64_t jitterMs,
                         std::int64_t timeoutMs, std::int64_t maxBackoffMs, std::int64_t nowMs);
  void removeTarget(std::int32_t id) { scheduler_.removeTarget(id); }
  // Scheduler::due's tokens (attempt << 32 | id).
  std::vector<long long> dueTokens(std::int64_t nowMs);
  bool complete(std::int64_t token, bool success, std::int64_t nowMs, const std::string& error) {
    return scheduler_.complete(token, success, nowMs, error);
  }
  bool unanswered(std::int64_t token, std::int64_t nowMs, const std::string& why) {
    return scheduler_.unanswered(token, nowMs, why);
  }
  bool skipped(std::int64_t token) { return scheduler_.skipped(token); }
  Status status(std::int32_t id) const { return Status(scheduler_.status(id)); }
  std::int64_t millisUntilNextDue(std::int64_t nowMs) const { return scheduler_.millisUntilNextDue(nowMs); }

 private:
  Scheduler scheduler_;
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
