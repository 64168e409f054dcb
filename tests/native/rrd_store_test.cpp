#include "rrd_store.h"
#include "tiers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "doflamingo/error.h"
#include "test_support.h"

using namespace doflamingo;
using dftest::TempDir;
using dftest::valueAt;

namespace {

std::vector<Point> points(std::int64_t t0, int first, int count, double base = 0) {
  std::vector<Point> out;
  for (int i = first; i < first + count; ++i) out.push_back({t0 + i * 2000, base + i});
  return out;
}

RrdStore smallStore(const std::string& root) { return RrdStore(root, ""); }

// The layout every file of these tests has: 2 s for an hour, 1 min for a day, MIN/MAX kept.
const RrdLayout& small() {
  static const RrdLayout layout(parseTiers("2s:1h,1m:1d"), 10, true);
  return layout;
}

}  // namespace

TEST(RrdStore, RraDefinitionsOfTheDefaultTiers) {
  TempDir tmp;
  RrdStore s(tmp.path(), "");
  RrdLayout layout(parseTiers(kDefaultTiers), 10, true);
  // The base tier has AVERAGE only: at one point a row MIN and MAX would just repeat it.
  EXPECT_EQ(layout.rraDefinitions(), (std::vector<std::string>{
                                    "RRA:AVERAGE:0.5:1:43200",
                                    "RRA:AVERAGE:0.5:30:20160", "RRA:MIN:0.5:30:20160", "RRA:MAX:0.5:30:20160",
                                    "RRA:AVERAGE:0.5:450:17280", "RRA:MIN:0.5:450:17280", "RRA:MAX:0.5:450:17280",
                                    "RRA:AVERAGE:0.5:1800:43800", "RRA:MIN:0.5:1800:43800", "RRA:MAX:0.5:1800:43800"}));
  EXPECT_FALSE(s.cached());
  EXPECT_EQ(layout.tiers().size(), 4u);
}

