// Parsing the retention tiers of the RRD files (Tier and the defaults are in types.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "doflamingo/types.h"

namespace doflamingo {

// Parses "2s:1d,1m:14d,..." (units s, m, h, d, w, y). Steps must grow, each a multiple of the
// first, and each tier must keep more time than the one before. Throws InvalidArgument that names
// the bad part.
std::vector<Tier> parseTiers(std::string_view spec);

// Parses one duration such as "90s", "15m", "5y"; throws InvalidArgument.
std::int64_t parseDurationSeconds(std::string_view text);

}  // namespace doflamingo
