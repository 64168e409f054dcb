// The engine's own spdlog logger, which every source file logs through; where it goes is the
// host's choice (setLogSink in the public log.h).
#pragma once

#include <spdlog/logger.h>

#include "doflamingo/log.h"

namespace doflamingo {

spdlog::logger& log();

}  // namespace doflamingo
