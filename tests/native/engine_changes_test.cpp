// Engine::rankChanges: the series read around a moment (from the live ring, or from the RRD files
// when the ring does not hold the windows) and ranked, counters by their stored rates.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "doflamingo/engine.h"
#include "doflamingo/error.h"
#include "test_support.h"

using namespace doflamingo;
using dftest::ingest;
using dftest::sample;
using dftest::TempDir;

namespace {

constexpr std::int64_t kStep = 2000;

class EngineChangesTest : public ::testing::Test {
 protected:
  EngineOptions options(std::int64_t liveWindowSeconds = 3600) const {
    EngineOptions o = dftest::engineOptions(tmp_.sub("data"));
    o.flusherThreads = 1;
    o.liveWindowSeconds = liveWindowSeconds;
    return o;
  }

  std::uint32_t series(Engine& e, const std::string& name, const std::string& broker,
                       SeriesKind kind = SeriesKind::Gauge) {
    return e.intern(SeriesKey::make(name, {{"broker", broker}, {"cluster", "prod"}}), kind);
  }

  // 30 minutes of 2 s points ending 1 minute before the tests' now, value f(k) at the k-th point;
  // returns the moment: 20 minutes in.
  template <typename F>
  std::int64_t fill(Engine& e, std::uint32_t id, F f, std::vector<Sample>& batch) const {
    const std::int64_t t0 = dftest::alignedPastMs(31);
    for (int k = 0; k < 900; ++k) {
      double v = f(k);
      batch.push_back(sample(id, t0 + k * kStep, v));
    }
    return t0 + 600 * kStep;
  }

