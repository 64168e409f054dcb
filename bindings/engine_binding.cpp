#include "engine_binding.h"

#include "doflamingo/error.h"
#include "doflamingo/types.h"

namespace doflamingo {
namespace binding {
namespace {

void checkConsolidation(std::int32_t cf) {
  if (cf < 0 || cf > 2) throw InvalidArgument("consolidation must be 0 (average), 1 (min) or 2 (max)");
}

std::vector<std::uint32_t> seriesIds(const Ids& ids) {
  std::vector<std::uint32_t> out;
  out.reserve(ids.size());
  for (std::int32_t id : ids) {
    if (id < 0) throw InvalidArgument("unknown series id " + std::to_string(id));
    out.push_back(static_cast<std::uint32_t>(id));
  }
  return out;
}

// What RetentionClass.java reads for one class (see describeRetentionClass in engine_binding.h).
void appendNumbers(const RetentionClassInfo& c, std::vector<long long>& out) {
  out.insert(out.end(), {c.definition.minMax ? 1 : 0, c.definition.liveWindowSeconds, c.heartbeatSeconds, c.fileBytes,
                         c.ringBytes, static_cast<long long>(c.tiers.size())});
  for (const Tier& t : c.tiers) {
    out.push_back(t.stepSeconds * 1000);
    out.push_back(t.retentionSeconds * 1000);
  }
}

std::vector<double> valuesAndTimes(const std::vector<Point>& points, LongsOut* times) {
  std::vector<double> values(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    (*times)[i] = points[i].timeMs;
    values[i] = points[i].value;
  }
  return values;
}

void checkOut(const LongsOut* out, std::size_t size, const char* what) {
  if (out->size() != size) {
    throw InvalidArgument(std::string(what) + " must hold " + std::to_string(size) + " longs, not " +
                          std::to_string(out->size()));
  }
}

class HandlerSink final : public LogSink {
 public:
  explicit HandlerSink(LogHandler* h) : handler_(h) {}
  void log(int level, const std::string&, const std::string& message) override { handler_->log(level, message); }

