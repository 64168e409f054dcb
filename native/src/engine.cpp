// The engine's options, open and close, interning and stats (the other jobs: see engine_impl.h).
#include "doflamingo/engine.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <set>

#include "doflamingo/error.h"
#include "engine_impl.h"
#include "logger.h"

namespace fs = std::filesystem;

namespace doflamingo {
namespace {

class SystemClock final : public Clock {
 public:
  std::int64_t nowMs() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

void requireWritableDir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw StorageError("cannot create storage directory " + dir + ": " + ec.message());
  std::string probe = dir + "/.write-probe";
  FILE* f = std::fopen(probe.c_str(), "w");
  if (!f) throw StorageError("storage directory " + dir + " is not writable: " + std::strerror(errno));
  std::fclose(f);
  ::unlink(probe.c_str());
}

void checkOptions(const EngineOptions& o) {
  if (o.dataDir.empty()) throw InvalidArgument("dataDir is required: where the RRD files and journal live");
  if (o.flushBatch < 1 || o.flushBatch > 100000) throw InvalidArgument("flushBatch must be between 1 and 100000");
  if (o.flusherThreads < 1 || o.flusherThreads > 64) throw InvalidArgument("flusherThreads must be between 1 and 64");
  if (o.liveWindowSeconds < 0 || o.maxBufferedSamples < o.flushBatch || o.flushMaxDelaySeconds < 1 ||
      o.futureToleranceSeconds < 0 || o.journalSegmentBytes < 4096 || o.heartbeatSeconds < 0) {
    throw InvalidArgument(
        "liveWindowSeconds, futureToleranceSeconds and heartbeatSeconds must not be negative, "
        "flushMaxDelaySeconds must be at least 1, maxBufferedSamples at least flushBatch, and "
        "journalSegmentBytes at least 4096");
  }
  if (!o.clock) throw InvalidArgument("clock must not be null (systemClock() is the default)");
}

}  // namespace

std::shared_ptr<const Clock> systemClock() {
  static const std::shared_ptr<const Clock> clock = std::make_shared<SystemClock>();
  return clock;
}

Engine::Impl::Impl(const EngineOptions& o) : options(o), clock(o.clock) {
  checkOptions(options);
  classes = resolveRetentionClasses(options);

  requireWritableDir(options.dataDir);
  registry = std::make_unique<SeriesRegistry>(options.dataDir + "/series.log");
  store = std::make_unique<RrdStore>(fs::absolute(options.dataDir + "/rrd").string(), options.rrdcachedAddress);
  store->restoreInterruptedUpdates();
  journal = std::make_unique<Journal>(options.dataDir + "/journal", options.journalSegmentBytes, options.journalFsync);
  EventLogOptions eventOptions;
  eventOptions.dir = options.dataDir + "/events";
  eventOptions.maxAgeSeconds = options.eventMaxAgeSeconds;
  eventOptions.maxBytes = options.eventMaxBytes;
  eventOptions.segmentBytes = options.eventSegmentBytes;
  eventOptions.fsync = options.journalFsync;
  eventOptions.clock = clock;
  events = std::make_unique<EventLog>(eventOptions);
  chunks.reset(new std::atomic<SeriesState*>[kMaxChunks]);
  for (std::size_t i = 0; i < kMaxChunks; ++i) chunks[i].store(nullptr);
  ensureStates(registry->size());
  replayJournal();
  for (int i = 0; i < options.flusherThreads; ++i) flushers.emplace_back([this, i] { flusherLoop(i); });
  log().info("engine open at {}: {} series, {} retention classes (default tiers {}), {} replayed from the journal{}",
             options.dataDir, registry->size(), classes.size(), classes.front().info.definition.tiers, replayed.load(),
             store->cached() ? ", through rrdcached at " + options.rrdcachedAddress : "");
}

Engine::Impl::~Impl() {
  try {
    close();
  } catch (const std::exception& e) {
    log().error("closing the engine failed: {}", e.what());
  }
  if (chunks) {
    for (std::size_t c = 0; c < kMaxChunks; ++c) delete[] chunks[c].load();
  }
}

void Engine::Impl::close() {
  std::unique_lock<std::shared_mutex> life(lifecycle);
  if (closed) return;
  closed = true;
  {
    std::lock_guard<std::mutex> lock(queueMutex);
    stopping = true;
  }
  queueCv.notify_all();
  for (auto& t : flushers) t.join();
  flushers.clear();
  std::size_t failed = flushAll();
  std::string syncError;
  if (failed == 0 && store->sync(syncError)) {
    journal->discard();
  } else if (failed == 0) {
    log().error("closing: {}; the journal is kept for the next start", syncError);
  } else {
    log().error("closing with {} series not written to RRD; they stay in the journal for the next start", failed);
  }
  journal.reset();
  events.reset();
  registry.reset();
  log().info("engine at {} closed", options.dataDir);
}

void Engine::Impl::checkOpen() const {
  if (closed) throw Closed("the engine is closed");
}

void Engine::Impl::checkIds(const std::vector<std::uint32_t>& ids) const {
  const std::size_t known = stateCount.load(std::memory_order_acquire);
  for (std::uint32_t id : ids) {
    if (id >= known) throw InvalidArgument("unknown series id " + std::to_string(id));
  }
}

void Engine::Impl::ensureStates(std::size_t count) {
  if (stateCount.load(std::memory_order_acquire) >= count) return;
  std::lock_guard<std::mutex> lock(growMutex);
  std::size_t have = stateCount.load(std::memory_order_relaxed);
  std::set<std::string> undefined;  // classes series.log names that the options no longer define
  for (std::size_t id = have; id < count; ++id) {
    std::size_t chunk = id >> kChunkBits;
    if (chunk >= kMaxChunks) throw InvalidArgument("too many series: the engine holds at most 67 million");
    if (!chunks[chunk].load(std::memory_order_relaxed)) {
      chunks[chunk].store(new SeriesState[std::size_t{1} << kChunkBits], std::memory_order_release);
    }
    SeriesState& st = state(static_cast<std::uint32_t>(id));
    st.kind = registry->kind(static_cast<std::uint32_t>(id));
    const std::string cls = registry->retentionClass(static_cast<std::uint32_t>(id));
    std::size_t index = 0;
    try {
      index = retentionClassIndex(classes, cls);
    } catch (const InvalidArgument&) {
      undefined.insert(cls);  // its file keeps its own layout; ring, heartbeat and reads go by "default"
    }
    st.retentionClass = static_cast<std::uint16_t>(index);
    const RetentionClassInfo& info = classes[index].info;
    st.ring = LiveRing(info.baseStepMs(), info.definition.liveWindowSeconds * 1000);
    stateCount.store(id + 1, std::memory_order_release);
  }
  for (const std::string& cls : undefined) {
    log().warn("series.log names retention class '{}', which is not defined now: its series are read as \"default\"",
               cls);
  }
}

Engine::Engine(const EngineOptions& options) : impl_(std::make_unique<Impl>(options)) {}

Engine::~Engine() = default;

void Engine::close() { impl_->close(); }

std::uint32_t Engine::intern(const SeriesKey& key, SeriesKind kind) { return intern(key, kind, kDefaultRetentionClass); }

std::uint32_t Engine::intern(const SeriesKey& key, SeriesKind kind, const std::string& retentionClass) {
  const auto asked = static_cast<std::uint32_t>(retentionClassIndex(impl_->classes, retentionClass));
  return intern(std::vector<SeriesKey>{key}, std::vector<SeriesKind>{kind}, std::vector<std::uint32_t>{asked}).front();
}

std::vector<std::uint32_t> Engine::intern(const std::vector<SeriesKey>& keys, const std::vector<SeriesKind>& kinds,
                                          const std::vector<std::uint32_t>& classes) {
  Impl& m = *impl_;
  std::shared_lock<std::shared_mutex> life(m.lifecycle);
  m.checkOpen();
  if (classes.size() != keys.size()) {
    throw InvalidArgument("intern of " + std::to_string(keys.size()) + " keys was given " +
                          std::to_string(classes.size()) + " retention classes");
  }
  std::vector<std::string> names;
  names.reserve(classes.size());
  for (std::size_t i = 0; i < classes.size(); ++i) {
    if (classes[i] >= m.classes.size()) {
      throw InvalidArgument("retention class index " + std::to_string(classes[i]) + " of series " +
                            keys[i].toString() + ": the engine defines " + std::to_string(m.classes.size()));
    }
    names.push_back(m.classes[classes[i]].info.definition.name);
  }
  std::vector<std::uint32_t> ids = m.registry->intern(keys, kinds, names);
  if (ids.empty()) return ids;
  m.ensureStates(static_cast<std::size_t>(*std::max_element(ids.begin(), ids.end())) + 1);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::uint16_t recorded = m.state(ids[i]).retentionClass;
    if (recorded == classes[i]) continue;
    std::lock_guard<std::mutex> el(m.errorMutex);
    if (m.classChangesLogged.emplace(recorded, static_cast<std::uint16_t>(classes[i])).second) {
      log().warn("series {} keeps retention class '{}' it was created with, not '{}': a file's layout is fixed, so a "
                 "class applies to series created after it (further series of these two classes are not logged)",
                 keys[i].toString(), m.classes[recorded].info.definition.name, names[i]);
    }
  }
  return ids;
}

