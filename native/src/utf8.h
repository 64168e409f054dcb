// UTF-8 well-formedness, which every name and label must have (SeriesKey::make checks it).
#pragma once

#include <string_view>

namespace doflamingo {

// True when s is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(std::string_view s);

}  // namespace doflamingo
