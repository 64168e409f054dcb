// Events as the engine keeps them: what the monitor saw change (a target went down, a leader
// moved, a group went STALL), stored in the event log beside the samples (see Engine::appendEvents).
// This header is the vocabulary and the byte form; the log itself is native/src/event_log.h.
//
// Byte form of one event (little-endian; the payload of a log record, and what crosses JNI, where
// a batch is these payloads one after another, each preceded by its u32 length):
//   u8  version (1)
//   i64 timeMs
//   u8  severity (EventSeverity's code)
//   u8  flags: bit 0 before present, bit 1 after present, bit 2 message present
//   i32 count
//   str area, str kind, [str before], [str after], [str message]
//   u32 label count, then str key, str value per label (keys sorted, unique)
//   u32 member count, then str per member
// where str is u32 byte length + UTF-8 bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doflamingo/types.h"

namespace doflamingo {

// How bad, ordered; the codes are those of Event.Severity's order on the Java side.
enum class EventSeverity : int { Info = 0, Warning = 1, Critical = 2 };

struct EventRecord {
  std::int64_t timeMs = 0;
  std::string area;   // kafka, zookeeper, flume, doflamingo
  std::string kind;   // dotted, lower case: target.down, partition.leader, ...
  EventSeverity severity = EventSeverity::Info;
  std::vector<Label> labels;  // the entity, as the labels of its series; sorted by key, unique
  std::optional<std::string> before;
  std::optional<std::string> after;
  std::optional<std::string> message;
  std::int32_t count = 1;     // entities a summarised burst stands for
  std::vector<std::string> members;

  // Limits, so that one hostile target's error text cannot fill the log; beyond them an append
  // is refused with InvalidArgument naming the field (the Java side clamps text before that).
  static constexpr std::size_t kMaxAreaBytes = 64;
  static constexpr std::size_t kMaxKindBytes = 128;
  static constexpr std::size_t kMaxStateBytes = 1024;    // before, after
  static constexpr std::size_t kMaxMessageBytes = 4096;
  static constexpr std::size_t kMaxMembers = 1000;
  static constexpr std::size_t kMaxMemberBytes = 1024;

  // Checks every field (UTF-8, limits, sorted unique labels, severity, count >= 1); throws
  // InvalidArgument naming the field. `where` prefixes the message ("event 3 of the batch").
  void check(const std::string& where) const;

  bool operator==(const EventRecord& o) const {
    return timeMs == o.timeMs && area == o.area && kind == o.kind && severity == o.severity && labels == o.labels &&
           before == o.before && after == o.after && message == o.message && count == o.count && members == o.members;
  }
};

// A read of the log: newest first, [fromMs, toMs] inclusive, every filter given must hold.
struct EventQuery {
  std::int64_t fromMs = 0;
  std::int64_t toMs = 0;
  std::vector<std::string> areas;  // empty: any
  std::vector<std::string> kinds;  // empty: any
  EventSeverity minSeverity = EventSeverity::Info;
  std::vector<Label> labels;       // each must be on the event with this value
  std::vector<std::string> labelFreeAreas;  // events of these areas pass `labels` (Doflamingo's own: about every entity)
  std::int64_t start = 0;          // paging over the matches, newest first
  std::int64_t limit = 100;        // at most kMaxLimit
  static constexpr std::int64_t kMaxLimit = 10000;
};

struct EventPage {
  std::vector<EventRecord> events;  // newest first; equal times in the order they were appended, latest first
  std::int64_t total = 0;           // every match in the range, not only this page
};

// The payload form above. decodeEvent throws InvalidArgument on a malformed buffer (it does not
// call check(): a reader decides what to do with a bad record).
std::string encodeEvent(const EventRecord& e);
void encodeEvent(const EventRecord& e, std::string& out);  // appends
EventRecord decodeEvent(std::string_view bytes);

// A batch as it crosses JNI: u32 payload length + payload, per event.
std::string encodeEvents(const std::vector<EventRecord>& events);
std::vector<EventRecord> decodeEvents(std::string_view bytes, std::size_t maxEvents);

}  // namespace doflamingo
