// Retention classes: chosen at intern, kept in series.log, shaping each series' file and ring, and
// honoured by every read (query, latest, group-by) and by journal replay.
#include <gtest/gtest.h>
#include <rrd.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "doflamingo/error.h"
#include "doflamingo/log.h"
#include "live_ring.h"
#include "series_registry.h"
#include "test_support.h"

using namespace doflamingo;
using dftest::sample;
using dftest::TempDir;
using dftest::valueAt;

namespace {

constexpr int kWarn = 3;  // spdlog's numbering (log.h)

// 30 s for a day, 1 h for 30 days, no MIN/MAX: what a partition-level series might keep.
RetentionClass slowClass(std::int64_t liveWindowSeconds = 3600) {
  return RetentionClass{"slow", "30s:1d,1h:30d", false, liveWindowSeconds};
}

class RetentionClassTest : public ::testing::Test {
 protected:
  EngineOptions options() const {
    EngineOptions o = dftest::engineOptions(tmp_.sub("data"));
    o.flusherThreads = 1;
    o.retentionClasses = {slowClass()};
    return o;
  }
  std::string rrdRoot() const { return tmp_.sub("data") + "/rrd"; }

  TempDir tmp_;
};

SeriesKey keyOf(const std::string& cls) { return SeriesKey::make("m", {{"cls", cls}}); }

// rrdinfo of a file as text: "step" -> "30", "rra[0].cf" -> "AVERAGE", ...
std::map<std::string, std::string> rrdInfo(const std::string& path) {
  std::map<std::string, std::string> out;
  rrd_info_t* info = rrd_info_r(path.c_str());
  EXPECT_NE(info, nullptr) << rrd_get_error();
  for (rrd_info_t* i = info; i; i = i->next) {
    switch (i->type) {
      case RD_I_CNT: out[i->key] = std::to_string(i->value.u_cnt); break;
      case RD_I_STR: out[i->key] = i->value.u_str; break;
      case RD_I_INT: out[i->key] = std::to_string(i->value.u_int); break;
      default: break;
    }
  }
  rrd_info_free(info);
  return out;
}

// A series.log entry in the first format (no class), CRC-checked as the registry writes it.
std::string v1Entry(std::uint32_t id, const SeriesKey& key, const std::string& file) {
  std::string e;
  auto u32 = [&](std::uint32_t v) { e.append(reinterpret_cast<const char*>(&v), 4); };
  const std::string k = key.encode();
  u32(0x31534644);  // "DFS1"
  u32(id);
  u32(0);  // gauge
  u32(static_cast<std::uint32_t>(k.size()));
  e += k;
  u32(static_cast<std::uint32_t>(file.size()));
  e += file;
  u32(static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(e.data()), static_cast<uInt>(e.size()))));
  return e;
}

}  // namespace

TEST_F(RetentionClassTest, ClassChosenAtInternSurvivesARestart) {
  std::uint32_t fast, slow;
  {
    Engine e(options());
    fast = e.intern(keyOf("fast"), SeriesKind::Gauge);
    slow = e.intern(keyOf("slow"), SeriesKind::Gauge, "slow");
    EXPECT_EQ(e.retentionClassOf({fast, slow}), (std::vector<std::uint32_t>{0, 1}));
    e.close();
  }
  Engine e(options());
  EXPECT_EQ(e.retentionClassOf({slow, fast}), (std::vector<std::uint32_t>{1, 0}));
  // Another class for a known series keeps the first (its file's layout is fixed), logged once.
  dftest::CapturedLog log;
  EXPECT_EQ(e.intern(keyOf("slow"), SeriesKind::Gauge), slow);
  EXPECT_EQ(e.intern(keyOf("slow"), SeriesKind::Gauge, "default"), slow);
  EXPECT_EQ(e.retentionClassOf({slow}), (std::vector<std::uint32_t>{1}));
  EXPECT_TRUE(log.contains(kWarn, {"m{cls=\"slow\"}", "keeps retention class 'slow'", "not 'default'"}))
      << log.dump();
  EXPECT_THROW(e.retentionClassOf({fast, 99}), InvalidArgument);
}

