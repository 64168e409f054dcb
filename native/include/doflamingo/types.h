// The engine's vocabulary: what a library user passes in and gets back (series keys, kinds,
// samples, answers, tiers). No behaviour beyond the keys' own checks and byte form.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace doflamingo {

// How the engine turns a collected number into the value it stores. The numbers are the codes the
// Java enums carry across JNI.
enum class SeriesKind : int {
  // Stored as read: queue sizes, heap used, Yammer MeanRate/OneMinuteRate, percentiles (a
  // Yammer meter's or timer's attributes other than Count are gauges computed by the target).
  Gauge = 0,
  // Monotonic count (Yammer Count, Flume EventPutSuccessCount): stored as a per-second rate.
  Counter = 1,
};

// Which consolidation of the coarser RRD tiers a query reads.
enum class Consolidation : int { Average = 0, Min = 1, Max = 2 };

// How a group-by combines the series of a group at each step.
enum class Aggregation : int { Sum = 0, Avg = 1, Min = 2, Max = 3, Count = 4 };

// One sample as it crosses into the engine and as the journal keeps it on disk: 24 bytes, the
// layout the Java side writes into a direct buffer, so a batch needs no conversion.
struct Sample {
  std::uint32_t seriesId;
  std::uint32_t reserved;  // 0
  std::int64_t timeMs;
  double value;            // in the journal: the value stored (a counter's rate)
};
static_assert(sizeof(Sample) == 24, "Sample must match the Java batch layout and the journal's records");

struct Point {
  std::int64_t timeMs;
  double value;  // NaN: unknown
};

// A regular run of values: values[i] covers the step ending at startMs + i * stepMs; NaN unknown.
struct SeriesData {
  std::int64_t startMs = 0;
  std::int64_t stepMs = 0;
  std::vector<double> values;
};

// One retention tier of the RRD files: how long a resolution is kept.
struct Tier {
  std::int64_t stepSeconds;
  std::int64_t retentionSeconds;
  std::int64_t rows() const { return retentionSeconds / stepSeconds; }
};

// Artimon-like defaults: 2 s for a day, 1 min for 14 days, 15 min for 180 days, 1 h for 5 years.
// The one place they are written; the Java side reads them through the binding.
inline constexpr const char* kDefaultTiers = "2s:1d,1m:14d,15m:180d,1h:5y";

// How one kind of series is kept (as Graphite's storage schemas are): its RRD tiers, whether the
// consolidated tiers keep MIN and MAX besides AVERAGE, and its live ring. A series gets its class
// when it is first interned, and keeps it: the file's layout is fixed at creation, so a changed
// definition applies to the series created after the change.
struct RetentionClass {
  std::string name;
  std::string tiers = kDefaultTiers;       // e.g. "30s:1d,1h:30d"; the first step is the class's base step
  bool minMax = true;                      // MIN/MAX rows on the consolidated tiers
  std::int64_t liveWindowSeconds = 3600;   // in memory at base resolution; 0: no ring
};

// The class every series has unless it is interned with another; always defined.
inline constexpr const char* kDefaultRetentionClass = "default";

using Label = std::pair<std::string, std::string>;

// Series identity: a metric name plus a label set sorted by key. Labels are how everything is
// grouped ("sum over all brokers of a cluster"), so the canonical form must be unique: keys sorted,
// no duplicates, all text valid UTF-8 (consumer group ids and topic names may hold any Unicode).
// Across JNI a key travels as one length-prefixed byte string (see encode()/decode()), because
// JNI's "modified UTF-8" cannot carry every string faithfully.
struct SeriesKey {
  std::string name;
  std::vector<Label> labels;  // sorted by key, unique keys

  // Limits that keep one hostile target from exhausting memory; exceeding them is an error.
  static constexpr std::size_t kMaxNameBytes = 512;
  static constexpr std::size_t kMaxLabels = 32;
  static constexpr std::size_t kMaxLabelKeyBytes = 128;
  static constexpr std::size_t kMaxLabelValueBytes = 1024;

  // Sorts the labels and checks every limit; throws InvalidArgument naming the offending part.
  static SeriesKey make(std::string name, std::vector<Label> labels);

  // Wire form: encodeStrings of name, k1, v1, k2, v2, ... Throws InvalidArgument on a malformed
  // buffer.
  static SeriesKey decode(std::string_view bytes);
  std::string encode() const;

  // Human-readable form for logs and errors: name{k="v",...} with quotes and backslashes escaped.
  std::string toString() const;

  // Value of a label, or nullptr.
  const std::string* label(std::string_view key) const;

  bool operator==(const SeriesKey& o) const { return name == o.name && labels == o.labels; }
};

// A list of byte strings as one buffer: u32le count, then per item u32le length + bytes. The form
// in which names, labels and label-key lists cross JNI. decodeStrings throws InvalidArgument on a
// malformed buffer or more than maxItems items.
std::string encodeStrings(const std::vector<std::string>& items);
std::vector<std::string> decodeStrings(std::string_view bytes, std::size_t maxItems);

}  // namespace doflamingo
