#include "doflamingo/types.h"

#include <algorithm>
#include <cstring>

#include "doflamingo/error.h"
#include "utf8.h"

namespace doflamingo {
namespace {

void checkText(std::string_view what, std::string_view s, std::size_t maxBytes, bool allowEmpty) {
  if (!allowEmpty && s.empty()) throw InvalidArgument(std::string(what) + " is empty");
  if (s.size() > maxBytes) {
    throw InvalidArgument(std::string(what) + " is " + std::to_string(s.size()) +
                          " bytes long; the limit is " + std::to_string(maxBytes));
  }
  if (!isValidUtf8(s)) throw InvalidArgument(std::string(what) + " is not valid UTF-8");
}

void putU32(std::string& out, std::uint32_t v) {
  char b[4] = {static_cast<char>(v & 0xff), static_cast<char>((v >> 8) & 0xff),
               static_cast<char>((v >> 16) & 0xff), static_cast<char>((v >> 24) & 0xff)};
  out.append(b, 4);
}

std::uint32_t getU32(std::string_view in, std::size_t& pos) {
  if (in.size() - pos < 4) throw InvalidArgument("series key bytes are truncated");
  const auto* p = reinterpret_cast<const unsigned char*>(in.data() + pos);
  pos += 4;
  return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

}  // namespace

SeriesKey SeriesKey::make(std::string name, std::vector<Label> labels) {
  checkText("metric name", name, kMaxNameBytes, false);
  if (labels.size() > kMaxLabels) {
    throw InvalidArgument("series " + name + " has " + std::to_string(labels.size()) +
                          " labels; the limit is " + std::to_string(kMaxLabels));
  }
  for (const auto& [k, v] : labels) {
    checkText("label key", k, kMaxLabelKeyBytes, false);
    checkText("value of label '" + k + "'", v, kMaxLabelValueBytes, true);
  }
  std::sort(labels.begin(), labels.end(),
            [](const Label& a, const Label& b) { return a.first < b.first; });
  for (std::size_t i = 1; i < labels.size(); ++i) {
    if (labels[i].first == labels[i - 1].first) {
      throw InvalidArgument("label '" + labels[i].first + "' appears twice in series " + name);
    }
  }
  return SeriesKey{std::move(name), std::move(labels)};
}

std::string encodeStrings(const std::vector<std::string>& items) {
  std::string out;
  putU32(out, static_cast<std::uint32_t>(items.size()));
  for (const auto& s : items) {
    putU32(out, static_cast<std::uint32_t>(s.size()));
    out += s;
  }
  return out;
}

std::vector<std::string> decodeStrings(std::string_view bytes, std::size_t maxItems) {
  std::size_t pos = 0;
  std::uint32_t count = getU32(bytes, pos);
  if (count > maxItems) {
    throw InvalidArgument("a list of " + std::to_string(count) + " strings; the limit is " + std::to_string(maxItems));
  }
  std::vector<std::string> items;
  items.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint32_t len = getU32(bytes, pos);
    if (bytes.size() - pos < len) throw InvalidArgument("string list bytes are truncated");
    items.emplace_back(bytes.substr(pos, len));
    pos += len;
  }
  if (pos != bytes.size()) throw InvalidArgument("string list has trailing bytes");
  return items;
}

std::string SeriesKey::encode() const {
  std::vector<std::string> fields{name};
  for (const auto& [k, v] : labels) {
    fields.push_back(k);
    fields.push_back(v);
  }
  return encodeStrings(fields);
}

SeriesKey SeriesKey::decode(std::string_view bytes) {
  std::vector<std::string> fields = decodeStrings(bytes, 1 + 2 * kMaxLabels);
  if (fields.size() % 2 == 0) {
    throw InvalidArgument("series key holds " + std::to_string(fields.size()) +
                          " fields; expected a name and key/value pairs");
  }
  std::vector<Label> labels;
  for (std::size_t i = 1; i < fields.size(); i += 2) labels.emplace_back(fields[i], fields[i + 1]);
  return make(std::move(fields[0]), std::move(labels));
}

std::string SeriesKey::toString() const {
  std::string out = name;
  out += '{';
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ',';
    out += labels[i].first;
    out += "=\"";
    for (char c : labels[i].second) {
      if (c == '"' || c == '\\') out += '\\';
      if (static_cast<unsigned char>(c) < 0x20) {
        out += '?';  // control characters would break a log line
        continue;
      }
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

const std::string* SeriesKey::label(std::string_view key) const {
  for (const auto& [k, v] : labels) {
    if (k == key) return &v;
  }
  return nullptr;
}

}  // namespace doflamingo
