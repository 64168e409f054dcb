#include "doflamingo/scheduler.h"

#include <gtest/gtest.h>

#include <vector>

#include "doflamingo/error.h"

using namespace doflamingo;

namespace {

TargetOptions exact(std::int64_t intervalMs, std::int64_t timeoutMs = 1500, std::int64_t maxBackoffMs = 60000) {
  TargetOptions o;
  o.intervalMs = intervalMs;
  o.jitterMs = 0;
  o.timeoutMs = timeoutMs;
  o.maxBackoffMs = maxBackoffMs;
  return o;
}

std::int32_t idOf(std::int64_t token) { return static_cast<std::int32_t>(token & 0xffffffff); }

// The token of target id among tokens, or -1.
std::int64_t tokenFor(const std::vector<std::int64_t>& tokens, std::int32_t id) {
  for (std::int64_t t : tokens) {
    if (idOf(t) == id) return t;
  }
  return -1;
}

}  // namespace

TEST(Scheduler, DueAtStartThenOncePerInterval) {
  Scheduler s(42);
  std::int32_t id = s.addTarget("broker-1", exact(2000), 10'000);
  EXPECT_EQ(s.status(id).state, TargetState::Unknown);
  EXPECT_EQ(s.status(id).nextDueMs, 10'000);
  EXPECT_TRUE(s.due(9'999).empty());
  std::vector<std::int64_t> d = s.due(10'000);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(idOf(d[0]), id);
  EXPECT_TRUE(s.complete(d[0], true, 10'300));
  TargetStatus st = s.status(id);
  EXPECT_EQ(st.state, TargetState::Up);
  EXPECT_EQ(st.lastSuccessMs, 10'300);
  EXPECT_EQ(st.lastDurationMs, 300);
  EXPECT_EQ(st.nextDueMs, 12'000);
  // Not due again before one interval has passed.
  EXPECT_TRUE(s.due(10'300).empty());
  EXPECT_TRUE(s.due(11'999).empty());
  d = s.due(12'000);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0], -1);
  EXPECT_TRUE(s.complete(d[0], true, 12'100));
  EXPECT_EQ(s.status(id).attempts, 2);
  EXPECT_EQ(s.millisUntilNextDue(12'100), 1'900);
}

TEST(Scheduler, KeepsThePhaseWhenTicksAreLate) {
  Scheduler s(42);
  std::int32_t id = s.addTarget("t", exact(1000), 0);
  auto d = s.due(0);
  s.complete(d[0], true, 10);
  d = s.due(1'400);  // ticked late
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(s.status(id).nextDueMs, 2'000);  // not 2400
  s.complete(d[0], true, 1'500);
  d = s.due(5'300);  // fell behind by more than an interval: resume from now
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(s.status(id).nextDueMs, 6'300);
}

TEST(Scheduler, BackoffDoublesAfterEachFailureUpToTheCap) {
  Scheduler s(42);
  std::int32_t id = s.addTarget("dead", exact(1000, 500, 10'000), 0);
  const std::int64_t expected[] = {1000, 2000, 4000, 8000, 10'000, 10'000, 10'000};
  std::int64_t now = 0;
  for (int n = 1; n <= 7; ++n) {
    auto d = s.due(now);
    ASSERT_EQ(d.size(), 1u) << "attempt " << n << " at " << now;
    now += 100;
    ASSERT_TRUE(s.complete(d[0], false, now, "connection refused"));
    TargetStatus st = s.status(id);
    EXPECT_EQ(st.state, TargetState::Down);
    EXPECT_EQ(st.consecutiveFailures, n);
    EXPECT_EQ(st.failures, n);
    EXPECT_EQ(st.lastError, "connection refused");
    EXPECT_EQ(st.nextDueMs, now + expected[n - 1]) << "after failure " << n;
    EXPECT_TRUE(s.due(st.nextDueMs - 1).empty()) << "after failure " << n;
    now = st.nextDueMs;
  }
  EXPECT_EQ(s.status(id).attempts, 7);
}

TEST(Scheduler, UpAgainAfterASuccess) {
  Scheduler s(42);
  std::int32_t id = s.addTarget("flaky", exact(1000, 500, 60'000), 0);
  std::int64_t now = 0;
  for (int n = 0; n < 3; ++n) {
    auto d = s.due(now);
    ASSERT_EQ(d.size(), 1u);
    s.complete(d[0], false, now, "");
    EXPECT_EQ(s.status(id).lastError, "collection failed");
    now = s.status(id).nextDueMs;
  }
  EXPECT_EQ(now, 7'000);  // 0 +1000 +2000 +4000
  auto d = s.due(now);
  ASSERT_EQ(d.size(), 1u);
  ASSERT_TRUE(s.complete(d[0], true, now + 50));
  TargetStatus st = s.status(id);
  EXPECT_EQ(st.state, TargetState::Up);
  EXPECT_EQ(st.consecutiveFailures, 0);
  EXPECT_EQ(st.failures, 3);
  EXPECT_TRUE(st.lastError.empty());
  EXPECT_EQ(st.lastSuccessMs, now + 50);
  EXPECT_EQ(st.nextDueMs, now + 50 + 1000);  // normal cadence from the recovery on
  // And the next failure starts the backoff from one interval again.
  d = s.due(st.nextDueMs);
  ASSERT_EQ(d.size(), 1u);
  s.complete(d[0], false, st.nextDueMs);
  EXPECT_EQ(s.status(id).nextDueMs, st.nextDueMs + 1000);
  EXPECT_EQ(s.status(id).consecutiveFailures, 1);
}

TEST(Scheduler, TimeoutsMakeATargetSlowAndOnlyRoundsOfThemMakeItDown) {
  Scheduler s(42);
  std::int32_t id = s.addTarget("slow", exact(2000, 1500, 60'000), 0);
  auto first = s.due(0);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_TRUE(s.due(1'500).empty());  // at the limit: still running
  EXPECT_EQ(s.status(id).timeouts, 0);
  EXPECT_TRUE(s.due(1'501).empty());  // past it: a round without an answer, not a failure
  TargetStatus st = s.status(id);
  EXPECT_EQ(st.timeouts, 1);
  EXPECT_EQ(st.failures, 0);
  EXPECT_EQ(st.state, TargetState::Unknown);  // a first contact that discovers is not an outage
  EXPECT_TRUE(st.slow);
  EXPECT_NE(st.lastError.find("1500"), std::string::npos) << st.lastError;
  EXPECT_NE(st.lastError.find("1 of 3"), std::string::npos) << st.lastError;
  EXPECT_EQ(st.nextDueMs, 2'000);  // the cadence is kept: no backoff
  // Rounds two and three get no answer either: DOWN, backing off.
  ASSERT_EQ(s.due(2'000).size(), 1u);
  EXPECT_TRUE(s.due(3'501).empty());
  EXPECT_EQ(s.status(id).consecutiveTimeouts, 2);
  EXPECT_EQ(s.status(id).failures, 0);
  auto third = s.due(4'000);
  ASSERT_EQ(third.size(), 1u);
  EXPECT_TRUE(s.due(5'501).empty());
  st = s.status(id);
  EXPECT_EQ(st.state, TargetState::Down);
  EXPECT_EQ(st.failures, 1);
  EXPECT_EQ(st.timeouts, 3);
  EXPECT_EQ(st.nextDueMs, 5'501 + 2'000);
  // The answer of the round that made it DOWN arrives late: ignored.
  EXPECT_FALSE(s.complete(third[0], true, 5'600));
  EXPECT_EQ(s.status(id).state, TargetState::Down);
  auto fourth = s.due(7'501);
  ASSERT_EQ(fourth.size(), 1u);
  EXPECT_FALSE(s.complete(third[0], true, 7'600));  // an old token stays stale
  EXPECT_TRUE(s.complete(fourth[0], true, 7'700));
  st = s.status(id);
  EXPECT_EQ(st.state, TargetState::Up);
  EXPECT_EQ(st.consecutiveTimeouts, 0);
  EXPECT_FALSE(st.slow);
  EXPECT_FALSE(s.complete(fourth[0], true, 7'800));  // an attempt completes once
}

TEST(Scheduler, ALateAnswerCountsAndATargetThatAlwaysAnswersLateNeverGoesDown) {
  Scheduler s(42);
  std::int32_t id = s.addTarget("busy broker", exact(2000, 1500, 60'000), 0);
  for (std::int64_t now = 0; now < 40'000; now += 2'000) {
    auto d = s.due(now);
    ASSERT_EQ(d.size(), 1u) << now;
    EXPECT_TRUE(s.due(now + 1'501).empty());  // timed out
    EXPECT_TRUE(s.complete(d[0], true, now + 1'600)) << "the late answer at " << now + 1'600 << " counts";
    TargetStatus st = s.status(id);
    EXPECT_EQ(st.state, TargetState::Up);
    EXPECT_TRUE(st.slow);
    EXPECT_EQ(st.lastDurationMs, 1'600);
    EXPECT_EQ(st.failures, 0);
  }
  EXPECT_EQ(s.status(id).timeouts, 20);
  // An answer within the timeout: no longer slow.
  auto d = s.due(40'000);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(s.complete(d[0], true, 40'100));
  EXPECT_FALSE(s.status(id).slow);
}

TEST(Scheduler, ALateFailureIsNotTheNewsATimeoutAlreadyWas) {
  Scheduler s(42);
  std::int32_t id = s.addTarget("t", exact(2000, 1500, 60'000), 0);
  auto d = s.due(0);
  s.complete(d[0], true, 100);
  d = s.due(2'000);
  s.due(3'501);
  EXPECT_FALSE(s.complete(d[0], false, 3'600, "deadline passed"));
  EXPECT_EQ(s.status(id).state, TargetState::Up);
  EXPECT_EQ(s.status(id).failures, 0);
}

TEST(Scheduler, AnAttemptReportedUnansweredIsARoundWithoutAnAnswer) {
  Scheduler s(42);
  std::int32_t id = s.addTarget("stuck", exact(2000, 1500, 60'000), 0);
  auto d = s.due(0);
  s.complete(d[0], true, 100);
  d = s.due(2'000);
  s.due(3'501);  // timed out; the host's scrape still runs
  for (std::int64_t now : {4'000, 6'000}) {
    auto next = s.due(now);
    ASSERT_EQ(next.size(), 1u);
    EXPECT_TRUE(s.unanswered(next[0], now, "previous scrape still running"));
    EXPECT_FALSE(s.unanswered(next[0], now, "again"));  // once
    EXPECT_FALSE(s.complete(next[0], true, now + 10));  // it never ran: nothing of it answers
  }
  TargetStatus st = s.status(id);
  EXPECT_EQ(st.state, TargetState::Down);
  EXPECT_EQ(st.failures, 1);
  EXPECT_EQ(st.consecutiveTimeouts, 3);
  EXPECT_NE(st.lastError.find("still running"), std::string::npos) << st.lastError;
}

TEST(Scheduler, AnAttemptTheHostSkippedChangesNothingButTheOverruns) {
  Scheduler s(42);
  std::int32_t id = s.addTarget("answered, still being stored", exact(2000, 1500, 60'000), 0);
  auto d = s.due(0);
  s.complete(d[0], true, 100);
  for (std::int64_t now : {2'000, 4'000, 6'000, 8'000}) {
    auto next = s.due(now);
    ASSERT_EQ(next.size(), 1u);
    EXPECT_TRUE(s.skipped(next[0]));
    EXPECT_FALSE(s.skipped(next[0]));
    EXPECT_FALSE(s.complete(next[0], true, now + 10));
  }
  TargetStatus st = s.status(id);
  EXPECT_EQ(st.state, TargetState::Up);
  EXPECT_EQ(st.overruns, 4);
  EXPECT_EQ(st.consecutiveTimeouts, 0);
  EXPECT_EQ(st.nextDueMs, 10'000);  // its cadence kept
}

TEST(Scheduler, ARefusalIsDownAtOnce) {
  Scheduler s(42);
  std::int32_t id = s.addTarget("refused", exact(2000, 1500, 60'000), 0);
  auto d = s.due(0);
  EXPECT_TRUE(s.complete(d[0], false, 10, "connection refused"));
  EXPECT_EQ(s.status(id).state, TargetState::Down);
  TargetOptions none = exact(2000);
  none.roundsBeforeDown = 0;
  EXPECT_THROW(s.addTarget("bad", none, 0), InvalidArgument);
}

TEST(Scheduler, OverrunsAreCountedWhileAnAttemptRuns) {
  Scheduler s(42);
  std::int32_t id = s.addTarget("busy", exact(1000, 5000, 60'000), 0);
  auto d = s.due(0);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(s.due(1'000).empty());
  EXPECT_TRUE(s.due(1'500).empty());  // not due yet again: no second overrun
  EXPECT_TRUE(s.due(2'000).empty());
  EXPECT_EQ(s.status(id).overruns, 2);
  EXPECT_EQ(s.status(id).attempts, 1);
  EXPECT_TRUE(s.complete(d[0], true, 2'500));
  d = s.due(3'000);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(s.status(id).overruns, 2);
  EXPECT_EQ(s.status(id).timeouts, 0);
}

TEST(Scheduler, ADownTargetDoesNotDelayAnother) {
  Scheduler s(42);
  std::int32_t dead = s.addTarget("dead", exact(1000, 500, 8000), 0);
  std::int32_t live = s.addTarget("live", exact(1000, 500, 8000), 0);
  std::vector<std::int64_t> deadRuns, liveRuns;
  for (std::int64_t now = 0; now <= 20'000; now += 100) {
    for (std::int64_t token : s.due(now)) {
      if (idOf(token) == dead) {
        deadRuns.push_back(now);
        EXPECT_TRUE(s.complete(token, false, now + 50, "timeout"));
      } else {
        liveRuns.push_back(now);
        EXPECT_TRUE(s.complete(token, true, now + 50));
      }
    }
  }
  std::vector<std::int64_t> every;
  for (std::int64_t t = 0; t <= 20'000; t += 1000) every.push_back(t);
  EXPECT_EQ(liveRuns, every);
  // Failing at t+50 pushes the next try out by 1 s, 2 s, 4 s, 8 s, then the 8 s cap.
  EXPECT_EQ(deadRuns, (std::vector<std::int64_t>{0, 1100, 3200, 7300, 15'400}));
  EXPECT_EQ(s.status(live).state, TargetState::Up);
  EXPECT_EQ(s.status(dead).state, TargetState::Down);
  EXPECT_EQ(s.status(dead).consecutiveFailures, 5);
}

TEST(Scheduler, AHungTargetDoesNotDelayAnother) {
  Scheduler s(42);
  std::int32_t hung = s.addTarget("hung", exact(1000, 1500, 8000), 0);
  std::int32_t live = s.addTarget("live", exact(1000, 1500, 8000), 0);
  int liveRuns = 0, hungRuns = 0;
  for (std::int64_t now = 0; now <= 10'000; now += 100) {
    for (std::int64_t token : s.due(now)) {
      if (idOf(token) == live) {
        ++liveRuns;
        EXPECT_EQ(now % 1000, 0) << "live target ran off its cadence at " << now;
        s.complete(token, true, now + 10);
      } else {
        ++hungRuns;  // never answers
      }
    }
  }
  EXPECT_EQ(liveRuns, 11);
  EXPECT_GE(hungRuns, 2);
  EXPECT_GE(s.status(hung).timeouts, 2);
  EXPECT_EQ(s.status(hung).state, TargetState::Down);
  EXPECT_EQ(s.status(live).failures, 0);
}

TEST(Scheduler, JitterIsBoundedAndRepeatableWithASeed) {
  TargetOptions o;
  o.intervalMs = 2000;
  o.jitterMs = 200;
  Scheduler a(42), b(42);
  std::vector<std::int64_t> dueA, dueB;
  for (int i = 0; i < 50; ++i) {
    dueA.push_back(a.status(a.addTarget("t" + std::to_string(i), o, 100'000)).nextDueMs);
    dueB.push_back(b.status(b.addTarget("t" + std::to_string(i), o, 100'000)).nextDueMs);
  }
  EXPECT_EQ(dueA, dueB);
  bool spread = false;
  for (std::int64_t d : dueA) {
    EXPECT_GE(d, 100'000);  // the first run is never scheduled in the past
    EXPECT_LE(d, 100'100);
    spread = spread || d != 100'000;
  }
  EXPECT_TRUE(spread);
  // Failures move by at most ± jitter/2 around the backoff.
  std::int32_t id = a.addTarget("f", o, 0);
  std::int64_t now = a.status(id).nextDueMs;
  auto d = a.due(now);
  ASSERT_EQ(tokenFor(d, id) != -1, true);
  a.complete(tokenFor(d, id), false, now);
  std::int64_t next = a.status(id).nextDueMs;
  EXPECT_GE(next, now + 2000 - 100);
  EXPECT_LE(next, now + 2000 + 100);
}

TEST(Scheduler, RemovedTargetsAreNeitherDueNorKnown) {
  Scheduler s(42);
  std::int32_t a = s.addTarget("a", exact(1000), 0);
  std::int32_t b = s.addTarget("b", exact(1000), 0);
  auto d = s.due(0);
  ASSERT_EQ(d.size(), 2u);
  s.removeTarget(a);
  EXPECT_FALSE(s.complete(tokenFor(d, a), true, 10));
  EXPECT_TRUE(s.complete(tokenFor(d, b), true, 10));
  EXPECT_EQ(s.targets(), (std::vector<std::int32_t>{b}));
  EXPECT_THROW(s.status(a), InvalidArgument);
  EXPECT_THROW(s.removeTarget(a), InvalidArgument);
  d = s.due(1000);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(idOf(d[0]), b);
  EXPECT_FALSE(s.complete(12345, true, 0));  // unknown id
  EXPECT_FALSE(s.complete(-1, true, 0));
}

TEST(Scheduler, RefusesNonsenseOptions) {
  Scheduler s(42);
  EXPECT_THROW(s.addTarget("x", exact(0), 0), InvalidArgument);
  EXPECT_THROW(s.addTarget("x", exact(1000, 0), 0), InvalidArgument);
  EXPECT_THROW(s.addTarget("x", exact(1000, 500, 999), 0), InvalidArgument);
  TargetOptions o = exact(1000);
  o.jitterMs = -1;
  EXPECT_THROW(s.addTarget("x", o, 0), InvalidArgument);
  EXPECT_TRUE(s.targets().empty());
  EXPECT_EQ(s.millisUntilNextDue(0), 1000);  // nothing scheduled: a sane idle sleep
}

TEST(Scheduler, MillisUntilNextDueCoversRunningTimeouts) {
  Scheduler s(42);
  s.addTarget("a", exact(5000, 1500, 60'000), 0);
  auto d = s.due(0);
  ASSERT_EQ(d.size(), 1u);
  // Running: the next thing to happen is its timeout.
  EXPECT_EQ(s.millisUntilNextDue(200), 1'300);
  s.complete(d[0], true, 300);
  EXPECT_EQ(s.millisUntilNextDue(300), 4'700);
  EXPECT_EQ(s.millisUntilNextDue(9'000), 0);
}
