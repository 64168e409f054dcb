// Retention classes as the engine uses them: checked, with their file layout, heartbeat and sizes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "doflamingo/engine.h"
#include "rrd_store.h"

namespace doflamingo {

struct ResolvedClass {
  RetentionClassInfo info;
  RrdLayout layout;
  // Room a series' write-back buffer reserves when it starts filling: a buffer is written at
  // flushBatch values or after flushMaxDelaySeconds, whichever comes first, so a slow class
  // never holds flushBatch values.
  std::size_t pendingReserve = 1;
};

// The classes of options, "default" first (built from options.tiers and liveWindowSeconds with
// MIN/MAX and heartbeatSeconds as given, unless retentionClasses defines "default" itself).
// Throws InvalidArgument naming the class and the part at fault.
std::vector<ResolvedClass> resolveRetentionClasses(const EngineOptions& options);

// The index of name in classes; InvalidArgument listing the defined ones when there is none.
std::size_t retentionClassIndex(const std::vector<ResolvedClass>& classes, const std::string& name);

}  // namespace doflamingo
