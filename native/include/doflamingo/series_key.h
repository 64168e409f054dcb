// Series identity: a metric name plus a label set sorted by key.
//
// Labels are how everything is grouped ("sum over all brokers of a cluster"), so the canonical
// form must be unique: keys sorted, no duplicates, all text valid UTF-8 (consumer group ids and
// topic names may hold any Unicode). Across JNI a key travels as one length-prefixed byte string
// (see encode()/decode()), because JNI's "modified UTF-8" cannot carry every string faithfully.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace doflamingo {

using Label = std::pair<std::string, std::string>;

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

// True when s is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(std::string_view s);

}  // namespace doflamingo
