// The "what changed" statistic on synthetic windows: a step, a spike, noise, a counter's rate,
// zeros, gaps, a flat series; and the top-N it keeps.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "change_score.h"

using namespace doflamingo;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> flat(std::size_t n, double v) { return std::vector<double>(n, v); }

// Normal noise around mean with standard deviation sd, the same every run.
std::vector<double> noise(std::size_t n, double mean, double sd, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> dist(mean, sd);
  std::vector<double> v(n);
  for (double& x : v) x = dist(gen);
  return v;
}

std::optional<SeriesChange> score(const std::vector<double>& before, const std::vector<double>& after,
                                  std::int32_t minKnown = 5) {
  return scoreChange(before.data(), before.size(), after.data(), after.size(), minKnown);
}

TEST(ChangeScoreTest, AStepInNoiseScoresItsSizeInRobustDeviations) {
  auto c = score(noise(300, 100, 2, 1), noise(150, 120, 2, 2));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->shape, ChangeShape::Step);
  EXPECT_EQ(c->direction, 1);
  EXPECT_NEAR(c->medianBefore, 100, 0.5);
  EXPECT_NEAR(c->medianAfter, 120, 0.5);
  // 20 up in noise of sd 2: about 10 deviations (the MAD of 300 normal points is within ~10 %).
  EXPECT_GT(c->score, 8);
  EXPECT_LT(c->score, 12);
  EXPECT_EQ(c->knownBefore, 300);
  EXPECT_EQ(c->knownAfter, 150);
}

TEST(ChangeScoreTest, AStepDownHasDirectionDown) {
  auto c = score(noise(300, 50, 1, 3), noise(150, 40, 1, 4));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->direction, -1);
  EXPECT_EQ(c->shape, ChangeShape::Step);
  EXPECT_GT(c->score, 8);
}

TEST(ChangeScoreTest, NoiseAloneScoresLow) {
  // The same noise on both sides, many draws: a level or an extreme of noise is not a change.
  for (unsigned seed = 10; seed < 60; ++seed) {
    auto c = score(noise(300, 100, 5, seed), noise(150, 100, 5, seed + 1000));
    ASSERT_TRUE(c);
    EXPECT_LT(c->score, 1.5) << "seed " << seed;
  }
}

TEST(ChangeScoreTest, ASpikeAfterTheMomentScoresAsASpike) {
  std::vector<double> after = noise(150, 100, 2, 6);
  after[40] = 160;  // one point 30 deviations up; the median after does not move
  auto c = score(noise(300, 100, 2, 5), after);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->shape, ChangeShape::Spike);
  EXPECT_EQ(c->direction, 1);
  EXPECT_DOUBLE_EQ(c->peakAfter, 160);
  EXPECT_NEAR(c->medianAfter, 100, 0.5);
  EXPECT_GT(c->score, 20);
}

TEST(ChangeScoreTest, ASpikeTheSeriesAlreadyHadBeforeIsNoChange) {
  std::vector<double> before = noise(300, 100, 2, 7);
  std::vector<double> after = noise(150, 100, 2, 8);
  before[100] = 170;
  after[20] = 160;
  auto c = score(before, after);
  ASSERT_TRUE(c);
  EXPECT_LT(c->score, 1.5);
}

TEST(ChangeScoreTest, AStepIsNotTakenForASpike) {
  // Every point after stands far from the old level but near the new one.
  auto c = score(noise(300, 10, 1, 9), noise(150, 40, 1, 10));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->shape, ChangeShape::Step);
}

TEST(ChangeScoreTest, AFlatSeriesThatStaysFlatScoresZero) {
  for (double level : {0.0, 1.0, 4096.0, -3.5}) {
    auto c = score(flat(300, level), flat(150, level));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->score, 0) << level;
    EXPECT_EQ(c->direction, 0) << level;
  }
}

