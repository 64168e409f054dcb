// The bulk reads: many series per call (query, latest, keys, kinds), each checked against the
// single-series answers it replaces.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
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

class EngineBulkReadTest : public ::testing::Test {
 protected:
  EngineOptions options(std::int64_t liveWindowSeconds = 3600) const {
    EngineOptions o = dftest::engineOptions(tmp_.sub("data"));
    o.flusherThreads = 1;
    o.flushBatch = 100000;  // nothing written back unless a read or flush asks for it
    o.maxBufferedSamples = 1000000;
    o.liveWindowSeconds = liveWindowSeconds;
    return o;
  }

  // Series h0..h(n-1), the i-th holding value 10*i + k at t0 + k*2 s for k < 30, every third one
  // with nothing in the last 20 s.
  std::vector<std::uint32_t> fill(Engine& e, int n, std::int64_t t0) {
    std::vector<std::uint32_t> ids;
    std::vector<Sample> batch;
    for (int i = 0; i < n; ++i) {
      ids.push_back(e.intern(SeriesKey::make("heap.used", {{"host", "h" + std::to_string(i)}}), SeriesKind::Gauge));
      int last = i % 3 == 2 ? 20 : 30;
      for (int k = 0; k < last; ++k) batch.push_back(sample(ids.back(), t0 + k * 2000, 10 * i + k));
    }
    ingest(e, batch);
    return ids;
  }

  TempDir tmp_;
};

bool sameValues(const SeriesData& a, const SeriesData& b) {
  if (a.startMs != b.startMs || a.stepMs != b.stepMs || a.values.size() != b.values.size()) return false;
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    if (std::isnan(a.values[i]) != std::isnan(b.values[i])) return false;
    if (!std::isnan(a.values[i]) && a.values[i] != b.values[i]) return false;
  }
  return true;
}

