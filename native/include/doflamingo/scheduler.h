// Decides which collection targets are due. The host's clock ticks it (Flamingo's Quartz job or
// the standalone server's timer); the host runs each due target on its own worker and reports the
// outcome, so one slow or dead target never delays the others.
#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <vector>

namespace doflamingo {

enum class TargetState : int { Unknown = 0, Up = 1, Down = 2 };

struct TargetOptions {
  std::int64_t intervalMs = 2000;
  std::int64_t jitterMs = 200;       // each due time moves by up to ± jitter/2, spreading load
  std::int64_t timeoutMs = 1500;     // an attempt running longer is a round without an answer
  std::int64_t maxBackoffMs = 60000; // ceiling of the exponential backoff while a target fails
  // Rounds in a row without an answer (timeouts, or attempts the host could not start because the
  // one before still ran) that a target not DOWN may have before it counts DOWN: a broker busy
  // enough to answer late is slow, not down, and a first contact that discovers thousands of
  // MBeans is not an outage. A refusal (complete with success false) is DOWN at once.
  std::int32_t roundsBeforeDown = 3;
};

struct TargetStatus {
  std::string name;
  TargetState state = TargetState::Unknown;
  std::int64_t nextDueMs = 0;
  std::int64_t lastSuccessMs = 0;
  std::int64_t lastDurationMs = 0;
  std::int32_t consecutiveFailures = 0;
  std::int64_t attempts = 0;
  std::int64_t failures = 0;
  std::int64_t timeouts = 0;
  std::int64_t overruns = 0;  // ticks at which it was due again while still running
  std::int32_t consecutiveTimeouts = 0;  // rounds without an answer in a row
  bool slow = false;  // its last round had no answer within the timeout (timed out, or answered late)
  std::string lastError;
};

class Scheduler {
 public:
  Scheduler();                             // jitter from a random seed
  explicit Scheduler(std::uint64_t seed);  // repeatable jitter, for tests

  // Returns the target's id; the first run is due at once (spread by jitter).
  std::int32_t addTarget(const std::string& name, const TargetOptions& options, std::int64_t nowMs);
  void removeTarget(std::int32_t id);

  // Targets due at nowMs, as tokens (attempt << 32 | id); each is now running. Running attempts
  // past their timeout are failed first, which frees their targets for a new attempt.
  std::vector<std::int64_t> due(std::int64_t nowMs);

  // Reports an attempt's outcome. Stale tokens (the attempt timed out meanwhile) are ignored and
  // return false.
  // A success that comes after its attempt's timeout but before the next attempt starts still
  // counts (the target is then slow, not down), unless the timeouts had made the target DOWN.
  bool complete(std::int64_t token, bool success, std::int64_t nowMs, const std::string& error = "");

  // Reports that an attempt got no answer in time though nothing refused it (the collector's own
  // deadline passed, or the host did not start it as the target's previous one still ran): a
  // round without an answer, as a timeout is. False for a stale token.
  bool unanswered(std::int64_t token, std::int64_t nowMs, const std::string& why);

  // Reports that the host skipped a due attempt for a reason of its own, not the target's (it is
  // still storing the previous answer): an overrun, the target's state unchanged. False for a
  // stale token.
  bool skipped(std::int64_t token);

  TargetStatus status(std::int32_t id) const;
  std::vector<std::int32_t> targets() const;
  // Milliseconds until the next target is due (for hosts that sleep), at least 0.
  std::int64_t millisUntilNextDue(std::int64_t nowMs) const;

 private:
  struct Target {
    bool active = false;
    TargetOptions options;
    TargetStatus status;
    bool running = false;
    std::int64_t startedMs = 0;
    std::uint32_t attempt = 0;
    bool late = false;  // the attempt timed out without making the target DOWN: its answer may still come
  };
  void fail(Target& t, std::int64_t nowMs, const std::string& error);
  void noAnswer(Target& t, std::int64_t nowMs, const std::string& error);
  std::int64_t jitter(const Target& t);
  Target& get(std::int32_t id);
  // The target of an attempt's token while that attempt is its latest, else null (mutex_ held).
  Target* ofToken(std::int64_t token);
  const Target& get(std::int32_t id) const;

  mutable std::mutex mutex_;
  std::vector<Target> targets_;
  std::mt19937_64 rng_;
};

}  // namespace doflamingo