TEST_F(RetentionClassTest, SeriesLogOfTheFirstFormatLoadsAsDefault) {
  const std::string path = tmp_.sub("series.log");
  const SeriesKey old = keyOf("old");
  dftest::writeBytes(path, v1Entry(0, old, "ab/0123456789abcdef.rrd"));
  {
    SeriesRegistry r(path);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r.info(0).key, old);
    EXPECT_EQ(r.retentionClass(0), "default");
    EXPECT_EQ(r.file(0), "ab/0123456789abcdef.rrd");  // as recorded, even when not derived from the key
    // New entries (second format) follow the old ones and name their class.
    EXPECT_EQ(r.intern(keyOf("new"), SeriesKind::Gauge, "slow"), 1u);
  }
  SeriesRegistry r(path);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r.retentionClass(0), "default");
  EXPECT_EQ(r.retentionClass(1), "slow");
  EXPECT_EQ(r.find(old), std::optional<std::uint32_t>(0));
  EXPECT_NE(r.file(1), r.file(0));
}

TEST_F(RetentionClassTest, ADamagedClassNameEndsTheLogThere) {
  const std::string path = tmp_.sub("series.log");
  std::uintmax_t sizeAfterOne = 0;
  {
    SeriesRegistry r(path);
    r.intern(keyOf("a"), SeriesKind::Gauge, "slow");
    sizeAfterOne = std::filesystem::file_size(path);
    r.intern(keyOf("b"), SeriesKind::Gauge, "slow");
  }
  std::string bytes = dftest::readBytes(path);
  bytes[bytes.size() - 6] ^= 0x01;  // inside the class name of the second entry
  dftest::writeBytes(path, bytes);
  SeriesRegistry r(path);
  EXPECT_EQ(r.size(), 1u);
  EXPECT_EQ(std::filesystem::file_size(path), sizeAfterOne);
  EXPECT_EQ(r.retentionClass(0), "slow");
}

TEST_F(RetentionClassTest, ClassesTheOptionsNoLongerDefineReadAsDefault) {
  {
    Engine e(options());
    e.intern(keyOf("slow"), SeriesKind::Gauge, "slow");
    e.close();
  }
  dftest::CapturedLog log;
  EngineOptions o = options();
  o.retentionClasses.clear();
  Engine e(o);
  EXPECT_EQ(e.retentionClassOf({0}), (std::vector<std::uint32_t>{0}));
  EXPECT_TRUE(log.contains(kWarn, {"retention class 'slow'", "not defined"})) << log.dump();
}

