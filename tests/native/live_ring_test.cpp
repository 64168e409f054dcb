#include "live_ring.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace doflamingo;

// Contract (live_ring.h): like an RRD row, slot k holds (k-1)*step < t <= k*step and is stamped
// k*step.

namespace {

struct Read {
  std::vector<std::int64_t> times;
  std::vector<double> values;
};

Read readAll(const LiveRing& r, std::int64_t from = 0, std::int64_t to = 1'000'000'000) {
  Read out;
  r.read(from, to, out.times, out.values);
  return out;
}

}  // namespace

TEST(LiveRing, EmptyRingAnswersNothing) {
  LiveRing r(1000, 10000);
  EXPECT_TRUE(r.empty());
  EXPECT_EQ(r.oldestMs(), 0);
  EXPECT_EQ(r.newestMs(), 0);
  Read got = readAll(r);
  EXPECT_TRUE(got.times.empty());
  EXPECT_TRUE(got.values.empty());
}

TEST(LiveRing, PutThenReadOldestFirst) {
  LiveRing r(1000, 10000);
  r.put(5000, 1.5);
  r.put(6000, 2.5);
  r.put(7000, 3.5);
  EXPECT_FALSE(r.empty());
  Read got = readAll(r);
  EXPECT_EQ(got.times, (std::vector<std::int64_t>{5000, 6000, 7000}));
  EXPECT_EQ(got.values, (std::vector<double>{1.5, 2.5, 3.5}));
  EXPECT_EQ(r.newestMs(), 7000);
  // Nothing before the first point was ever in the ring, though the window reaches further back.
  EXPECT_EQ(r.oldestMs(), 5000);
}

