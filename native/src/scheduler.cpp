#include "doflamingo/scheduler.h"

#include <algorithm>
#include <limits>

#include "doflamingo/error.h"
#include "logger.h"

namespace doflamingo {

Scheduler::Scheduler() : rng_(std::random_device{}()) {}

Scheduler::Scheduler(std::uint64_t seed) : rng_(seed) {}

Scheduler::Target& Scheduler::get(std::int32_t id) {
  if (id < 0 || static_cast<std::size_t>(id) >= targets_.size() || !targets_[id].active) {
    throw InvalidArgument("unknown target id " + std::to_string(id));
  }
  return targets_[id];
}

const Scheduler::Target& Scheduler::get(std::int32_t id) const {
  return const_cast<Scheduler*>(this)->get(id);
}

std::int64_t Scheduler::jitter(const Target& t) {
  if (t.options.jitterMs <= 0) return 0;
  std::uniform_int_distribution<std::int64_t> d(-t.options.jitterMs / 2, t.options.jitterMs / 2);
  return d(rng_);
}

std::int32_t Scheduler::addTarget(const std::string& name, const TargetOptions& o, std::int64_t nowMs) {
  if (o.intervalMs <= 0 || o.timeoutMs <= 0 || o.jitterMs < 0 || o.maxBackoffMs < o.intervalMs ||
      o.roundsBeforeDown < 1) {
    throw InvalidArgument("target " + name +
                          ": interval, timeout and rounds before down must be positive, jitter not "
                          "negative, and the maximum backoff at least one interval");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  Target t;
  t.active = true;
  t.options = o;
  t.status.name = name;
  t.status.nextDueMs = nowMs + std::max<std::int64_t>(0, jitter(t));
  targets_.push_back(std::move(t));
  return static_cast<std::int32_t>(targets_.size() - 1);
}

void Scheduler::removeTarget(std::int32_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  get(id).active = false;
}

void Scheduler::fail(Target& t, std::int64_t nowMs, const std::string& error) {
  t.running = false;
  t.late = false;
  ++t.status.failures;
  ++t.status.consecutiveFailures;
  t.status.lastError = error;
  if (t.status.state != TargetState::Down) {
    log().warn("target {} is DOWN: {}", t.status.name, error);
  }
  t.status.state = TargetState::Down;
  // Exponential backoff: interval × 2^(failures-1), capped, so a dead target costs little.
  int shift = std::min(t.status.consecutiveFailures - 1, 20);
  std::int64_t wait = std::min(t.options.intervalMs << shift, t.options.maxBackoffMs);
  t.status.nextDueMs = nowMs + wait + jitter(t);
}

void Scheduler::noAnswer(Target& t, std::int64_t nowMs, const std::string& error) {
  ++t.status.timeouts;
  ++t.status.consecutiveTimeouts;
  t.status.slow = true;
  if (t.status.state == TargetState::Down || t.status.consecutiveTimeouts >= t.options.roundsBeforeDown) {
    fail(t, nowMs, error);
    return;
  }
  // Slow, not down: the cadence is kept (no backoff) and a late answer still counts.
  t.running = false;
  t.late = true;
  t.status.lastError = error + " (slow: " + std::to_string(t.status.consecutiveTimeouts) + " of " +
                       std::to_string(t.options.roundsBeforeDown) + " rounds without an answer before DOWN)";
  if (t.status.consecutiveTimeouts == 1) log().info("target {} is slow: {}", t.status.name, error);
}

std::vector<std::int64_t> Scheduler::due(std::int64_t nowMs) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    Target& t = targets_[i];
    if (!t.active) continue;
    if (t.running && nowMs - t.startedMs > t.options.timeoutMs) {
      noAnswer(t, nowMs, "no answer within " + std::to_string(t.options.timeoutMs) + " ms");
    }
    if (nowMs < t.status.nextDueMs) continue;
    if (t.running) {
      ++t.status.overruns;
      t.status.nextDueMs += t.options.intervalMs;
      continue;
    }
    t.running = true;
    t.late = false;  // a new attempt: the one before may no longer answer
    t.startedMs = nowMs;
    ++t.attempt;
    ++t.status.attempts;
    // Keep the phase: the next run is one interval after this one was due, not after it ran,
    // unless the host fell behind by more than an interval.
    std::int64_t next = t.status.nextDueMs + t.options.intervalMs;
    t.status.nextDueMs = next > nowMs ? next : nowMs + t.options.intervalMs;
    out.push_back((static_cast<std::int64_t>(t.attempt) << 32) | static_cast<std::int64_t>(i));
  }
  return out;
}

Scheduler::Target* Scheduler::ofToken(std::int64_t token) {
  auto id = static_cast<std::int32_t>(token & 0xffffffff);
  auto attempt = static_cast<std::uint32_t>(static_cast<std::uint64_t>(token) >> 32);
  if (id < 0 || static_cast<std::size_t>(id) >= targets_.size()) return nullptr;
  Target& t = targets_[id];
  return t.active && t.attempt == attempt ? &t : nullptr;
}

bool Scheduler::complete(std::int64_t token, bool success, std::int64_t nowMs, const std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  Target* found = ofToken(token);
  if (found == nullptr) return false;
  Target& t = *found;
  // A late failure is not told apart from the timeout already counted (often it is the collector's
  // own deadline passing): only a late success is news.
  if (!(t.running || (t.late && success))) return false;
  bool inTime = t.running;
  t.late = false;
  t.status.lastDurationMs = nowMs - t.startedMs;
  if (!success) {
    fail(t, nowMs, error.empty() ? "collection failed" : error);
    return true;
  }
  t.running = false;
  if (t.status.state == TargetState::Down) {
    log().info("target {} is UP again after {} failed attempts", t.status.name, t.status.consecutiveFailures);
    // Back from backoff: resume the normal cadence from now.
    t.status.nextDueMs = nowMs + t.options.intervalMs;
  }
  t.status.state = TargetState::Up;
  t.status.slow = !inTime;
  t.status.consecutiveTimeouts = 0;
  t.status.consecutiveFailures = 0;
  t.status.lastSuccessMs = nowMs;
  t.status.lastError.clear();
  return true;
}

bool Scheduler::unanswered(std::int64_t token, std::int64_t nowMs, const std::string& why) {
  std::lock_guard<std::mutex> lock(mutex_);
  Target* t = ofToken(token);
  if (t == nullptr || !t->running) return false;
  noAnswer(*t, nowMs, why.empty() ? "no answer" : why);
  t->late = false;  // it ended: nothing of it will answer
  return true;
}

bool Scheduler::skipped(std::int64_t token) {
  std::lock_guard<std::mutex> lock(mutex_);
  Target* t = ofToken(token);
  if (t == nullptr || !t->running) return false;
  t->running = false;
  ++t->status.overruns;
  return true;
}

TargetStatus Scheduler::status(std::int32_t id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return get(id).status;
}

std::vector<std::int32_t> Scheduler::targets() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::int32_t> out;
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    if (targets_[i].active) out.push_back(static_cast<std::int32_t>(i));
  }
  return out;
}

std::int64_t Scheduler::millisUntilNextDue(std::int64_t nowMs) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::int64_t best = std::numeric_limits<std::int64_t>::max();
  for (const Target& t : targets_) {
    if (!t.active) continue;
    best = std::min(best, t.running ? t.startedMs + t.options.timeoutMs : t.status.nextDueMs);
  }
  if (best == std::numeric_limits<std::int64_t>::max()) return 1000;
  return std::max<std::int64_t>(0, best - nowMs);
}

}  // namespace doflamingo