TEST(ChangeScoreTest, AFlatZeroThatJumpsRanksHighWithAFloorNotInfinity) {
  // UnderReplicatedPartitions: 0 for ten minutes, then 140. MAD 0: the spread is the 1 % floor.
  auto c = score(flat(300, 0), flat(150, 140));
  ASSERT_TRUE(c);
  EXPECT_TRUE(std::isfinite(c->score));
  EXPECT_DOUBLE_EQ(c->score, 100);
  EXPECT_EQ(c->direction, 1);
  EXPECT_EQ(c->shape, ChangeShape::Step);
  // ... and above a noisy series' real but modest step.
  auto noisy = score(noise(300, 100, 5, 11), noise(150, 130, 5, 12));
  ASSERT_TRUE(noisy);
  EXPECT_GT(c->score, noisy->score);
}

TEST(ChangeScoreTest, AFlatSeriesMovingLessThanOnePercentScoresAtMostOne) {
  auto c = score(flat(300, 1000), flat(150, 1005));
  ASSERT_TRUE(c);
  EXPECT_LE(c->score, 1.0);
  EXPECT_GT(c->score, 0);
}

TEST(ChangeScoreTest, ACounterRateThatStopsScoresHigh) {
  // A counter arrives as its per-second rate: messages in at ~500/s, then the broker is gone and
  // the rate the engine derives reads 0 (a stopped counter).
  auto c = score(noise(300, 500, 20, 13), flat(150, 0));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->direction, -1);
  EXPECT_GT(c->score, 15);
  EXPECT_DOUBLE_EQ(c->medianAfter, 0);
}

TEST(ChangeScoreTest, GapsAreLeftOutAndTooFewKnownPointsSkipTheSeries) {
  std::vector<double> before = flat(300, 5);
  std::vector<double> after = flat(150, 50);
  for (std::size_t i = 0; i < before.size(); i += 2) before[i] = kNaN;  // every other point unknown
  for (std::size_t i = 0; i < after.size(); i += 3) after[i] = std::numeric_limits<double>::infinity();
  auto c = score(before, after);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->knownBefore, 150);
  EXPECT_EQ(c->knownAfter, 100);
  EXPECT_DOUBLE_EQ(c->medianBefore, 5);
  EXPECT_DOUBLE_EQ(c->medianAfter, 50);

  // Silent after the moment (a target down: nothing stored): not scored, not a zero score.
  std::vector<double> silent = flat(150, kNaN);
  silent[3] = 1;
  silent[4] = 1;
  EXPECT_FALSE(score(flat(300, 5), silent, 5));
  EXPECT_TRUE(score(flat(300, 5), silent, 2));
  EXPECT_FALSE(score(flat(3, 5), flat(150, 5), 5));
  EXPECT_FALSE(score({}, {}, 1));
}

TEST(ChangeScoreTest, EvenCountsTakeTheMeanOfTheMiddleTwo) {
  auto c = score({1, 2, 3, 4}, {10, 20, 30, 40}, 4);
  ASSERT_TRUE(c);
  EXPECT_DOUBLE_EQ(c->medianBefore, 2.5);
  EXPECT_DOUBLE_EQ(c->medianAfter, 25);
}

TEST(ChangeScoreTest, TopKeepsTheBestByScoreThenId) {
  TopChanges top(3);
  const double scores[] = {1, 7, 3, 7, 0, 9, 2};
  for (std::uint32_t id = 0; id < 7; ++id) {
    SeriesChange c;
    c.id = id;
    c.score = scores[id];
    top.offer(c);
  }
  std::vector<SeriesChange> best = top.take();
  ASSERT_EQ(best.size(), 3u);
  EXPECT_EQ(best[0].id, 5u);
  EXPECT_EQ(best[1].id, 1u);  // 7 twice: the lower id first
  EXPECT_EQ(best[2].id, 3u);

  // Equal scores: a step before a spike, whatever their ids.
  TopChanges shapes(2);
  SeriesChange spike;
  spike.id = 1;
  spike.score = 100;
  spike.shape = ChangeShape::Spike;
  SeriesChange step = spike;
  step.id = 9;
  step.shape = ChangeShape::Step;
  shapes.offer(spike);
  shapes.offer(step);
  std::vector<SeriesChange> ordered = shapes.take();
  EXPECT_EQ(ordered[0].id, 9u);
  EXPECT_EQ(ordered[1].id, 1u);

  TopChanges none(0);
  none.offer(SeriesChange{});
  EXPECT_TRUE(none.take().empty());
}

}  // namespace
