#include "tiers.h"

#include <cctype>

#include "doflamingo/error.h"

namespace doflamingo {

std::int64_t parseDurationSeconds(std::string_view text) {
  std::size_t i = 0;
  std::int64_t n = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    n = n * 10 + (text[i] - '0');
    if (n > 1'000'000'000) throw InvalidArgument("duration '" + std::string(text) + "' is too large");
    ++i;
  }
  if (i == 0 || i + 1 != text.size() || n <= 0) {
    throw InvalidArgument("duration '" + std::string(text) +
                          "' is not a positive number followed by one of s, m, h, d, w, y");
  }
  switch (text[i]) {
    case 's': return n;
    case 'm': return n * 60;
    case 'h': return n * 3600;
    case 'd': return n * 86400;
    case 'w': return n * 7 * 86400;
    case 'y': return n * 365 * 86400;
    default:
      throw InvalidArgument("duration '" + std::string(text) + "' has unit '" + text[i] +
                            "'; expected one of s, m, h, d, w, y");
  }
}

std::vector<Tier> parseTiers(std::string_view spec) {
  std::vector<Tier> tiers;
  while (!spec.empty()) {
    std::size_t comma = spec.find(',');
    std::string_view part = spec.substr(0, comma);
    if (comma != std::string_view::npos && comma + 1 == spec.size()) {
      throw InvalidArgument("tiers end with a comma; expected e.g. " + std::string(kDefaultTiers));
    }
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    std::size_t colon = part.find(':');
    if (colon == std::string_view::npos) {
      throw InvalidArgument("tier '" + std::string(part) + "' is not STEP:RETENTION, e.g. 2s:1d");
    }
    Tier t{parseDurationSeconds(part.substr(0, colon)), parseDurationSeconds(part.substr(colon + 1))};
    if (t.retentionSeconds < t.stepSeconds) {
      throw InvalidArgument("tier '" + std::string(part) + "' keeps less than one step");
    }
    if (!tiers.empty()) {
      const Tier& prev = tiers.back();
      if (t.stepSeconds <= prev.stepSeconds || t.stepSeconds % tiers.front().stepSeconds != 0) {
        throw InvalidArgument("tier '" + std::string(part) +
                              "' must have a larger step than the tier before, and a multiple of the first step");
      }
      if (t.retentionSeconds <= prev.retentionSeconds) {
        throw InvalidArgument("tier '" + std::string(part) + "' must keep more time than the tier before");
      }
    }
    tiers.push_back(t);
  }
  if (tiers.empty()) throw InvalidArgument("no retention tiers given; expected e.g. " + std::string(kDefaultTiers));
  return tiers;
}

}  // namespace doflamingo