TEST(RrdStore, WriteCreatesTheFileAndFetchReadsIt) {
  TempDir tmp;
  RrdStore s = smallStore(tmp.path());
  const std::int64_t t0 = dftest::alignedPastMs(10);
  RrdStore::WriteResult r = s.write("ab/0123456789abcdef.rrd", small(), points(t0, 0, 10, 0.5));
  ASSERT_EQ(r.status, RrdStore::WriteStatus::Ok) << r.error;
  EXPECT_TRUE(std::filesystem::exists(tmp.path() + "/ab/0123456789abcdef.rrd"));
  SeriesData d = s.fetch("ab/0123456789abcdef.rrd", small(), Consolidation::Average, t0, t0 + 18'000, 2000);
  EXPECT_EQ(d.startMs, t0);
  EXPECT_EQ(d.stepMs, 2000);
  ASSERT_EQ(d.values.size(), 10u);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(d.values[i], 0.5 + i) << i;
  EXPECT_TRUE(s.write("ab/0123456789abcdef.rrd", small(), {}).error.empty());  // nothing to do
}

TEST(RrdStore, RewritingWhatTheFileHoldsIsANoOp) {
  TempDir tmp;
  RrdStore s = smallStore(tmp.path());
  const std::int64_t t0 = dftest::alignedPastMs(10);
  ASSERT_EQ(s.write("f.rrd", small(), points(t0, 0, 10)).status, RrdStore::WriteStatus::Ok);
  // Journal replay hands the same points again, plus newer ones.
  RrdStore::WriteResult r = s.write("f.rrd", small(), points(t0, 0, 15, 1000));
  ASSERT_EQ(r.status, RrdStore::WriteStatus::Ok) << r.error;
  r = s.write("f.rrd", small(), points(t0, 0, 5));
  ASSERT_EQ(r.status, RrdStore::WriteStatus::Ok) << r.error;
  SeriesData d = s.fetch("f.rrd", small(), Consolidation::Average, t0, t0 + 14 * 2000, 2000);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(valueAt(d, t0 + i * 2000), i) << i;  // the first write stands
  for (int i = 10; i < 15; ++i) EXPECT_EQ(valueAt(d, t0 + i * 2000), 1000 + i) << i;
}

TEST(RrdStore, MillisecondTimesAndUnknownValues) {
  TempDir tmp;
  RrdStore s = smallStore(tmp.path());
  const std::int64_t t0 = dftest::alignedPastMs(10);
  std::vector<Point> p{{t0 + 250, 1}, {t0 + 2250, std::nan("")}, {t0 + 4250, 3}, {t0 + 6250, 3}};
  RrdStore::WriteResult r = s.write("ms.rrd", small(), p);
  ASSERT_EQ(r.status, RrdStore::WriteStatus::Ok) << r.error;
  SeriesData d = s.fetch("ms.rrd", small(), Consolidation::Average, t0 + 2000, t0 + 8000, 2000);
  ASSERT_EQ(d.startMs, t0 + 2000);
  // Times reach librrd as whole seconds rounded up (t0+4.25 s is t0+5 s), so a sample falls in the
  // step ending at or after it, as in the live ring: (t0+4 s, t0+6 s] lies inside (t0+3 s, t0+7 s]
  // of value 3.
  EXPECT_EQ(valueAt(d, t0 + 6000), 3);
  SeriesData first = s.fetch("ms.rrd", small(), Consolidation::Average, t0, t0 + 2000, 2000);
  EXPECT_TRUE(std::isnan(valueAt(first, t0)));  // nothing before the first sample
  EXPECT_EQ(valueAt(first, t0 + 2000), 1);      // t0+0.25 s is in the step ending at t0+2 s
}

TEST(RrdStore, SamplesInOneSecondCollapseToTheLastAndAveragesStayExact) {
  TempDir tmp;
  RrdStore s = smallStore(tmp.path());
  const std::int64_t t0 = dftest::alignedPastMs(10);
  // Irregular sub-second times (a scrape's start wanders): a constant reads back exactly.
  std::vector<Point> p{{t0 + 100, 5}, {t0 + 600, 7}, {t0 + 1700, 1}, {t0 + 2900, 1}, {t0 + 4100, 1}, {t0 + 6300, 1}};
  ASSERT_EQ(s.write("c.rrd", small(), p).status, RrdStore::WriteStatus::Ok);
  SeriesData d = s.fetch("c.rrd", small(), Consolidation::Average, t0 + 4000, t0 + 6000, 2000);
  EXPECT_EQ(valueAt(d, t0 + 4000), 1.0);
  EXPECT_EQ(valueAt(d, t0 + 6000), 1.0);
  SeriesData first = s.fetch("c.rrd", small(), Consolidation::Average, t0 + 2000, t0 + 2000, 2000);
  // t0+0.1 s and t0+0.6 s share a second and the later (7) stands for it; 1 holds the next second.
  EXPECT_EQ(valueAt(first, t0 + 2000), 4.0);
}

TEST(RrdStore, CoarseTiersKeepAverageMinAndMax) {
  TempDir tmp;
  RrdStore s = smallStore(tmp.path());
  const std::int64_t t0 = dftest::alignedPastMs(20, 60'000);
  std::vector<Point> p;
  for (int i = 0; i <= 300; ++i) p.push_back({t0 + i * 2000, i % 2 ? 4.0 : 2.0});
  ASSERT_EQ(s.write("c.rrd", small(), p).status, RrdStore::WriteStatus::Ok);
  const std::int64_t minute = t0 + 5 * 60'000;
  EXPECT_NEAR(valueAt(s.fetch("c.rrd", small(), Consolidation::Average, minute, minute, 60'000), minute), 3.0, 1e-9);
  EXPECT_EQ(valueAt(s.fetch("c.rrd", small(), Consolidation::Min, minute, minute, 60'000), minute), 2.0);
  EXPECT_EQ(valueAt(s.fetch("c.rrd", small(), Consolidation::Max, minute, minute, 60'000), minute), 4.0);
  SeriesData d = s.fetch("c.rrd", small(), Consolidation::Average, t0, t0 + 10 * 60'000, 60'000);
  EXPECT_EQ(d.stepMs, 60'000);
  EXPECT_EQ(d.startMs, t0);
  EXPECT_EQ(d.values.size(), 11u);
}

TEST(RrdStore, MissingFileReadsAsUnknownOnTheSameGrid) {
  TempDir tmp;
  RrdStore s = smallStore(tmp.path());
  const std::int64_t t0 = dftest::alignedPastMs(10);
  SeriesData d = s.fetch("nope/none.rrd", small(), Consolidation::Average, t0 + 1, t0 + 20'000, 2000);
  EXPECT_EQ(d.startMs, t0 + 2000);
  EXPECT_EQ(d.stepMs, 2000);
  EXPECT_EQ(d.values.size(), 10u);
  EXPECT_EQ(dftest::countKnown(d), 0u);
  EXPECT_FALSE(std::filesystem::exists(tmp.path() + "/nope"));  // reading creates nothing
}

TEST(RrdStore, CorruptFileIsQuarantinedOnWrite) {
  TempDir tmp;
  dftest::CapturedLog log;
  RrdStore s = smallStore(tmp.path());
  const std::int64_t t0 = dftest::alignedPastMs(10);
  ASSERT_EQ(s.write("x/bad.rrd", small(), points(t0, 0, 5)).status, RrdStore::WriteStatus::Ok);
  dftest::writeBytes(tmp.path() + "/x/bad.rrd", "not an rrd");
  RrdStore::WriteResult r = s.write("x/bad.rrd", small(), points(t0, 5, 5));
  ASSERT_EQ(r.status, RrdStore::WriteStatus::Ok) << r.error;
  EXPECT_EQ(s.quarantined(), 1);
  EXPECT_EQ(dftest::filesContaining(tmp.path() + "/x", "bad.rrd.corrupt-").size(), 1u);
  EXPECT_TRUE(log.contains(4, {"bad.rrd", "unusable"})) << log.dump();
  SeriesData d = s.fetch("x/bad.rrd", small(), Consolidation::Average, t0, t0 + 9 * 2000, 2000);
  EXPECT_TRUE(std::isnan(valueAt(d, t0 + 4 * 2000)));
  EXPECT_EQ(valueAt(d, t0 + 6 * 2000), 6);
}

TEST(RrdStore, WriteThatCannotCreateTheFileAsksForARetry) {
  TempDir tmp;
  dftest::writeBytes(tmp.sub("root"), "a file where the storage root should be");
  RrdStore s = smallStore(tmp.sub("root"));
  RrdStore::WriteResult r = s.write("ab/x.rrd", small(), points(dftest::alignedPastMs(10), 0, 3));
  EXPECT_EQ(r.status, RrdStore::WriteStatus::Retry);
  EXPECT_NE(r.error.find("ab"), std::string::npos) << r.error;
  EXPECT_EQ(s.quarantined(), 0);
}

TEST(RrdStore, RecognisesCorruptFileErrors) {
  EXPECT_TRUE(isCorruptFileError("'/d/x.rrd' is not an RRD file"));
  EXPECT_TRUE(isCorruptFileError("'/d/x.rrd' is too small (should be 669160 bytes)"));
  EXPECT_TRUE(isCorruptFileError("reached EOF while loading header rrd->stat_head"));
  EXPECT_TRUE(isCorruptFileError("mmaping file '/d/x.rrd': Invalid argument"));
  EXPECT_FALSE(isCorruptFileError("opening '/d/x.rrd': No space left on device"));
  EXPECT_FALSE(isCorruptFileError("opening '/d/x.rrd': Permission denied"));
  EXPECT_FALSE(isCorruptFileError("Unable to connect to rrdcached: Connection refused"));
}