TEST_F(RetentionClassTest, EachClassHasItsOwnFileLayoutOfExactlyTheSizeItSays) {
  const std::int64_t t0 = dftest::alignedPastMs(10, 30'000);
  Engine e(options());
  std::uint32_t fast = e.intern(keyOf("fast"), SeriesKind::Gauge);
  std::uint32_t slow = e.intern(keyOf("slow"), SeriesKind::Gauge, "slow");
  dftest::ingest(e, {sample(fast, t0, 1), sample(slow, t0, 1)});
  e.flush();
  std::vector<RetentionClassInfo> classes = e.retentionClasses();
  ASSERT_EQ(classes.size(), 2u);
  EXPECT_EQ(classes[0].definition.name, "default");
  EXPECT_EQ(classes[0].definition.tiers, kDefaultTiers);
  EXPECT_TRUE(classes[0].definition.minMax);
  EXPECT_EQ(classes[0].heartbeatSeconds, 10);
  EXPECT_EQ(classes[0].ringBytes, 1800 * 8);
  EXPECT_EQ(classes[1].definition.name, "slow");
  EXPECT_EQ(classes[1].baseStepMs(), 30'000);
  EXPECT_EQ(classes[1].heartbeatSeconds, 150);
  EXPECT_EQ(classes[1].ringBytes, 120 * 8);

  std::vector<std::string> files = dftest::filesEndingWith(rrdRoot(), ".rrd");
  ASSERT_EQ(files.size(), 2u);
  int seen = 0;
  for (const std::string& f : files) {
    std::map<std::string, std::string> info = rrdInfo(f);
    const auto size = static_cast<std::int64_t>(std::filesystem::file_size(f));
    if (info["step"] == "30") {
      ++seen;
      EXPECT_EQ(size, classes[1].fileBytes);
      EXPECT_EQ(info["ds[v].minimal_heartbeat"], "150");
      EXPECT_EQ(info["rra[0].cf"], "AVERAGE");
      EXPECT_EQ(info["rra[0].rows"], "2880");
      EXPECT_EQ(info["rra[0].pdp_per_row"], "1");
      EXPECT_EQ(info["rra[1].cf"], "AVERAGE");
      EXPECT_EQ(info["rra[1].rows"], "720");
      EXPECT_EQ(info["rra[1].pdp_per_row"], "120");
      EXPECT_EQ(info.count("rra[2].cf"), 0u);  // no MIN/MAX
    } else {
      ++seen;
      EXPECT_EQ(info["step"], "2");
      EXPECT_EQ(size, classes[0].fileBytes);
      EXPECT_EQ(info["rra[2].cf"], "MIN");
      EXPECT_EQ(info["rra[3].cf"], "MAX");
      EXPECT_EQ(info["rra[9].cf"], "MAX");
    }
  }
  EXPECT_EQ(seen, 2);
  // Sized without an engine, the same.
  EXPECT_EQ(describeRetentionClass(slowClass()).fileBytes, classes[1].fileBytes);
  EXPECT_EQ(describeRetentionClass(RetentionClass{"d", kDefaultTiers, true, 3600}, 10).fileBytes, classes[0].fileBytes);
  // The figure: the default file is 2.3 MB.
  EXPECT_NEAR(static_cast<double>(classes[0].fileBytes), 2.3e6, 0.05e6);
}

TEST_F(RetentionClassTest, QueriesLatestAndGroupByAcrossMixedClasses) {
  const std::int64_t t0 = dftest::alignedPastMs(10, 30'000);
  Engine e(options());
  std::uint32_t fast = e.intern(keyOf("fast"), SeriesKind::Gauge);
  std::uint32_t slow = e.intern(keyOf("slow"), SeriesKind::Gauge, "slow");
  std::vector<Sample> batch;
  for (int i = 1; i <= 150; ++i) batch.push_back(sample(fast, t0 + i * 2000, 1));
  for (int i = 1; i <= 10; ++i) batch.push_back(sample(slow, t0 + i * 30'000, 10));
  std::sort(batch.begin(), batch.end(), [](const Sample& a, const Sample& b) { return a.timeMs < b.timeMs; });
  ASSERT_EQ(dftest::ingest(e, batch).accepted, 160);
  const std::int64_t end = t0 + 300'000;

  // Base resolution: each on its own class's step, from the ring.
  SeriesData f = e.query(fast, t0 + 2000, end, 0);
  SeriesData s = e.query(slow, t0 + 30'000, end, 0);
  EXPECT_EQ(f.stepMs, 2000);
  EXPECT_EQ(f.values.size(), 150u);
  EXPECT_EQ(s.stepMs, 30'000);
  ASSERT_EQ(s.values.size(), 10u);
  for (double v : s.values) EXPECT_EQ(v, 10);

  // "Current" in base steps of each series' class: 20 s after the last samples the 2 s series is
  // stale (beyond 5 × 2 s), the 30 s one is not (within 5 × 30 s).
  const std::int64_t later = end + 20'000;
  std::vector<Point> byAge = e.latest({fast, slow}, later, 10'000);
  EXPECT_TRUE(std::isnan(byAge[0].value));
  EXPECT_TRUE(std::isnan(byAge[1].value));
  std::vector<Point> bySteps = e.latestWithinSteps({fast, slow}, later, 5);
  EXPECT_TRUE(std::isnan(bySteps[0].value));
  EXPECT_EQ(bySteps[1].value, 10);
  EXPECT_EQ(bySteps[1].timeMs, end);
  bySteps = e.latestWithinSteps({fast, slow}, end, 5);
  EXPECT_EQ(bySteps[0].value, 1);
  EXPECT_EQ(bySteps[0].timeMs, end);
  // A value read inside a 30 s step is stamped at its end, ahead of the clock: current all the same.
  ASSERT_EQ(dftest::ingest(e, {sample(slow, end + 5000, 12)}).accepted, 1);
  bySteps = e.latestWithinSteps({slow}, end + 6000, 5);
  EXPECT_EQ(bySteps[0].value, 12);
  EXPECT_EQ(bySteps[0].timeMs, end + 30'000);
  EXPECT_THROW(e.latestWithinSteps({fast}, end, -1), InvalidArgument);
  EXPECT_THROW(e.latestWithinSteps({fast, 7}, end, 5), InvalidArgument);

  // Group-by: the 2 s series averaged into the 30 s steps of the other.
  GroupQuery q;
  q.name = "m";
  q.fromMs = t0 + 30'000;
  q.toMs = end;
  std::vector<GroupResult> g = e.groupBy(q);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].seriesCount, 2);
  EXPECT_EQ(g[0].data.stepMs, 30'000);
  for (std::int64_t t = t0 + 60'000; t <= end; t += 30'000) EXPECT_EQ(valueAt(g[0].data, t), 11) << t;

  // From the files too: each file answers at its own tiers.
  e.flush();
  SeriesData hourly = e.query(slow, t0 - 3'600'000, end, 3'600'000);
  EXPECT_EQ(hourly.stepMs, 3'600'000);
  SeriesData minutes = e.query(fast, t0, end, 60'000);
  EXPECT_EQ(minutes.stepMs, 60'000);
  SeriesData slowMinutes = e.query(slow, t0, end, 60'000, Consolidation::Average);
  EXPECT_EQ(slowMinutes.stepMs, 30'000);  // librrd's choice: the tier nearest 1 min that covers the range
}

TEST_F(RetentionClassTest, ASeriesYoungerThanItsCurrentWindowIsCurrentFromMemory) {
  EngineOptions o = options();
  o.flushBatch = 100000;  // nothing reaches a file: only the ring can answer
  Engine e(o);
  std::uint32_t slow = e.intern(keyOf("young"), SeriesKind::Gauge, "slow");
  const std::int64_t now = dftest::alignedPastMs(1, 30'000) + 30'000;
  ASSERT_EQ(dftest::ingest(e, {sample(slow, now - 20'000, 4)}).accepted, 1);
  // 5 steps of 30 s reach back 150 s, before the series was born: the ring answers all the same
  std::vector<Point> p = e.latestWithinSteps({slow}, now - 10'000, 5);
  EXPECT_EQ(p[0].value, 4);
  EXPECT_EQ(e.latest({slow}, now, 600'000)[0].value, 4);
  EXPECT_EQ(e.stats().rrdWrites, 0);
}

// The range read's twin of the test above: a range that starts before a young series' ring (a
// chart of the last 15 minutes of a partition read 2 minutes ago) goes to the file, and must still
// hold every value, the buffered ones and the newest, exactly as the ring holds them.
TEST_F(RetentionClassTest, ARangeStartingBeforeAYoungSeriesRingHoldsEveryValue) {
  EngineOptions o = options();
  o.flushBatch = 100000;  // nothing reaches a file on its own: the read must see the buffered values
  Engine e(o);
  std::uint32_t slow = e.intern(keyOf("young"), SeriesKind::Gauge, "slow");
  const std::int64_t end = dftest::alignedPastMs(1, 30'000);  // a step end, a minute ago
  // read as a collector reads: 10 s into each step, so each value is stamped at its step's end
  std::vector<Sample> batch;
  for (int i = 0; i < 4; ++i) batch.push_back(sample(slow, end - (3 - i) * 30'000 - 20'000, 10 + i));
  ASSERT_EQ(dftest::ingest(e, batch).accepted, 4);
  for (std::int64_t resolution : {std::int64_t{0}, std::int64_t{30'000}}) {
    // "now" 5 s after the newest read, inside its step: a chart of the last 15 minutes
    SeriesData d = e.query(slow, end - 900'000, end - 15'000, resolution);
    EXPECT_EQ(d.stepMs, 30'000) << resolution;
    // every step from the first value on has a row (the file's are librrd's time-weighted ones),
    // the newest too, though librrd has not completed its row yet: the ring's value
    for (int i = 0; i < 4; ++i) EXPECT_FALSE(std::isnan(valueAt(d, end - (3 - i) * 30'000))) << "step " << i << ", resolution " << resolution;
    EXPECT_EQ(valueAt(d, end), 13) << resolution;
    // nothing before the series' first value, and the answer reaches the end asked for
    EXPECT_TRUE(std::isnan(valueAt(d, end - 4 * 30'000))) << resolution;
    EXPECT_EQ(d.startMs + static_cast<std::int64_t>(d.values.size() - 1) * d.stepMs, end) << resolution;
  }
  // the bulk read answers the same
  std::vector<SeriesData> both = e.query(std::vector<std::uint32_t>{slow}, end - 900'000, end - 15'000, 0, Consolidation::Average);
  EXPECT_EQ(valueAt(both[0], end), 13);
}

TEST_F(RetentionClassTest, EachClassHasItsOwnRingOrNone) {
  const std::int64_t t0 = dftest::alignedPastMs(10, 30'000);
  EngineOptions o = options();
  o.retentionClasses = {slowClass(600), RetentionClass{"bare", "1m:1d", false, 0}};
  Engine e(o);
  std::uint32_t slow = e.intern(keyOf("slow"), SeriesKind::Gauge, "slow");
  std::uint32_t bare = e.intern(keyOf("bare"), SeriesKind::Gauge, "bare");
  std::vector<Sample> batch;
  for (int i = 1; i <= 5; ++i) batch.push_back(sample(slow, t0 + i * 60'000, i));
  for (int i = 1; i <= 5; ++i) batch.push_back(sample(bare, t0 + i * 60'000, i));
  std::sort(batch.begin(), batch.end(), [](const Sample& a, const Sample& b) { return a.timeMs < b.timeMs; });
  dftest::ingest(e, batch);
  // Only the slow series has a ring: 600 s / 30 s slots.
  EXPECT_EQ(e.stats().liveRingBytes, static_cast<std::int64_t>(LiveRing(30'000, 600'000).memoryBytes()));
  EXPECT_EQ(e.stats().rrdWrites, 0);
  // Without a ring a read goes to the file (writing its buffer first).
  SeriesData d = e.query(bare, t0 + 60'000, t0 + 300'000, 0);
  EXPECT_EQ(d.stepMs, 60'000);
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(valueAt(d, t0 + i * 60'000), i) << i;
  EXPECT_EQ(e.stats().rrdWrites, 1);
  std::vector<Point> p = e.latestWithinSteps({slow, bare}, t0 + 300'000, 1);
  EXPECT_EQ(p[0].value, 5);
  EXPECT_EQ(p[1].value, 5);
  EXPECT_EQ(e.stats().rrdWrites, 1);  // the slow series answered from its ring
}

TEST_F(RetentionClassTest, JournalReplayPutsEachSeriesBackInItsClass) {
  const std::int64_t t0 = dftest::alignedPastMs(10, 30'000);
  EngineOptions o = options();
  o.flushBatch = 100000;  // nothing reaches RRD on its own
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    try {
      Engine e(o);
      std::uint32_t fast = e.intern(keyOf("fast"), SeriesKind::Gauge);
      std::uint32_t slow = e.intern(keyOf("slow"), SeriesKind::Gauge, "slow");
      std::vector<Sample> batch;
      for (int i = 1; i <= 10; ++i) batch.push_back(sample(fast, t0 + i * 30'000, i));
      for (int i = 1; i <= 10; ++i) batch.push_back(sample(slow, t0 + i * 30'000, 100 + i));
      e.ingest(batch.data(), batch.size());
      ::_exit(0);  // no close(): the journal holds everything
    } catch (...) {
      ::_exit(3);
    }
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  Engine e(options());
  EXPECT_EQ(e.stats().replayedSamples, 20);
  SeriesData s = e.query(1, t0 + 30'000, t0 + 300'000, 0);
  EXPECT_EQ(s.stepMs, 30'000);
  for (int i = 1; i <= 10; ++i) EXPECT_EQ(valueAt(s, t0 + i * 30'000), 100 + i) << i;
  e.flush();
  EXPECT_EQ(e.stats().rrdWriteErrors, 0);
  int slowFiles = 0;
  for (const std::string& f : dftest::filesEndingWith(rrdRoot(), ".rrd")) slowFiles += rrdInfo(f)["step"] == "30";
  EXPECT_EQ(slowFiles, 1);
}

TEST_F(RetentionClassTest, BadClassDefinitionsAreRefusedNamingTheClassAndPart) {
  auto refused = [&](std::vector<RetentionClass> classes, const std::string& part) {
    EngineOptions o = options();
    o.retentionClasses = std::move(classes);
    try {
      Engine e(o);
      ADD_FAILURE() << "accepted; expected an error naming " << part;
    } catch (const InvalidArgument& err) {
      EXPECT_NE(std::string(err.what()).find(part), std::string::npos) << err.what();
    }
  };
  refused({RetentionClass{"p", "30s:1d,1m:12h", false, 0}}, "retention class 'p': tiers: tier '1m:12h' must keep more");
  refused({RetentionClass{"p", "", false, 0}}, "retention class 'p': tiers: no retention tiers");
  refused({RetentionClass{"p", "30x:1d", false, 0}}, "retention class 'p': tiers: duration '30x'");
  refused({RetentionClass{"p", "30s:1d", false, -1}}, "retention class 'p': liveWindowSeconds must not be negative");
  refused({slowClass(), slowClass()}, "retention class 'slow' is defined twice");
  refused({RetentionClass{"default", "2s:1d", true, 60}, RetentionClass{"default", "2s:1d", true, 60}},
          "retention class 'default' is defined twice");
  refused({RetentionClass{"", "2s:1d", true, 60}}, "retention class name '': expected 1 to 64 letters");
  refused({RetentionClass{"a/b", "2s:1d", true, 60}}, "retention class name 'a/b'");

  Engine e(options());
  try {
    e.intern(keyOf("x"), SeriesKind::Gauge, "partition");
    ADD_FAILURE() << "an unknown class was accepted";
  } catch (const InvalidArgument& err) {
    EXPECT_STREQ(err.what(), "unknown retention class 'partition'; defined: default, slow");
  }
  EXPECT_EQ(e.stats().series, 0);  // nothing registered
  EXPECT_THROW(describeRetentionClass(RetentionClass{"p", "1m", false, 0}), InvalidArgument);
}

TEST_F(RetentionClassTest, TheOptionsMayDefineDefaultThemselves) {
  EngineOptions o = options();
  o.retentionClasses = {RetentionClass{"default", "10s:1d,1h:1y", false, 0}, slowClass()};
  o.heartbeatSeconds = 120;  // a floor above five base steps for a class of its own
  Engine e(o);
  std::vector<RetentionClassInfo> classes = e.retentionClasses();
  ASSERT_EQ(classes.size(), 2u);
  EXPECT_EQ(classes[0].definition.name, "default");
  EXPECT_EQ(classes[0].baseStepMs(), 10'000);
  EXPECT_FALSE(classes[0].definition.minMax);
  EXPECT_EQ(classes[0].heartbeatSeconds, 120);
  EXPECT_EQ(classes[0].ringBytes, 0);
  EXPECT_EQ(classes[1].heartbeatSeconds, 150);
  EXPECT_EQ(e.tiers().front().stepSeconds, 10);
}