EngineStats Engine::stats() const {
  const Impl& m = *impl_;
  std::shared_lock<std::shared_mutex> life(m.lifecycle);
  m.checkOpen();
  EngineStats s;
  s.series = static_cast<std::int64_t>(m.stateCount.load());
  s.samplesAccepted = m.accepted.load();
  s.samplesDropped = m.dropped.load();
  s.samplesBuffered = m.buffered.load();
  s.samplesWritten = m.written.load();
  s.rrdWrites = m.rrdWrites.load();
  s.rrdWriteErrors = m.rrdErrors.load();
  s.filesQuarantined = m.store->quarantined();
  s.journalSegments = static_cast<std::int64_t>(m.journal->segmentCount());
  s.replayedSamples = m.replayed.load();
  s.liveRingBytes = m.ringBytes.load();
  s.logRecordsDropped = droppedLogRecords();
  const EventLogStats ev = m.events->stats();
  s.events = ev.events;
  s.eventBytes = ev.bytes;
  s.eventCorruptRecords = ev.corruptRecords;
  std::lock_guard<std::mutex> el(m.errorMutex);
  s.lastStorageError = m.lastStorageError;
  return s;
}

const std::vector<Tier>& Engine::tiers() const { return impl_->classes.front().info.tiers; }

std::vector<RetentionClassInfo> Engine::retentionClasses() const {
  std::vector<RetentionClassInfo> out;
  for (const ResolvedClass& c : impl_->classes) out.push_back(c.info);
  return out;
}

std::vector<std::uint32_t> Engine::retentionClassOf(const std::vector<std::uint32_t>& ids) const {
  return impl_->forEachId<std::uint32_t>(ids, [this](std::uint32_t id) { return impl_->state(id).retentionClass; });
}

}  // namespace doflamingo