TEST(LiveRing, StampIsTheEndOfTheStepLikeAnRrdRow) {
  LiveRing r(1000, 10000);
  r.put(5000, 1);  // on the boundary: the step (4000, 5000]
  r.put(5001, 2);  // just after it: the step (5000, 6000]
  r.put(7999, 3);  // the step (7000, 8000]
  Read got = readAll(r);
  EXPECT_EQ(got.times, (std::vector<std::int64_t>{5000, 6000, 8000}));
  EXPECT_EQ(got.values, (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(r.newestMs(), 8000);
}

TEST(LiveRing, ReadHonoursTheRange) {
  LiveRing r(1000, 10000);
  for (int i = 1; i <= 8; ++i) r.put(i * 1000, i);
  Read got = readAll(r, 2500, 5000);  // 2500 rounds up to the 3000 stamp, 5000 is included
  EXPECT_EQ(got.times, (std::vector<std::int64_t>{3000, 4000, 5000}));
  EXPECT_EQ(got.values, (std::vector<double>{3, 4, 5}));
  got = readAll(r, 3000, 3999);
  EXPECT_EQ(got.times, (std::vector<std::int64_t>{3000}));
  EXPECT_TRUE(readAll(r, 5000, 4000).times.empty());  // inverted range
  EXPECT_TRUE(readAll(r, 9001, 20000).times.empty());
}

TEST(LiveRing, GapsReadAsMissing) {
  LiveRing r(1000, 10000);
  r.put(5000, 1);
  r.put(8000, 4);  // 6000 and 7000 were skipped
  Read got = readAll(r);
  EXPECT_EQ(got.times, (std::vector<std::int64_t>{5000, 8000}));
  EXPECT_EQ(got.values, (std::vector<double>{1, 4}));
}

TEST(LiveRing, SameStepOverwrites) {
  LiveRing r(1000, 10000);
  r.put(5001, 1);
  r.put(5500, 2);
  r.put(6000, 3);
  Read got = readAll(r);
  EXPECT_EQ(got.times, (std::vector<std::int64_t>{6000}));
  EXPECT_EQ(got.values, (std::vector<double>{3}));
}

TEST(LiveRing, LaterPointInsideTheWindowReplacesItsSlot) {
  LiveRing r(1000, 10000);
  for (int i = 10; i <= 15; ++i) r.put(i * 1000, i);
  r.put(12000, 99);  // older than the head but inside the window
  Read got = readAll(r);
  EXPECT_EQ(got.values, (std::vector<double>{10, 11, 99, 13, 14, 15}));
  EXPECT_EQ(r.newestMs(), 15000);
}

TEST(LiveRing, EvictsWhatFallsOutOfTheWindow) {
  LiveRing r(1000, 10000);  // 10 slots
  for (int i = 10; i <= 25; ++i) r.put(i * 1000, i);
  Read got = readAll(r);
  ASSERT_EQ(got.times.size(), 10u);
  EXPECT_EQ(got.times.front(), 16000);
  EXPECT_EQ(got.times.back(), 25000);
  for (std::size_t k = 0; k < got.values.size(); ++k) EXPECT_EQ(got.values[k], 16.0 + k);
  EXPECT_EQ(r.oldestMs(), 16000);
  EXPECT_EQ(r.newestMs(), 25000);
}

TEST(LiveRing, PutsOlderThanTheWindowAreIgnored) {
  LiveRing r(1000, 10000);
  for (int i = 10; i <= 25; ++i) r.put(i * 1000, i);
  // Slot 15 shares its array cell with slot 25: it must not overwrite the newest point.
  r.put(15000, -1);
  r.put(1000, -2);
  Read got = readAll(r);
  ASSERT_EQ(got.times.size(), 10u);
  EXPECT_EQ(got.times.front(), 16000);
  EXPECT_EQ(got.values.back(), 25.0);
  for (double v : got.values) EXPECT_GT(v, 0);
  EXPECT_EQ(r.oldestMs(), 16000);
}

TEST(LiveRing, JumpingAheadClearsStaleValuesFromALapAgo) {
  LiveRing r(1000, 10000);
  for (int i = 0; i < 10; ++i) r.put(i * 1000, i + 1);
  r.put(15000, 100);  // slots 10..14 skipped: their cells held 1..5 a lap ago
  Read got = readAll(r);
  EXPECT_EQ(got.times, (std::vector<std::int64_t>{6000, 7000, 8000, 9000, 15000}));
  EXPECT_EQ(got.values, (std::vector<double>{7, 8, 9, 10, 100}));
  r.put(1'000'000, 200);  // far beyond a whole window: nothing old survives
  got = readAll(r);
  EXPECT_EQ(got.times, (std::vector<std::int64_t>{1'000'000}));
  EXPECT_EQ(r.oldestMs(), 991'000);
}

TEST(LiveRing, OldestIsTheFirstPointUntilTheWindowHasFilled) {
  LiveRing r(1000, 10000);
  r.put(100'000, 1);
  EXPECT_EQ(r.oldestMs(), 100'000);  // not 91'000: the ring never saw that stretch
  for (int i = 1; i <= 9; ++i) r.put(100'000 + i * 1000, 1);
  EXPECT_EQ(r.oldestMs(), 100'000);
  r.put(110'000, 1);
  EXPECT_EQ(r.oldestMs(), 101'000);
}

TEST(LiveRing, NegativeTimesAreIgnoredAndNaNReadsAsMissing) {
  LiveRing r(1000, 10000);
  r.put(-5000, 1);
  EXPECT_TRUE(r.empty());
  r.put(3000, std::nan(""));
  r.put(4000, 4);
  Read got = readAll(r);
  EXPECT_EQ(got.times, (std::vector<std::int64_t>{4000}));
  EXPECT_EQ(r.oldestMs(), 3000);
}

TEST(LiveRing, WindowSmallerThanAStepKeepsOnePoint) {
  LiveRing r(2000, 500);
  r.put(4000, 1);
  r.put(6000, 2);
  Read got = readAll(r);
  EXPECT_EQ(got.times, (std::vector<std::int64_t>{6000}));
  EXPECT_EQ(r.oldestMs(), 6000);
  EXPECT_GE(r.memoryBytes(), sizeof(double));
  EXPECT_EQ(LiveRing::valueBytes(2000, 500), 8);
}

TEST(LiveRing, NoWindowIsNoRing) {
  LiveRing r(30'000, 0);
  r.put(30'000, 1);
  r.put(60'000, 2);
  EXPECT_TRUE(r.empty());
  EXPECT_TRUE(readAll(r).times.empty());
  std::int64_t t = 0;
  double v = 0;
  EXPECT_FALSE(r.newest(0, 60'000, t, v));
  EXPECT_EQ(r.memoryBytes(), 0u);
  EXPECT_EQ(LiveRing::valueBytes(30'000, 0), 0);
  EXPECT_EQ(LiveRing::valueBytes(30'000, 3'600'000), 120 * 8);
}