  TempDir tmp_;
};

// Deterministic small wobble (no RNG state shared between series).
double wobble(int k, int seed) { return std::sin(k * 0.7 + seed) * 0.5 + std::sin(k * 1.3 + 2 * seed) * 0.3; }

TEST_F(EngineChangesTest, RanksTheSeriesThatMovedAroundTheMomentFromTheRing) {
  EngineOptions o = options();
  Engine e(o);
  std::vector<Sample> batch;
  const std::uint32_t steady = series(e, "kafka.heap", "1");
  const std::uint32_t urp = series(e, "kafka.UnderReplicatedPartitions", "2");
  const std::uint32_t step = series(e, "kafka.BytesIn", "2");
  const std::uint32_t flat = series(e, "kafka.PartitionCount", "2");
  const std::uint32_t spike = series(e, "kafka.RequestTime", "3");
  const std::uint32_t messages = series(e, "kafka.MessagesIn", "1", SeriesKind::Counter);
  std::int64_t at = fill(e, steady, [](int k) { return 1000 + wobble(k, 1); }, batch);
  fill(e, urp, [](int k) { return k <= 600 ? 0.0 : 140.0; }, batch);
  fill(e, step, [](int k) { return (k <= 600 ? 100.0 : 160.0) + 5 * wobble(k, 2); }, batch);
  fill(e, flat, [](int) { return 70.0; }, batch);
  fill(e, spike, [](int k) { return k == 640 ? 500.0 : 20 + wobble(k, 3); }, batch);
  // A counter: 1,000 a step (500/s), then 200 a step (100/s) from the moment.
  fill(e, messages, [](int k) { return k <= 600 ? 1000.0 * k : 600000.0 + 200.0 * (k - 600); }, batch);
  ingest(e, batch);

  ChangeQuery q;
  q.ids = {steady, urp, step, flat, spike, messages};
  q.atMs = at;
  ChangeRanking r = e.rankChanges(q);
  EXPECT_EQ(r.ranked, 6);
  EXPECT_EQ(r.skipped, 0);
  ASSERT_EQ(r.top.size(), 6u);
  EXPECT_EQ(r.top[0].id, urp);
  EXPECT_DOUBLE_EQ(r.top[0].score, 100);
  EXPECT_DOUBLE_EQ(r.top[0].medianBefore, 0);
  EXPECT_DOUBLE_EQ(r.top[0].medianAfter, 140);
  EXPECT_EQ(r.top[0].direction, 1);
  EXPECT_EQ(r.top[0].knownBefore, 300);  // 10 minutes of 2 s steps, the moment's own included
  EXPECT_EQ(r.top[0].knownAfter, 150);

  auto row = [&](std::uint32_t id) {
    for (const SeriesChange& c : r.top) {
      if (c.id == id) return c;
    }
    ADD_FAILURE() << "series " << id << " not ranked";
    return SeriesChange{};
  };
  EXPECT_EQ(row(messages).direction, -1);
  EXPECT_NEAR(row(messages).medianBefore, 500, 1e-9);  // the rate, not the count
  EXPECT_NEAR(row(messages).medianAfter, 100, 1e-9);
  EXPECT_EQ(row(spike).shape, ChangeShape::Spike);
  EXPECT_DOUBLE_EQ(row(spike).peakAfter, 500);
  EXPECT_GT(row(step).score, 10);
  EXPECT_EQ(row(flat).score, 0);
  EXPECT_LT(row(steady).score, 1.5);
  // The two that did not move are last.
  EXPECT_TRUE((r.top[4].id == steady && r.top[5].id == flat) || (r.top[4].id == flat && r.top[5].id == steady));

  q.limit = 2;
  ChangeRanking two = e.rankChanges(q);
  ASSERT_EQ(two.top.size(), 2u);
  EXPECT_EQ(two.top[0].id, r.top[0].id);
  EXPECT_EQ(two.top[1].id, r.top[1].id);
  EXPECT_EQ(two.ranked, 6);
}

TEST_F(EngineChangesTest, SkipsSeriesSilentAfterTheMomentOrWithGaps) {
  Engine e(options());
  std::vector<Sample> batch;
  const std::uint32_t gone = series(e, "kafka.BytesIn", "3");
  const std::uint32_t sparse = series(e, "kafka.BytesOut", "3");
  const std::uint32_t young = series(e, "kafka.BytesIn", "4");
  std::int64_t at = 0;
  const std::int64_t t0 = dftest::alignedPastMs(31);
  for (int k = 0; k < 900; ++k) {
    if (k <= 600) batch.push_back(sample(gone, t0 + k * kStep, 100));  // the broker died at the moment
    if (k % 40 == 0) batch.push_back(sample(sparse, t0 + k * kStep, k));  // 1 in 40: 3 after the moment
    if (k >= 599) batch.push_back(sample(young, t0 + k * kStep, 7));        // born 2 points before it
  }
  at = t0 + 600 * kStep;
  ingest(e, batch);
  ChangeQuery q;
  q.ids = {gone, sparse, young};
  q.atMs = at;
  ChangeRanking r = e.rankChanges(q);
  EXPECT_EQ(r.ranked, 0);
  EXPECT_EQ(r.skipped, 3);
  EXPECT_TRUE(r.top.empty());
  q.minKnown = 3;
  r = e.rankChanges(q);
  EXPECT_EQ(r.ranked, 1);  // sparse: 8 before, 3 after; young has 2 before, gone none after
  q.minKnown = 2;
  EXPECT_EQ(e.rankChanges(q).ranked, 2);
  q.minKnown = 1;
  EXPECT_EQ(e.rankChanges(q).ranked, 2);  // gone is never ranked: nothing after the moment
}

TEST_F(EngineChangesTest, ReadsTheRrdFilesWhereTheRingDoesNotHoldTheWindows) {
  EngineOptions o = options(120);  // a 2-minute ring: the 15 minutes are read back from the file
  Engine e(o);
  std::vector<Sample> batch;
  const std::uint32_t urp = series(e, "kafka.UnderReplicatedPartitions", "2");
  const std::uint32_t steady = series(e, "kafka.heap", "1");
  std::int64_t at = fill(e, urp, [](int k) { return k <= 600 ? 0.0 : 12.0; }, batch);
  fill(e, steady, [](int k) { return 1000 + wobble(k, 4); }, batch);
  ingest(e, batch);
  ChangeQuery q;
  q.ids = {steady, urp};
  q.atMs = at;
  ChangeRanking r = e.rankChanges(q);
  ASSERT_EQ(r.top.size(), 2u);
  EXPECT_EQ(r.top[0].id, urp);
  EXPECT_DOUBLE_EQ(r.top[0].medianAfter, 12);
  EXPECT_EQ(r.top[0].knownBefore, 300);
  EXPECT_EQ(r.top[0].knownAfter, 150);
  EXPECT_LT(r.top[1].score, 1.5);
  EXPECT_GT(e.stats().samplesWritten, 0);  // the answer came through the files
}

TEST_F(EngineChangesTest, ALargeSetSplitBetweenThreadsRanksAsOneWould) {
  // Enough series for several workers (each takes 20,000 or more). One in 450 has points (so the
  // test writes 100 files, not 45,000): series 450 j steps from 10 to 10 + j, the best are the
  // highest j, wherever they fall among the workers; the others are skipped (no data).
  Engine e(options());
  constexpr int kSeries = 45000;
  std::vector<SeriesKey> keys;
  for (int i = 0; i < kSeries; ++i) keys.push_back(SeriesKey::make("kafka.log.Log.Size", {{"partition", std::to_string(i)}}));
  std::vector<std::uint32_t> ids = e.intern(keys, std::vector<SeriesKind>(kSeries, SeriesKind::Gauge),
                                            std::vector<std::uint32_t>(kSeries, 0));
  const std::int64_t t0 = dftest::alignedPastMs(5);
  std::vector<Sample> batch;
  for (int i = 0; i < kSeries; i += 450) {
    for (int k = 0; k < 6; ++k) batch.push_back(sample(ids[i], t0 + k * kStep, k < 3 ? 10 : 10 + i / 450));
  }
  ingest(e, batch);
  ChangeQuery q;
  q.ids = ids;
  q.atMs = t0 + 2 * kStep;
  q.beforeMs = 3 * kStep;
  q.afterMs = 3 * kStep;
  q.minKnown = 3;
  q.limit = 30;
  ChangeRanking r = e.rankChanges(q);
  EXPECT_EQ(r.ranked, 100);
  EXPECT_EQ(r.skipped, kSeries - 100);
  ASSERT_EQ(r.top.size(), 30u);
  for (int j = 0; j < 30; ++j) {
    EXPECT_EQ(r.top[j].id, ids[450 * (99 - j)]) << j;
    EXPECT_DOUBLE_EQ(r.top[j].medianAfter, 10 + 99 - j);
  }
  // The same series ranked alone give the same scores.
  ChangeQuery one = q;
  one.ids = {ids[450 * 99], ids[450 * 70]};
  ChangeRanking alone = e.rankChanges(one);
  ASSERT_EQ(alone.top.size(), 2u);
  EXPECT_DOUBLE_EQ(alone.top[0].score, r.top[0].score);
  EXPECT_DOUBLE_EQ(alone.top[1].score, r.top[29].score);
}

TEST_F(EngineChangesTest, BadArgumentsNameTheirFieldAndUnknownIdsReadNothing) {
  Engine e(options());
  const std::uint32_t id = series(e, "kafka.heap", "1");
  ChangeQuery q;
  q.ids = {id};
  q.atMs = dftest::alignedPastMs(5);
  auto message = [&](ChangeQuery bad) {
    try {
      e.rankChanges(bad);
    } catch (const InvalidArgument& ex) {
      return std::string(ex.what());
    }
    return std::string("no error");
  };
  ChangeQuery bad = q;
  bad.beforeMs = 0;
  EXPECT_NE(message(bad).find("beforeMs"), std::string::npos);
  bad = q;
  bad.afterMs = ChangeQuery::kMaxWindowMs + 1;
  EXPECT_NE(message(bad).find("afterMs"), std::string::npos);
  bad = q;
  bad.limit = -1;
  EXPECT_NE(message(bad).find("limit"), std::string::npos);
  bad = q;
  bad.atMs = -5;
  EXPECT_NE(message(bad).find("atMs"), std::string::npos);
  bad = q;
  bad.minKnown = 0;
  EXPECT_NE(message(bad).find("minKnown"), std::string::npos);
  bad = q;
  bad.ids = {id, 999};
  EXPECT_NE(message(bad).find("999"), std::string::npos);
  // An empty set ranks nothing, without error.
  q.ids.clear();
  ChangeRanking r = e.rankChanges(q);
  EXPECT_EQ(r.ranked + r.skipped, 0);
}

}  // namespace
