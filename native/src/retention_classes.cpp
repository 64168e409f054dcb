#include "retention_classes.h"

#include <algorithm>
#include <cctype>

#include "doflamingo/error.h"
#include "live_ring.h"
#include "tiers.h"

namespace doflamingo {
namespace {

constexpr std::size_t kMaxNameBytes = 64;
constexpr std::size_t kMaxClasses = 1000;  // a class index fits SeriesState's 16 bits

void checkName(const std::string& name) {
  // The name is written into series.log and crosses JNI as a plain string: keep it to ASCII.
  bool ok = !name.empty() && name.size() <= kMaxNameBytes &&
            std::all_of(name.begin(), name.end(), [](unsigned char c) {
              return std::isalnum(c) || c == '.' || c == '_' || c == '-';
            });
  if (!ok) {
    throw InvalidArgument("retention class name '" + name + "': expected 1 to " + std::to_string(kMaxNameBytes) +
                          " letters, digits, '.', '_' or '-'");
  }
}

// exactHeartbeat: heartbeatSeconds (when set) is the class's heartbeat, as the options' own tiers
// have always had it; otherwise it only raises the class's five base steps.
ResolvedClass resolve(const RetentionClass& c, std::int64_t heartbeatSeconds, bool exactHeartbeat) {
  checkName(c.name);
  const std::string what = "retention class '" + c.name + "'";
  std::vector<Tier> tiers;
  try {
    tiers = parseTiers(c.tiers);
  } catch (const InvalidArgument& e) {
    throw InvalidArgument(what + ": tiers: " + e.what());
  }
  if (c.liveWindowSeconds < 0) throw InvalidArgument(what + ": liveWindowSeconds must not be negative");
  if (heartbeatSeconds < 0) throw InvalidArgument("heartbeatSeconds must not be negative");
  const std::int64_t base = tiers.front().stepSeconds;
  std::int64_t heartbeat = std::max(5 * base, heartbeatSeconds);
  if (exactHeartbeat && heartbeatSeconds) {
    if (heartbeatSeconds < base) throw InvalidArgument("heartbeatSeconds must be at least the base step");
    heartbeat = heartbeatSeconds;
  }
  RrdLayout layout(tiers, heartbeat, c.minMax);
  RetentionClassInfo info;
  info.definition = c;
  info.tiers = std::move(tiers);
  info.heartbeatSeconds = heartbeat;
  info.fileBytes = layout.fileBytes();
  info.ringBytes = LiveRing::valueBytes(base * 1000, c.liveWindowSeconds * 1000);
  return ResolvedClass{std::move(info), std::move(layout)};
}

}  // namespace

RetentionClassInfo describeRetentionClass(const RetentionClass& retentionClass, std::int64_t heartbeatSeconds) {
  return resolve(retentionClass, heartbeatSeconds, false).info;
}

std::vector<ResolvedClass> resolveRetentionClasses(const EngineOptions& o) {
  if (o.retentionClasses.size() >= kMaxClasses) {
    throw InvalidArgument("retentionClasses: at most " + std::to_string(kMaxClasses - 1) + " classes");
  }
  std::vector<ResolvedClass> classes;
  auto own = std::find_if(o.retentionClasses.begin(), o.retentionClasses.end(),
                          [](const RetentionClass& c) { return c.name == kDefaultRetentionClass; });
  if (own == o.retentionClasses.end()) {
    RetentionClass implicit{kDefaultRetentionClass, o.tiers, true, o.liveWindowSeconds};
    classes.push_back(resolve(implicit, o.heartbeatSeconds, true));
  } else {
    classes.push_back(resolve(*own, o.heartbeatSeconds, false));
  }
  for (const RetentionClass& c : o.retentionClasses) {
    if (c.name == kDefaultRetentionClass) {
      if (&c != &*own) throw InvalidArgument("retention class 'default' is defined twice");
      continue;
    }
    for (const ResolvedClass& r : classes) {
      if (r.info.definition.name == c.name) throw InvalidArgument("retention class '" + c.name + "' is defined twice");
    }
    classes.push_back(resolve(c, o.heartbeatSeconds, false));
  }
  for (ResolvedClass& c : classes) {
    const std::int64_t stepsPerDelay = std::max<std::int64_t>(o.flushMaxDelaySeconds, 0) / c.layout.baseStepSeconds() + 1;
    c.pendingReserve = static_cast<std::size_t>(std::clamp<std::int64_t>(stepsPerDelay, 1, std::max(o.flushBatch, 1)));
  }
  return classes;
}

std::size_t retentionClassIndex(const std::vector<ResolvedClass>& classes, const std::string& name) {
  for (std::size_t i = 0; i < classes.size(); ++i) {
    if (classes[i].info.definition.name == name) return i;
  }
  std::string known;
  for (const ResolvedClass& c : classes) known += (known.empty() ? "" : ", ") + c.info.definition.name;
  throw InvalidArgument("unknown retention class '" + name + "'; defined: " + known);
}

}  // namespace doflamingo
