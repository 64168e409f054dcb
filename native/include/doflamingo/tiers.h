// Retention tiers of the RRD files: how long each resolution is kept.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace doflamingo {

struct Tier {
  std::int64_t stepSeconds;
  std::int64_t retentionSeconds;
  std::int64_t rows() const { return retentionSeconds / stepSeconds; }
};

// Artimon-like defaults: 2 s for a day, 1 min for 14 days, 15 min for 180 days, 1 h for 5 years.
inline constexpr std::string_view kDefaultTiers = "2s:1d,1m:14d,15m:180d,1h:5y";

// Parses "2s:1d,1m:14d,..." (units s, m, h, d, w, y). Steps must grow, each a multiple of the
// first, and each tier must keep more time than the one before. Throws InvalidArgument that names
// the bad part.
std::vector<Tier> parseTiers(std::string_view spec);

// Parses one duration such as "90s", "15m", "5y"; throws InvalidArgument.
std::int64_t parseDurationSeconds(std::string_view text);

}  // namespace doflamingo