 private:
  LogHandler* handler_;
};

std::unique_ptr<HandlerSink> gSink;
std::vector<std::unique_ptr<HandlerSink>> gRetiredSinks;  // a logger being swapped out may still use one

}  // namespace

Bytes GroupValues::group() const {
  std::vector<std::string> items;
  for (const auto& [k, v] : result_.group) {
    items.push_back(k);
    items.push_back(v);
  }
  return encodeStrings(items);
}

std::int32_t NativeEngine::intern(const Bytes& key, std::int32_t kind) {
  if (kind != 0 && kind != 1) throw InvalidArgument("series kind must be 0 (gauge) or 1 (counter)");
  return static_cast<std::int32_t>(engine_->intern(SeriesKey::decode(key), static_cast<SeriesKind>(kind)));
}

std::int32_t NativeEngine::intern(const Bytes& key, std::int32_t kind, const std::string& retentionClass) {
  if (kind != 0 && kind != 1) throw InvalidArgument("series kind must be 0 (gauge) or 1 (counter)");
  return static_cast<std::int32_t>(
      engine_->intern(SeriesKey::decode(key), static_cast<SeriesKind>(kind), retentionClass));
}

std::vector<std::int32_t> NativeEngine::internMany(const Bytes& keys, const Ids& kinds, const Ids& classes) {
  std::vector<std::string> encoded = decodeStrings(keys, kinds.size());
  if (encoded.size() != kinds.size() || classes.size() != kinds.size()) {
    throw InvalidArgument("intern of " + std::to_string(encoded.size()) + " keys was given " +
                          std::to_string(kinds.size()) + " kinds and " + std::to_string(classes.size()) + " classes");
  }
  std::vector<SeriesKey> decoded;
  std::vector<SeriesKind> seriesKinds;
  std::vector<std::uint32_t> classIndexes;
  decoded.reserve(encoded.size());
  seriesKinds.reserve(encoded.size());
  classIndexes.reserve(encoded.size());
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    decoded.push_back(SeriesKey::decode(encoded[i]));
    if (kinds[i] != 0 && kinds[i] != 1) {
      throw InvalidArgument("series kind of " + decoded.back().toString() + " must be 0 (gauge) or 1 (counter), not " +
                            std::to_string(kinds[i]));
    }
    if (classes[i] < 0) {
      throw InvalidArgument("retention class index of " + decoded.back().toString() + " is negative");
    }
    seriesKinds.push_back(static_cast<SeriesKind>(kinds[i]));
    classIndexes.push_back(static_cast<std::uint32_t>(classes[i]));
  }
  std::vector<std::int32_t> out;
  out.reserve(encoded.size());
  for (std::uint32_t id : engine_->intern(decoded, seriesKinds, classIndexes)) out.push_back(static_cast<std::int32_t>(id));
  return out;
}

std::string defaultTiers() { return kDefaultTiers; }

std::vector<long long> describeRetentionClass(const std::string& name, const std::string& tiers, bool minMax,
                                              std::int64_t liveWindowSeconds, std::int64_t heartbeatSeconds) {
  std::vector<long long> out;
  appendNumbers(doflamingo::describeRetentionClass(RetentionClass{name, tiers, minMax, liveWindowSeconds},
                                                   heartbeatSeconds),
                out);
  return out;
}

std::vector<long long> NativeEngine::ingest(const void* buffer, std::int64_t capacityBytes, std::int32_t count) {
  if (!buffer) throw InvalidArgument("the sample buffer must be a direct ByteBuffer");
  if (count < 0 || static_cast<std::int64_t>(count) * static_cast<std::int64_t>(sizeof(Sample)) > capacityBytes) {
    throw InvalidArgument("sample count " + std::to_string(count) + " does not fit the buffer of " +
                          std::to_string(capacityBytes) + " bytes");
  }
  IngestResult r = engine_->ingest(static_cast<const Sample*>(buffer), static_cast<std::size_t>(count));
  return {r.accepted, r.outOfOrder, r.tooFarAhead, r.nonFinite, r.firstCounterReadings};
}

SeriesValues NativeEngine::query(std::int32_t id, std::int64_t fromMs, std::int64_t toMs, std::int64_t resolutionMs,
                                 std::int32_t consolidation) {
  checkConsolidation(consolidation);
  if (id < 0) throw InvalidArgument("unknown series id " + std::to_string(id));
  return SeriesValues(engine_->query(static_cast<std::uint32_t>(id), fromMs, toMs, resolutionMs,
                                     static_cast<Consolidation>(consolidation)));
}

std::vector<double> NativeEngine::queryMany(const Ids& ids, std::int64_t fromMs, std::int64_t toMs,
                                            std::int64_t resolutionMs, std::int32_t consolidation, LongsOut* header) {
  checkConsolidation(consolidation);
  checkOut(header, ids.size() * 3, "the query header");
  std::vector<SeriesData> all = engine_->query(seriesIds(ids), fromMs, toMs, resolutionMs,
                                               static_cast<Consolidation>(consolidation));
  std::size_t total = 0;
  for (const SeriesData& d : all) total += d.values.size();
  std::vector<double> values;
  values.reserve(total);
  for (std::size_t i = 0; i < all.size(); ++i) {
    (*header)[3 * i] = all[i].startMs;
    (*header)[3 * i + 1] = all[i].stepMs;
    (*header)[3 * i + 2] = static_cast<long long>(all[i].values.size());
    values.insert(values.end(), all[i].values.begin(), all[i].values.end());
  }
  return values;
}

std::vector<double> NativeEngine::latest(const Ids& ids, std::int64_t atMs, std::int64_t maxAgeMs, LongsOut* times) {
  checkOut(times, ids.size(), "the times array");
  return valuesAndTimes(engine_->latest(seriesIds(ids), atMs, maxAgeMs), times);
}

std::vector<double> NativeEngine::latestWithinSteps(const Ids& ids, std::int64_t atMs, std::int64_t steps,
                                                    LongsOut* times) {
  checkOut(times, ids.size(), "the times array");
  return valuesAndTimes(engine_->latestWithinSteps(seriesIds(ids), atMs, steps), times);
}

std::vector<double> NativeEngine::rankChanges(const Ids& ids, std::int64_t atMs, std::int64_t beforeMs,
                                              std::int64_t afterMs, std::int32_t limit, std::int32_t minKnown) {
  ChangeQuery q;
  q.ids = seriesIds(ids);
  q.atMs = atMs;
  q.beforeMs = beforeMs;
  q.afterMs = afterMs;
  q.limit = limit;
  q.minKnown = minKnown;
  const ChangeRanking r = engine_->rankChanges(q);
  std::vector<double> out;
  out.reserve(2 + r.top.size() * kChangeRowFields);
  out.push_back(static_cast<double>(r.ranked));
  out.push_back(static_cast<double>(r.skipped));
  for (const SeriesChange& c : r.top) {
    out.insert(out.end(), {static_cast<double>(c.id), c.score, c.medianBefore, c.medianAfter, c.peakAfter,
                           static_cast<double>(c.direction), static_cast<double>(static_cast<int>(c.shape)),
                           static_cast<double>(c.knownBefore), static_cast<double>(c.knownAfter)});
  }
  return out;
}

std::vector<std::int32_t> NativeEngine::retentionClassOf(const Ids& ids) {
  std::vector<std::uint32_t> classes = engine_->retentionClassOf(seriesIds(ids));
  return std::vector<std::int32_t>(classes.begin(), classes.end());
}

Bytes NativeEngine::retentionClassNames() {
  std::vector<std::string> items;
  for (const RetentionClassInfo& c : engine_->retentionClasses()) {
    items.push_back(c.definition.name);
    items.push_back(c.definition.tiers);
  }
  return encodeStrings(items);
}

std::vector<long long> NativeEngine::retentionClassNumbers() {
  std::vector<long long> out;
  for (const RetentionClassInfo& c : engine_->retentionClasses()) appendNumbers(c, out);
  return out;
}

Bytes NativeEngine::keys(const Ids& ids) {
  std::vector<std::string> encoded;
  encoded.reserve(ids.size());
  for (const SeriesKey& k : engine_->keys(seriesIds(ids))) encoded.push_back(k.encode());
  return encodeStrings(encoded);
}

std::vector<std::int32_t> NativeEngine::kinds(const Ids& ids) {
  std::vector<std::int32_t> out;
  out.reserve(ids.size());
  for (SeriesKind k : engine_->kinds(seriesIds(ids))) out.push_back(static_cast<std::int32_t>(k));
  return out;
}

std::vector<GroupValues> NativeEngine::groupBy(const Bytes& filter, const Bytes& groupBy, std::int32_t aggregation,
                                               std::int32_t consolidation, std::int64_t fromMs, std::int64_t toMs,
                                               std::int64_t resolutionMs) {
  checkConsolidation(consolidation);
  if (aggregation < 0 || aggregation > 4) throw InvalidArgument("aggregation must be 0..4 (sum, avg, min, max, count)");
  SeriesKey f = SeriesKey::decode(filter);
  GroupQuery q;
  q.name = f.name;
  q.filter = f.labels;
  q.groupBy = decodeStrings(groupBy, SeriesKey::kMaxLabels);
  q.aggregation = static_cast<Aggregation>(aggregation);
  q.consolidation = static_cast<Consolidation>(consolidation);
  q.fromMs = fromMs;
  q.toMs = toMs;
  q.resolutionMs = resolutionMs;
  std::vector<GroupValues> out;
  for (auto& r : engine_->groupBy(q)) out.emplace_back(std::move(r));
  return out;
}

std::vector<std::int32_t> NativeEngine::select(const Bytes& filter) {
  SeriesKey f = SeriesKey::decode(filter);
  std::vector<std::int32_t> out;
  for (std::uint32_t id : engine_->select(f.name, f.labels)) out.push_back(static_cast<std::int32_t>(id));
  return out;
}

Bytes NativeEngine::key(std::int32_t id) {
  if (id < 0) throw InvalidArgument("unknown series id " + std::to_string(id));
  return engine_->key(static_cast<std::uint32_t>(id)).encode();
}

std::int32_t NativeEngine::kind(std::int32_t id) {
  if (id < 0) throw InvalidArgument("unknown series id " + std::to_string(id));
  return static_cast<std::int32_t>(engine_->kind(static_cast<std::uint32_t>(id)));
}

Bytes NativeEngine::metricNames() { return encodeStrings(engine_->metricNames()); }

void NativeEngine::appendEvents(const Bytes& batch) {
  // As many as a batch may sensibly hold; the monitor sends one tick's events.
  engine_->appendEvents(decodeEvents(batch, 100000));
}

Bytes NativeEngine::queryEvents(std::int64_t fromMs, std::int64_t toMs, const Bytes& areas, const Bytes& kinds,
                                std::int32_t minSeverity, const Bytes& labels, const Bytes& labelFreeAreas,
                                std::int64_t start, std::int64_t limit, LongsOut* total) {
  if (total->empty()) throw InvalidArgument("queryEvents needs a total array of length 1");
  EventQuery q;
  q.fromMs = fromMs;
  q.toMs = toMs;
  q.areas = decodeStrings(areas, 1000);
  q.kinds = decodeStrings(kinds, 1000);
  q.minSeverity = static_cast<EventSeverity>(minSeverity);
  std::vector<std::string> kv = decodeStrings(labels, 2 * SeriesKey::kMaxLabels);
  if (kv.size() % 2 != 0) throw InvalidArgument("event label filter: a key without a value");
  for (std::size_t i = 0; i + 1 < kv.size(); i += 2) q.labels.emplace_back(kv[i], kv[i + 1]);
  q.labelFreeAreas = decodeStrings(labelFreeAreas, 1000);
  q.start = start;
  q.limit = limit;
  EventPage page = engine_->queryEvents(q);
  (*total)[0] = page.total;
  return encodeEvents(page.events);
}

std::vector<long long> NativeEngine::tiersMs() const {
  std::vector<long long> out;
  for (const Tier& t : engine_->tiers()) {
    out.push_back(t.stepSeconds * 1000);
    out.push_back(t.retentionSeconds * 1000);
  }
  return out;
}

std::int32_t NativeScheduler::addTarget(const std::string& name, std::int64_t intervalMs, std::int64_t jitterMs,
                                        std::int64_t timeoutMs, std::int64_t maxBackoffMs, std::int64_t nowMs) {
  TargetOptions o;
  o.intervalMs = intervalMs;
  o.jitterMs = jitterMs;
  o.timeoutMs = timeoutMs;
  o.maxBackoffMs = maxBackoffMs;
  return scheduler_.addTarget(name, o, nowMs);
}

std::vector<long long> NativeScheduler::dueTokens(std::int64_t nowMs) {
  std::vector<std::int64_t> tokens = scheduler_.due(nowMs);
  return std::vector<long long>(tokens.begin(), tokens.end());
}

void setLogHandler(LogHandler* handler, std::int32_t minLevel) {
  std::unique_ptr<HandlerSink> next = handler ? std::make_unique<HandlerSink>(handler) : nullptr;
  setLogSink(next.get(), minLevel);
  if (gSink) gRetiredSinks.push_back(std::move(gSink));
  gSink = std::move(next);
}

std::string toModifiedUtf8(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) {
      out += "\xC0\x80";
      ++i;
    } else if ((c & 0xF8) == 0xF0 && i + 3 < s.size()) {
      // A supplementary character becomes a surrogate pair, each encoded in three bytes.
      std::uint32_t cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu);
      cp -= 0x10000;
      for (std::uint32_t unit : {0xD800u + (cp >> 10), 0xDC00u + (cp & 0x3FF)}) {
        out += static_cast<char>(0xE0 | (unit >> 12));
        out += static_cast<char>(0x80 | ((unit >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (unit & 0x3F));
      }
      i += 4;
    } else {
      out += static_cast<char>(c);
      ++i;
    }
  }
  return out;
}

}  // namespace binding
}  // namespace doflamingo
