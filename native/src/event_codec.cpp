// The byte form of events (see doflamingo/events.h) and their checks.
#include <cstring>

#include "doflamingo/error.h"
#include "doflamingo/events.h"
#include "utf8.h"

namespace doflamingo {
namespace {

constexpr std::uint8_t kVersion = 1;
constexpr std::uint8_t kHasBefore = 1, kHasAfter = 2, kHasMessage = 4;

void putU8(std::string& out, std::uint8_t v) { out.push_back(static_cast<char>(v)); }
void putU32(std::string& out, std::uint32_t v) {
  char b[4] = {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16), static_cast<char>(v >> 24)};
  out.append(b, 4);
}
void putI64(std::string& out, std::int64_t v) {
  auto u = static_cast<std::uint64_t>(v);
  putU32(out, static_cast<std::uint32_t>(u));
  putU32(out, static_cast<std::uint32_t>(u >> 32));
}
void putStr(std::string& out, const std::string& s) {
  putU32(out, static_cast<std::uint32_t>(s.size()));
  out.append(s);
}

class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  std::uint8_t u8() {
    need(1);
    return static_cast<std::uint8_t>(b_[pos_++]);
  }
  std::uint32_t u32() {
    need(4);
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<std::uint8_t>(b_[pos_ + static_cast<std::size_t>(i)]);
    pos_ += 4;
    return v;
  }
  std::int64_t i64() {
    std::uint64_t lo = u32();
    std::uint64_t hi = u32();
    return static_cast<std::int64_t>(lo | (hi << 32));
  }
  std::string str() {
    std::uint32_t n = u32();
    need(n);
    std::string s(b_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  // A count of items that each take at least minBytes: a corrupt count cannot make us allocate.
  std::uint32_t count(std::size_t minBytes) {
    std::uint32_t n = u32();
    if (static_cast<std::uint64_t>(n) * minBytes > b_.size() - pos_) throw InvalidArgument("event: item count past the end");
    return n;
  }
  bool atEnd() const { return pos_ == b_.size(); }

 private:
  void need(std::size_t n) const {
    if (b_.size() - pos_ < n) throw InvalidArgument("event: truncated at byte " + std::to_string(pos_));
  }
  std::string_view b_;
  std::size_t pos_ = 0;
};

void checkText(const std::string& where, const char* field, const std::string& s, std::size_t max, bool emptyOk) {
  if (!emptyOk && s.empty()) throw InvalidArgument(where + ": " + field + " is empty");
  if (s.size() > max) {
    throw InvalidArgument(where + ": " + field + " is " + std::to_string(s.size()) + " bytes, at most " +
                          std::to_string(max) + " allowed");
  }
  if (!isValidUtf8(s)) throw InvalidArgument(where + ": " + field + " is not valid UTF-8");
}

}  // namespace

void EventRecord::check(const std::string& where) const {
  checkText(where, "area", area, kMaxAreaBytes, false);
  checkText(where, "kind", kind, kMaxKindBytes, false);
  if (static_cast<int>(severity) < 0 || static_cast<int>(severity) > 2) {
    throw InvalidArgument(where + ": severity code " + std::to_string(static_cast<int>(severity)) + " is not 0, 1 or 2");
  }
  if (count < 1) throw InvalidArgument(where + ": count is " + std::to_string(count) + ", at least 1 expected");
  if (labels.size() > SeriesKey::kMaxLabels) {
    throw InvalidArgument(where + ": " + std::to_string(labels.size()) + " labels, at most " +
                          std::to_string(SeriesKey::kMaxLabels) + " allowed");
  }
  for (std::size_t i = 0; i < labels.size(); ++i) {
    checkText(where, "label key", labels[i].first, SeriesKey::kMaxLabelKeyBytes, false);
    checkText(where, ("label '" + labels[i].first + "'").c_str(), labels[i].second, SeriesKey::kMaxLabelValueBytes, true);
    if (i > 0 && !(labels[i - 1].first < labels[i].first)) {
      throw InvalidArgument(where + ": labels not sorted by key or key '" + labels[i].first + "' repeated");
    }
  }
  if (before) checkText(where, "before", *before, kMaxStateBytes, true);
  if (after) checkText(where, "after", *after, kMaxStateBytes, true);
  if (message) checkText(where, "message", *message, kMaxMessageBytes, true);
  if (members.size() > kMaxMembers) {
    throw InvalidArgument(where + ": " + std::to_string(members.size()) + " members, at most " +
                          std::to_string(kMaxMembers) + " allowed");
  }
  for (const auto& m : members) checkText(where, "member", m, kMaxMemberBytes, true);
}

void encodeEvent(const EventRecord& e, std::string& out) {
  putU8(out, kVersion);
  putI64(out, e.timeMs);
  putU8(out, static_cast<std::uint8_t>(e.severity));
  putU8(out, static_cast<std::uint8_t>((e.before ? kHasBefore : 0) | (e.after ? kHasAfter : 0) |
                                       (e.message ? kHasMessage : 0)));
  putU32(out, static_cast<std::uint32_t>(e.count));
  putStr(out, e.area);
  putStr(out, e.kind);
  if (e.before) putStr(out, *e.before);
  if (e.after) putStr(out, *e.after);
  if (e.message) putStr(out, *e.message);
  putU32(out, static_cast<std::uint32_t>(e.labels.size()));
  for (const auto& l : e.labels) {
    putStr(out, l.first);
    putStr(out, l.second);
  }
  putU32(out, static_cast<std::uint32_t>(e.members.size()));
  for (const auto& m : e.members) putStr(out, m);
}

std::string encodeEvent(const EventRecord& e) {
  std::string out;
  encodeEvent(e, out);
  return out;
}

EventRecord decodeEvent(std::string_view bytes) {
  Reader r(bytes);
  std::uint8_t version = r.u8();
  if (version != kVersion) throw InvalidArgument("event: unknown version " + std::to_string(version));
  EventRecord e;
  e.timeMs = r.i64();
  e.severity = static_cast<EventSeverity>(r.u8());
  std::uint8_t flags = r.u8();
  e.count = static_cast<std::int32_t>(r.u32());
  e.area = r.str();
  e.kind = r.str();
  if (flags & kHasBefore) e.before = r.str();
  if (flags & kHasAfter) e.after = r.str();
  if (flags & kHasMessage) e.message = r.str();
  std::uint32_t nLabels = r.count(8);
  e.labels.reserve(nLabels);
  for (std::uint32_t i = 0; i < nLabels; ++i) {
    std::string k = r.str();
    e.labels.emplace_back(std::move(k), r.str());
  }
  std::uint32_t nMembers = r.count(4);
  e.members.reserve(nMembers);
  for (std::uint32_t i = 0; i < nMembers; ++i) e.members.push_back(r.str());
  if (!r.atEnd()) throw InvalidArgument("event: bytes left after the members");
  return e;
}

std::string encodeEvents(const std::vector<EventRecord>& events) {
  std::string out;
  std::string one;
  for (const auto& e : events) {
    one.clear();
    encodeEvent(e, one);
    putU32(out, static_cast<std::uint32_t>(one.size()));
    out.append(one);
  }
  return out;
}

std::vector<EventRecord> decodeEvents(std::string_view bytes, std::size_t maxEvents) {
  std::vector<EventRecord> out;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    if (out.size() >= maxEvents) {
      throw InvalidArgument("event batch holds more than " + std::to_string(maxEvents) + " events");
    }
    if (bytes.size() - pos < 4) throw InvalidArgument("event batch: truncated length at byte " + std::to_string(pos));
    std::uint32_t n = 0;
    for (int i = 3; i >= 0; --i) n = (n << 8) | static_cast<std::uint8_t>(bytes[pos + static_cast<std::size_t>(i)]);
    pos += 4;
    if (bytes.size() - pos < n) throw InvalidArgument("event batch: event " + std::to_string(out.size()) + " truncated");
    try {
      out.push_back(decodeEvent(bytes.substr(pos, n)));
    } catch (const InvalidArgument& e) {
      throw InvalidArgument("event " + std::to_string(out.size()) + " of the batch: " + e.what());
    }
    pos += n;
  }
  return out;
}

}  // namespace doflamingo