double newestKnown(const SeriesData& d) {
  for (std::size_t i = d.values.size(); i-- > 0;) {
    if (!std::isnan(d.values[i])) return d.values[i];
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

TEST_F(EngineBulkReadTest, ManySeriesQueryAnswersAsTheSingleQueries) {
  Engine e(options());
  const std::int64_t t0 = dftest::alignedPastMs(10);
  std::vector<std::uint32_t> ids = fill(e, 7, t0);
  std::vector<std::uint32_t> asked = {ids[3], ids[0], ids[3], ids[6]};  // any order, repeats allowed
  for (Consolidation cf : {Consolidation::Average, Consolidation::Max}) {
    std::vector<SeriesData> many = e.query(asked, t0 - 4000, t0 + 70'000, 2000, cf);
    ASSERT_EQ(many.size(), asked.size());
    for (std::size_t i = 0; i < asked.size(); ++i) {
      EXPECT_TRUE(sameValues(many[i], e.query(asked[i], t0 - 4000, t0 + 70'000, 2000, cf))) << i;
    }
  }
  EXPECT_TRUE(e.query(std::vector<std::uint32_t>{}, t0, t0 + 2000, 2000).empty());
}

TEST_F(EngineBulkReadTest, LatestAnswersFromTheLiveRingWithoutTouchingDisk) {
  Engine e(options());
  const std::int64_t t0 = dftest::alignedPastMs(10);
  std::vector<std::uint32_t> ids = fill(e, 6, t0);
  const std::int64_t at = t0 + 29 * 2000 + 500;  // inside the step stamped t0 + 60 s
  std::vector<Point> got = e.latest(ids, at, 10'000);
  ASSERT_EQ(got.size(), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    SCOPED_TRACE("series " + std::to_string(i));
    SeriesData q = e.query(ids[i], at - 10'000, at, 2000);
    if (i % 3 == 2) {
      // Its last sample (t0 + 38 s) is older than the window.
      EXPECT_TRUE(std::isnan(got[i].value));
      EXPECT_EQ(got[i].timeMs, 0);
      EXPECT_EQ(dftest::countKnown(q), 0u);
    } else {
      EXPECT_EQ(got[i].value, 10.0 * i + 29);
      EXPECT_EQ(got[i].timeMs, t0 + 29 * 2000);
      EXPECT_EQ(newestKnown(q), got[i].value);
    }
  }
  // The window's older end: at t0 + 40 s with 20 s of age, the third series' newest is t0 + 38 s.
  std::vector<Point> older = e.latest({ids[2]}, t0 + 40'000, 20'000);
  EXPECT_EQ(older[0].value, 20.0 + 19);
  EXPECT_EQ(older[0].timeMs, t0 + 38'000);
  // Reading the RRD files would have written each series' buffer first.
  EngineStats s = e.stats();
  EXPECT_EQ(s.rrdWrites, 0);
  EXPECT_EQ(s.samplesBuffered, 6 * 30 - 2 * 10);
  EXPECT_TRUE(dftest::filesEndingWith(tmp_.sub("data/rrd"), ".rrd").empty());
}

TEST_F(EngineBulkReadTest, LatestOutsideTheLiveRingReadsTheStore) {
  Engine e(options(10));  // a ten-second ring: an older window is on disk only
  const std::int64_t t0 = dftest::alignedPastMs(10);
  std::vector<std::uint32_t> ids = fill(e, 3, t0);
  // A window reaching back past the rings' first points: what a ring holds of it is the newest.
  std::vector<Point> got = e.latest(ids, t0 + 29 * 2000, 10'000);
  EXPECT_EQ(got[0].value, 29);
  EXPECT_EQ(got[0].timeMs, t0 + 29 * 2000);
  EXPECT_EQ(got[1].value, 39);
  EXPECT_TRUE(std::isnan(got[2].value));  // its newest, t0 + 38 s, is 10 s before the window
  EXPECT_EQ(e.stats().rrdWrites, 0);
  // A window older than the first two rings: read from their files (their buffers written first).
  std::vector<Point> before = e.latest(ids, t0 + 40'000, 6'000);
  EXPECT_EQ(before[0].value, 20);
  EXPECT_EQ(before[1].value, 30);
  EXPECT_EQ(before[2].value, 39);  // its ring still holds t0 + 38 s
  EXPECT_GE(e.stats().rrdWrites, 1);
  EXPECT_FALSE(dftest::filesEndingWith(tmp_.sub("data/rrd"), ".rrd").empty());
}

TEST_F(EngineBulkReadTest, LatestOfACounterIsItsStoredRate) {
  Engine e(options());
  std::uint32_t id = e.intern(SeriesKey::make("bytes.in", {{"broker", "1"}}), SeriesKind::Counter);
  const std::int64_t t0 = dftest::alignedPastMs(5);
  ingest(e, {sample(id, t0, 1000), sample(id, t0 + 2000, 1100), sample(id, t0 + 4000, 1500)});
  std::vector<Point> got = e.latest({id}, t0 + 4000, 10'000);
  EXPECT_EQ(got[0].value, 200.0);  // (1500 - 1100) / 2 s
  EXPECT_EQ(got[0].timeMs, t0 + 4000);
}

TEST_F(EngineBulkReadTest, KeysAndKindsOfManySeries) {
  Engine e(options());
  SeriesKey a = SeriesKey::make("kafka.lag", {{"group", "g\xF0\x9F\x98\x80"}, {"topic", std::string("t\0x", 3)}});
  SeriesKey b = SeriesKey::make("bytes.in", {{"broker", "1"}});
  std::uint32_t ia = e.intern(a, SeriesKind::Gauge);
  std::uint32_t ib = e.intern(b, SeriesKind::Counter);
  EXPECT_EQ(e.keys({ib, ia, ib}), (std::vector<SeriesKey>{b, a, b}));
  EXPECT_EQ(e.kinds({ia, ib}), (std::vector<SeriesKind>{SeriesKind::Gauge, SeriesKind::Counter}));
  EXPECT_TRUE(e.keys({}).empty());
}

TEST_F(EngineBulkReadTest, AnUnknownIdIsNamedAndNothingIsAnswered) {
  Engine e(options());
  const std::int64_t t0 = dftest::alignedPastMs(10);
  std::vector<std::uint32_t> ids = fill(e, 2, t0);
  std::vector<std::uint32_t> bad = {ids[0], 4711, ids[1]};
  auto expectNamed = [](auto&& call) {
    try {
      call();
      ADD_FAILURE() << "no InvalidArgument";
    } catch (const InvalidArgument& ex) {
      EXPECT_NE(std::string(ex.what()).find("4711"), std::string::npos) << ex.what();
    }
  };
  expectNamed([&] { e.latest(bad, t0, 10'000); });
  expectNamed([&] { e.query(bad, t0, t0 + 10'000, 2000); });
  expectNamed([&] { e.keys(bad); });
  expectNamed([&] { e.kinds(bad); });
  EXPECT_THROW(e.latest(ids, t0, -1), InvalidArgument);
  // The one valid series before the bad id was not read (no write-back for it).
  EXPECT_EQ(e.stats().rrdWrites, 0);
}

TEST_F(EngineBulkReadTest, BulkReadsOfAClosedEngineThrowClosed) {
  Engine e(options());
  std::uint32_t id = e.intern(SeriesKey::make("x", {}), SeriesKind::Gauge);
  e.close();
  EXPECT_THROW(e.latest({id}, 1000, 1000), Closed);
  EXPECT_THROW(e.query(std::vector<std::uint32_t>{id}, 0, 1000, 2000), Closed);
  EXPECT_THROW(e.keys({id}), Closed);
  EXPECT_THROW(e.kinds({id}), Closed);
}
