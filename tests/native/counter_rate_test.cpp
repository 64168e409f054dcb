#include "counter_rate.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace doflamingo;

namespace {
constexpr double kTwo32 = 4294967296.0;
constexpr double kTwo64 = 18446744073709551616.0;
}  // namespace

TEST(CounterRate, FirstReadingGivesNothing) {
  CounterRate r;
  EXPECT_FALSE(r.update(1000, 500).has_value());
}

TEST(CounterRate, RateIsPerSecondOverTheInterval) {
  CounterRate r;
  ASSERT_FALSE(r.update(1000, 100).has_value());
  auto rate = r.update(3000, 300);  // +200 over 2 s
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 100.0);
  rate = r.update(3500, 350);  // +50 over 0.5 s
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 100.0);
  rate = r.update(13500, 350);  // flat for 10 s
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 0.0);
}

TEST(CounterRate, ResetCountsFromZeroAndIsNeverNegative) {
  CounterRate r;
  r.update(0, 1000);
  auto rate = r.update(2000, 50);  // restarted: 50 since the restart
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 25.0);
  rate = r.update(4000, 0);  // restarted again, nothing counted yet
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 0.0);
  // Going down from below the top quarter of 2^32 is a reset, not a wrap.
  CounterRate big;
  big.update(0, 3.0e9);
  rate = big.update(1000, 10);
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 10.0);
  // From the top quarter of 2^32 down to the middle: also a reset.
  CounterRate mid;
  mid.update(0, 4.0e9);
  rate = mid.update(1000, 2.0e9);
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 2.0e9);
  EXPECT_GE(*rate, 0.0);
}

TEST(CounterRate, Wraps32Bit) {
  CounterRate r;
  r.update(0, kTwo32 - 296);  // 4294967000
  auto rate = r.update(2000, 100);
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, (296.0 + 100.0) / 2.0);
}

TEST(CounterRate, Wraps64Bit) {
  CounterRate r;
  const double before = kTwo64 - 1048576.0;  // exactly representable: 2^64 - 2^20
  r.update(0, before);
  auto rate = r.update(1000, 1048576.0);
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 2097152.0);  // 2^20 to the wrap plus 2^20 after it
  EXPECT_GT(*rate, 0.0);
}

TEST(CounterRate, NonFiniteReadingsAreIgnored) {
  CounterRate r;
  EXPECT_FALSE(r.update(0, std::numeric_limits<double>::quiet_NaN()).has_value());
  EXPECT_FALSE(r.update(500, std::numeric_limits<double>::infinity()).has_value());
  // Still the first real reading: the NaN/Inf did not become the reference.
  EXPECT_FALSE(r.update(1000, 100).has_value());
  EXPECT_FALSE(r.update(2000, std::numeric_limits<double>::quiet_NaN()).has_value());
  EXPECT_FALSE(r.update(2500, -std::numeric_limits<double>::infinity()).has_value());
  auto rate = r.update(3000, 300);  // measured against the reading at 1000
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 100.0);
}

TEST(CounterRate, SameOrOlderTimestampGivesNothingAndKeepsTheReference) {
  CounterRate r;
  r.update(1000, 100);
  EXPECT_FALSE(r.update(1000, 200).has_value());
  EXPECT_FALSE(r.update(500, 150).has_value());
  auto rate = r.update(2000, 300);  // against (1000, 100), not the ignored readings
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 200.0);
}

TEST(CounterRate, ResetForgetsThePreviousReading) {
  CounterRate r;
  r.update(0, 100);
  r.reset();
  EXPECT_FALSE(r.update(1000, 5).has_value());
  auto rate = r.update(2000, 15);
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 10.0);
}

// A counter that moves in steps slower than the scrape (Flume's, read every 2 s, moving by 80
// every 4 s) reads as its steady 20/s, not 0 and 40 on alternate readings.
TEST(CounterRate, StepsSlowerThanTheScrapeGiveTheSteadyRate) {
  CounterRate r;
  r.update(0, 0);
  double count = 0;
  for (std::int64_t t = 2000; t <= 40000; t += 2000) {
    if (t % 4000 == 0) count += 80;
    auto rate = r.update(t, count);
    ASSERT_TRUE(rate.has_value());
    if (t >= 4000) EXPECT_DOUBLE_EQ(*rate, 20.0) << "at " << t;
  }
}

// Once the counter stops, the rate holds for no longer than twice its last step, then is 0; a
// counter idle for longer than kMaxSpreadMs counts its next increase over the last interval.
TEST(CounterRate, AStoppedCounterReadsZeroAfterItsStepAndAnIdleOneStartsAfresh) {
  CounterRate r;
  r.update(0, 0);
  EXPECT_DOUBLE_EQ(*r.update(4000, 80), 20.0);
  EXPECT_DOUBLE_EQ(*r.update(6000, 80), 20.0);  // within its 4 s step
  EXPECT_DOUBLE_EQ(*r.update(12000, 80), 20.0);  // within twice it
  EXPECT_DOUBLE_EQ(*r.update(14000, 80), 0.0);  // past that
  EXPECT_DOUBLE_EQ(*r.update(60000, 80), 0.0);
  EXPECT_DOUBLE_EQ(*r.update(62000, 180), 50.0);  // idle 58 s: 100 in the last 2 s
  EXPECT_DOUBLE_EQ(*r.update(64000, 280), 50.0);
}

// Steps that come irregularly (2 s, then 4 s apart) do not drop to 0 between them.
TEST(CounterRate, IrregularStepsHoldTheirRate) {
  CounterRate r;
  r.update(0, 0);
  EXPECT_DOUBLE_EQ(*r.update(2000, 40), 20.0);
  EXPECT_DOUBLE_EQ(*r.update(4000, 40), 20.0);  // 2 s unmoved after a 2 s step
  EXPECT_DOUBLE_EQ(*r.update(6000, 120), 20.0);  // 80 over the 4 s since it moved
}
