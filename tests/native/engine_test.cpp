#include "doflamingo/engine.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <thread>

#include "doflamingo/error.h"
#include "test_support.h"

using namespace doflamingo;
using dftest::ingest;
using dftest::sample;
using dftest::TempDir;
using dftest::valueAt;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

class EngineTest : public ::testing::Test {
 protected:
  EngineOptions options() const {
    EngineOptions o = dftest::engineOptions(tmp_.sub("data"));
    o.flusherThreads = 1;
    return o;
  }
  // Options whose live window is too short for the test's samples: queries go to the RRD files.
  EngineOptions rrdOptions() const {
    EngineOptions o = options();
    o.liveWindowSeconds = 10;
    return o;
  }
  std::string rrdRoot() const { return tmp_.sub("data") + "/rrd"; }
  // The one RRD file of a single-series test.
  std::string onlyRrdFile() const {
    std::vector<std::string> files = dftest::filesEndingWith(rrdRoot(), ".rrd");
    EXPECT_EQ(files.size(), 1u);
    return files.empty() ? std::string() : files.front();
  }

  TempDir tmp_;
};

SeriesKey gaugeKey(const std::string& host = "a") { return SeriesKey::make("heap.used", {{"host", host}}); }

}  // namespace

TEST_F(EngineTest, GaugeValuesReadBackFromMemory) {
  Engine e(options());
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  const std::int64_t t0 = dftest::alignedPastMs(10);
  std::vector<Sample> batch;
  for (int i = 0; i < 30; ++i) batch.push_back(sample(id, t0 + i * 2000, 1.5 * i));
  IngestResult r = ingest(e, batch);
  EXPECT_EQ(r.accepted, 30);
  EXPECT_EQ(r.outOfOrder + r.tooFarAhead + r.nonFinite + r.firstCounterReadings, 0);

  SeriesData d = e.query(id, t0 - 2000, t0 + 29 * 2000, 2000);
  EXPECT_EQ(d.stepMs, 2000);
  for (int i = 0; i < 30; ++i) EXPECT_EQ(valueAt(d, t0 + i * 2000), 1.5 * i) << i;
  EngineStats s = e.stats();
  EXPECT_EQ(s.series, 1);
  EXPECT_EQ(s.samplesAccepted, 30);
  EXPECT_EQ(s.samplesBuffered + s.samplesWritten, 30);
  EXPECT_GT(s.liveRingBytes, 0);
  EXPECT_EQ(e.kind(id), SeriesKind::Gauge);
  EXPECT_EQ(e.key(id), gaugeKey());
  EXPECT_EQ(e.metricNames(), (std::vector<std::string>{"heap.used"}));
}

// Memory (the live ring) and disk (RRD) must answer a range alike: same grid, same rows.
TEST_F(EngineTest, LiveAndRrdAnswersAgree) {
  Engine e(options());
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  std::uint32_t empty = e.intern(gaugeKey("never-written"), SeriesKind::Gauge);
  const std::int64_t t0 = dftest::alignedPastMs(10);
  std::vector<Sample> batch;
  for (int i = 0; i < 10; ++i) batch.push_back(sample(id, t0 + i * 2000, 100 + i));
  ingest(e, batch);
  e.flush();
  const std::int64_t ranges[][2] = {{0, 18'000},   {0, 17'000}, {500, 17'500}, {1000, 19'000}, {2000, 2000},
                                    {0, 0},        {1999, 2001}, {0, 30'000},  {3000, 3000}};
  for (const auto& r : ranges) {
    SCOPED_TRACE("range [t0+" + std::to_string(r[0]) + ", t0+" + std::to_string(r[1]) + "]");
    // AVERAGE at base resolution inside the live window: from memory. MIN: always from the file
    // (librrd answers it from the AVERAGE rows at the base step).
    SeriesData live = e.query(id, t0 + r[0], t0 + r[1], 2000);
    SeriesData disk = e.query(id, t0 + r[0], t0 + r[1], 2000, Consolidation::Min);
    EXPECT_EQ(live.startMs, (t0 + r[0] + 1999) / 2000 * 2000);
    EXPECT_EQ(live.startMs, disk.startMs);
    EXPECT_EQ(live.stepMs, disk.stepMs);
    ASSERT_EQ(live.values.size(), disk.values.size());
    EXPECT_EQ(live.startMs + static_cast<std::int64_t>(live.values.size() - 1) * live.stepMs,
              (t0 + r[1] + 1999) / 2000 * 2000);
    for (std::size_t i = 0; i < live.values.size(); ++i) {
      if (std::isnan(live.values[i]) || std::isnan(disk.values[i])) {
        EXPECT_EQ(std::isnan(live.values[i]), std::isnan(disk.values[i])) << "row " << i;
      } else {
        EXPECT_EQ(live.values[i], disk.values[i]) << "row " << i;
      }
    }
    // A series without a file answers all unknown on the same grid.
    SeriesData none = e.query(empty, t0 + r[0], t0 + r[1], 2000);
    EXPECT_EQ(none.startMs, live.startMs);
    EXPECT_EQ(none.values.size(), live.values.size());
    EXPECT_EQ(dftest::countKnown(none), 0u);
  }
}

TEST_F(EngineTest, FlushedValuesReadBackFromRrdAfterReopen) {
  const std::int64_t t0 = dftest::alignedPastMs(10);
  {
    Engine e(options());
    std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
    std::vector<Sample> batch;
    for (int i = 0; i < 40; ++i) batch.push_back(sample(id, t0 + i * 2000, i * 0.25));
    ingest(e, batch);
    e.flush();
    EngineStats s = e.stats();
    EXPECT_EQ(s.samplesBuffered, 0);
    EXPECT_EQ(s.samplesWritten, 40);
    EXPECT_GE(s.rrdWrites, 1);
    EXPECT_EQ(s.rrdWriteErrors, 0);
    EXPECT_TRUE(s.lastStorageError.empty());
    e.close();
    e.close();  // twice is fine
    EXPECT_THROW(e.stats(), Closed);
  }
  // Everything went into RRD, so the journal is gone.
  EXPECT_TRUE(dftest::filesEndingWith(tmp_.sub("data/journal"), ".wal").empty());
  Engine e(options());
  ASSERT_EQ(e.stats().series, 1);
  EXPECT_EQ(e.stats().replayedSamples, 0);
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  EXPECT_EQ(id, 0u);
  SeriesData d = e.query(id, t0 - 2000, t0 + 39 * 2000, 2000);  // the ring is empty: from RRD
  EXPECT_EQ(d.stepMs, 2000);
  for (int i = 0; i < 40; ++i) EXPECT_DOUBLE_EQ(valueAt(d, t0 + i * 2000), i * 0.25) << i;
  // After a restart the engine does not know the file's last time: an old sample is accepted,
  // and the file skips it (it cannot take the past) without an error; newer ones go in.
  IngestResult r = ingest(e, {sample(id, t0 + 5 * 2000, 77), sample(id, t0 + 40 * 2000, 78)});
  EXPECT_EQ(r.accepted, 2);
  EXPECT_NO_THROW(e.flush());
  EXPECT_EQ(e.stats().rrdWriteErrors, 0);
  d = e.query(id, t0, t0 + 40 * 2000, 2000, Consolidation::Min);
  EXPECT_DOUBLE_EQ(valueAt(d, t0 + 5 * 2000), 5 * 0.25);
  EXPECT_EQ(valueAt(d, t0 + 40 * 2000), 78);
}

TEST_F(EngineTest, QueriesOlderThanTheLiveWindowGoToRrd) {
  Engine e(rrdOptions());
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  const std::int64_t t0 = dftest::alignedPastMs(10);
  std::vector<Sample> batch;
  for (int i = 0; i < 30; ++i) batch.push_back(sample(id, t0 + i * 2000, 10 + i));
  ingest(e, batch);
  // Not flushed yet: the query writes the series' buffer first, then reads the file.
  SeriesData d = e.query(id, t0 - 2000, t0 + 29 * 2000, 2000);
  for (int i = 0; i < 30; ++i) EXPECT_EQ(valueAt(d, t0 + i * 2000), 10 + i) << i;
  EXPECT_EQ(e.stats().samplesBuffered, 0);
  // The last ten seconds still come from memory.
  SeriesData live = e.query(id, t0 + 25 * 2000, t0 + 29 * 2000, 2000);
  EXPECT_EQ(valueAt(live, t0 + 29 * 2000), 39);
}

TEST_F(EngineTest, CoarserResolutionReadsConsolidatedTiers) {
  Engine e(options());
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  const std::int64_t t0 = dftest::alignedPastMs(20, 60'000);  // on a minute boundary
  std::vector<Sample> batch;
  for (int i = 0; i <= 300; ++i) batch.push_back(sample(id, t0 + i * 2000, i % 2 ? 3.0 : 1.0));
  ingest(e, batch);
  e.flush();
  const std::int64_t from = t0 + 60'000, to = t0 + 9 * 60'000;
  SeriesData avg = e.query(id, from, to, 60'000, Consolidation::Average);
  SeriesData mn = e.query(id, from, to, 60'000, Consolidation::Min);
  SeriesData mx = e.query(id, from, to, 60'000, Consolidation::Max);
  EXPECT_EQ(avg.stepMs, 60'000);
  ASSERT_FALSE(avg.values.empty());
  std::size_t full = 0;
  for (std::size_t i = 0; i < avg.values.size(); ++i) {
    std::int64_t end = avg.startMs + static_cast<std::int64_t>(i) * avg.stepMs;
    if (end <= t0 + 60'000 || end > t0 + 300 * 2000) continue;  // only minutes wholly inside
    ++full;
    EXPECT_NEAR(avg.values[i], 2.0, 1e-9) << i;
    EXPECT_EQ(valueAt(mn, end), 1.0) << i;
    EXPECT_EQ(valueAt(mx, end), 3.0) << i;
  }
  EXPECT_GE(full, 5u);
}

TEST_F(EngineTest, NonFiniteGaugeValuesAreStoredAsUnknown) {
  Engine e(rrdOptions());
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  const std::int64_t t0 = dftest::alignedPastMs(10);
  std::vector<Sample> batch;
  for (int i = 0; i < 10; ++i) batch.push_back(sample(id, t0 + i * 2000, i + 1));
  batch[3].value = kNaN;
  batch[5].value = kInf;
  batch[7].value = -kInf;
  IngestResult r = ingest(e, batch);
  EXPECT_EQ(r.nonFinite, 3);
  EXPECT_EQ(r.accepted, 10);  // a gauge keeps the step, as unknown
  EXPECT_EQ(r.outOfOrder, 0);

  // From memory (the last ten seconds) ...
  SeriesData live = e.query(id, t0 + 5 * 2000, t0 + 9 * 2000, 2000);
  EXPECT_TRUE(std::isnan(valueAt(live, t0 + 5 * 2000)));
  EXPECT_TRUE(std::isnan(valueAt(live, t0 + 7 * 2000)));
  EXPECT_EQ(valueAt(live, t0 + 6 * 2000), 7);
  // ... and from the RRD file.
  e.flush();
  SeriesData d = e.query(id, t0 - 2000, t0 + 9 * 2000, 2000);
  for (int i = 0; i < 10; ++i) {
    double v = valueAt(d, t0 + i * 2000);
    if (i == 3 || i == 5 || i == 7) {
      EXPECT_TRUE(std::isnan(v)) << i << ": " << v;
    } else {
      EXPECT_EQ(v, i + 1) << i;
    }
  }
  // A non-finite value still moves the series on: the same time again is out of order.
  r = ingest(e, {sample(id, t0 + 9 * 2000, 1)});
  EXPECT_EQ(r.outOfOrder, 1);
}

TEST_F(EngineTest, CountersStoreRatesAndSkipNonFiniteReadings) {
  Engine e(options());
  std::uint32_t id = e.intern(SeriesKey::make("bytes.in", {{"broker", "1"}}), SeriesKind::Counter);
  const std::int64_t t0 = dftest::alignedPastMs(10);
  IngestResult r = ingest(e, {sample(id, t0, 1000), sample(id, t0 + 2000, 1400), sample(id, t0 + 4000, kNaN),
                              sample(id, t0 + 6000, 2200), sample(id, t0 + 8000, 100)});
  EXPECT_EQ(r.firstCounterReadings, 1);
  EXPECT_EQ(r.nonFinite, 1);
  EXPECT_EQ(r.accepted, 3);
  // From memory: one rate per accepted reading.
  SeriesData d = e.query(id, t0 + 2000, t0 + 8000, 2000);
  EXPECT_EQ(valueAt(d, t0 + 2000), 200);  // +400 in 2 s
  EXPECT_EQ(valueAt(d, t0 + 6000), 200);  // +800 in 4 s, against the last good reading
  EXPECT_EQ(valueAt(d, t0 + 8000), 50);   // reset: 100 since the restart, in 2 s
  // From RRD: the rate over (t0+2 s, t0+6 s] covers both of its rows; the first reading none.
  e.flush();
  d = e.query(id, t0 - 2000, t0 + 8000, 2000);
  EXPECT_TRUE(std::isnan(valueAt(d, t0)));
  EXPECT_EQ(valueAt(d, t0 + 2000), 200);
  EXPECT_EQ(valueAt(d, t0 + 4000), 200);
  EXPECT_EQ(valueAt(d, t0 + 6000), 200);
  EXPECT_EQ(valueAt(d, t0 + 8000), 50);
}

TEST_F(EngineTest, OutOfOrderAndDuplicateSamplesAreCountedAndNotStored) {
  Engine e(rrdOptions());
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  const std::int64_t t0 = dftest::alignedPastMs(10);
  IngestResult r = ingest(e, {sample(id, t0, 1), sample(id, t0 + 2000, 2), sample(id, t0 + 2000, 99),
                              sample(id, t0, 98), sample(id, t0 - 2000, 97), sample(id, t0 + 4000, 3)});
  EXPECT_EQ(r.accepted, 3);
  EXPECT_EQ(r.outOfOrder, 3);
  r = ingest(e, {sample(id, t0 + 4000, 96), sample(id, t0 + 1000, 95)});
  EXPECT_EQ(r.accepted, 0);
  EXPECT_EQ(r.outOfOrder, 2);
  EngineStats s = e.stats();
  EXPECT_EQ(s.samplesAccepted, 3);
  EXPECT_EQ(s.samplesDropped, 5);
  e.flush();
  EXPECT_EQ(e.stats().samplesWritten, 3);
  SeriesData d = e.query(id, t0 - 4000, t0 + 4000, 2000);
  EXPECT_TRUE(std::isnan(valueAt(d, t0 - 2000)));
  EXPECT_EQ(valueAt(d, t0), 1);
  EXPECT_EQ(valueAt(d, t0 + 2000), 2);
  EXPECT_EQ(valueAt(d, t0 + 4000), 3);
}

TEST_F(EngineTest, OrderIsPerSeries) {
  Engine e(options());
  std::uint32_t a = e.intern(gaugeKey("a"), SeriesKind::Gauge);
  std::uint32_t b = e.intern(gaugeKey("b"), SeriesKind::Gauge);
  const std::int64_t t0 = dftest::alignedPastMs(10);
  IngestResult r = ingest(e, {sample(a, t0 + 4000, 1), sample(b, t0, 2), sample(b, t0 + 2000, 3)});
  EXPECT_EQ(r.accepted, 3);
  EXPECT_EQ(r.outOfOrder, 0);
}

TEST_F(EngineTest, FarFutureSamplesAreDropped) {
  EngineOptions o = options();
  o.futureToleranceSeconds = 600;
  Engine e(o);
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  const std::int64_t now = dftest::kNowMs;
  IngestResult r = ingest(e, {sample(id, now - 2000, 1), sample(id, now + 700'000, 2), sample(id, -5, 3),
                              sample(id, std::numeric_limits<std::int64_t>::max(), 4), sample(id, now + 60'000, 5)});
  EXPECT_EQ(r.tooFarAhead, 3);
  EXPECT_EQ(r.accepted, 2);
  EXPECT_EQ(e.stats().samplesDropped, 3);
  // The dropped future sample did not move the series forward.
  r = ingest(e, {sample(id, now + 62'000, 6)});
  EXPECT_EQ(r.accepted, 1);
  e.flush();
  EXPECT_EQ(e.stats().rrdWriteErrors, 0);
}

TEST_F(EngineTest, ZeroFutureToleranceRefusesAnythingAhead) {
  EngineOptions o = options();
  o.futureToleranceSeconds = 0;
  Engine e(o);
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  const std::int64_t now = dftest::kNowMs;
  IngestResult r = ingest(e, {sample(id, now - 5000, 1), sample(id, now + 30'000, 2)});
  EXPECT_EQ(r.accepted, 1);
  EXPECT_EQ(r.tooFarAhead, 1);
  // The engine's clock, not the wall's, says what is ahead: once it reaches the sample, it is taken.
  dftest::clockOf(o).advance(30'000);
  r = ingest(e, {sample(id, now + 30'000, 2)});
  EXPECT_EQ(r.accepted, 1);
  EXPECT_EQ(r.tooFarAhead, 0);
}

TEST_F(EngineTest, UnknownSeriesIdTakesNothingOfTheBatch) {
  Engine e(options());
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  const std::int64_t t0 = dftest::alignedPastMs(10);
  std::vector<Sample> batch{sample(id, t0, 1), sample(id, t0 + 2000, 2), sample(id + 41, t0, 3)};
  try {
    ingest(e, batch);
    FAIL() << "an unknown id must be refused";
  } catch (const InvalidArgument& ex) {
    EXPECT_NE(std::string(ex.what()).find(std::to_string(id + 41)), std::string::npos) << ex.what();
  }
  EngineStats s = e.stats();
  EXPECT_EQ(s.samplesAccepted, 0);
  EXPECT_EQ(s.samplesBuffered, 0);
  EXPECT_EQ(s.liveRingBytes, 0);
  // The valid samples of the refused batch were not taken: sending them again is not "out of order".
  IngestResult r = ingest(e, {sample(id, t0, 1), sample(id, t0 + 2000, 2)});
  EXPECT_EQ(r.accepted, 2);
  EXPECT_EQ(r.outOfOrder, 0);
  EXPECT_EQ(e.ingest(nullptr, 0).accepted, 0);
  EXPECT_THROW(e.query(id + 41, t0, t0 + 2000, 2000), InvalidArgument);
  EXPECT_THROW(e.query(id, t0 + 2000, t0, 2000), InvalidArgument);
}

TEST_F(EngineTest, InternRefusesAnotherKindForAKnownSeries) {
  Engine e(options());
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  EXPECT_EQ(e.intern(gaugeKey(), SeriesKind::Gauge), id);
  EXPECT_THROW(e.intern(gaugeKey(), SeriesKind::Counter), InvalidArgument);
  EXPECT_EQ(e.stats().series, 1);
}

TEST_F(EngineTest, SelectAndGroupBy) {
  Engine e(options());
  const std::int64_t t0 = dftest::alignedPastMs(10);
  struct S {
    std::string cluster, broker;
    double value;
  };
  std::vector<S> series{{"prod", "1", 10}, {"prod", "2", 20}, {"stage", "1", 5}};
  std::vector<Sample> batch;
  for (const S& s : series) {
    std::uint32_t id = e.intern(SeriesKey::make("msgs", {{"cluster", s.cluster}, {"broker", s.broker}}), SeriesKind::Gauge);
    for (int i = 0; i < 5; ++i) batch.push_back(sample(id, t0 + i * 2000, s.value));
  }
  ingest(e, batch);
  EXPECT_EQ(e.select("msgs", {{"cluster", "prod"}}).size(), 2u);
  EXPECT_EQ(e.select("msgs", {}).size(), 3u);

  GroupQuery q;
  q.name = "msgs";
  q.groupBy = {"cluster"};
  q.aggregation = Aggregation::Sum;
  q.fromMs = t0 - 2000;
  q.toMs = t0 + 4 * 2000;
  q.resolutionMs = 2000;
  std::vector<GroupResult> g = e.groupBy(q);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].group, (std::vector<Label>{{"cluster", "prod"}}));
  EXPECT_EQ(g[0].seriesCount, 2);
  EXPECT_EQ(valueAt(g[0].data, t0 + 2000), 30);
  EXPECT_EQ(g[1].group, (std::vector<Label>{{"cluster", "stage"}}));
  EXPECT_EQ(valueAt(g[1].data, t0 + 2000), 5);

  q.groupBy.clear();
  q.filter = {{"broker", "1"}};
  q.aggregation = Aggregation::Max;
  g = e.groupBy(q);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].seriesCount, 2);
  EXPECT_EQ(valueAt(g[0].data, t0 + 4 * 2000), 10);
  q.aggregation = Aggregation::Count;
  EXPECT_EQ(valueAt(e.groupBy(q)[0].data, t0), 2);
  q.aggregation = Aggregation::Avg;
  EXPECT_EQ(valueAt(e.groupBy(q)[0].data, t0), 7.5);
}

TEST_F(EngineTest, FlushersWriteFullBatchesInTheBackground) {
  EngineOptions o = options();
  o.flushBatch = 8;
  o.flusherThreads = 2;
  Engine e(o);
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  const std::int64_t t0 = dftest::alignedPastMs(10);
  std::vector<Sample> batch;
  for (int i = 0; i < 40; ++i) batch.push_back(sample(id, t0 + i * 2000, i));
  ingest(e, batch);
  for (int i = 0; i < 200 && e.stats().samplesWritten < 40; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_EQ(e.stats().samplesWritten, 40);
  EXPECT_EQ(e.stats().samplesBuffered, 0);
}

TEST_F(EngineTest, FlushedJournalSegmentsAreDeletedInTheBackground) {
  EngineOptions o = options();
  o.journalSegmentBytes = 4096;
  Engine e(o);
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  const std::int64_t t0 = dftest::alignedPastMs(20);
  for (int b = 0; b < 10; ++b) {
    std::vector<Sample> batch;
    for (int i = 0; i < 50; ++i) batch.push_back(sample(id, t0 + (b * 50 + i) * 2000, i));
    ingest(e, batch);
  }
  EXPECT_GE(e.stats().journalSegments, 3);  // 1216-byte blocks, four to a segment
  e.flush();
  // Housekeeping runs once a second of the engine's clock.
  for (int i = 0; i < 100 && e.stats().journalSegments > 1; ++i) {
    dftest::clockOf(o).advance(1000);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(e.stats().journalSegments, 1);
  EXPECT_EQ(dftest::filesEndingWith(tmp_.sub("data/journal"), ".wal").size(), 1u);
}

// A kill -9 after ingest returned loses nothing: the next open replays the journal.
TEST_F(EngineTest, JournalReplayAfterAKilledProcess) {
  const std::int64_t t0 = dftest::alignedPastMs(10);
  EngineOptions o = options();
  o.flushBatch = 100000;  // nothing reaches RRD on its own
  o.maxBufferedSamples = 1000000;
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    int code = 0;
    try {
      Engine e(o);
      std::uint32_t a = e.intern(gaugeKey("a"), SeriesKind::Gauge);
      std::uint32_t c = e.intern(SeriesKey::make("count", {}), SeriesKind::Counter);
      std::vector<Sample> batch;
      for (int i = 0; i < 20; ++i) batch.push_back(sample(a, t0 + i * 2000, i));
      e.ingest(batch.data(), batch.size());
      e.flush();  // the first half is in RRD and still in the journal: replay must skip it
      batch.clear();
      for (int i = 20; i < 40; ++i) batch.push_back(sample(a, t0 + i * 2000, i));
      for (int i = 0; i < 10; ++i) batch.push_back(sample(c, t0 + i * 2000, i * 100.0));
      e.ingest(batch.data(), batch.size());
      ::_exit(0);  // no close(), no destructors: as good as kill -9 for the page cache
    } catch (...) {
      code = 3;
    }
    ::_exit(code);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);

  EngineOptions reopen = options();
  reopen.liveWindowSeconds = 10;
  Engine e(reopen);
  EngineStats s = e.stats();
  EXPECT_EQ(s.series, 2);
  EXPECT_EQ(s.replayedSamples, 20 + 20 + 9);  // the counter's first reading made no rate
  e.flush();
  EXPECT_EQ(e.stats().rrdWriteErrors, 0);
  EXPECT_EQ(e.stats().samplesBuffered, 0);
  SeriesData d = e.query(0, t0 - 2000, t0 + 39 * 2000, 2000);
  for (int i = 0; i < 40; ++i) EXPECT_EQ(valueAt(d, t0 + i * 2000), i) << i;
  SeriesData rate = e.query(1, t0 - 2000, t0 + 9 * 2000, 2000);
  for (int i = 1; i < 10; ++i) EXPECT_EQ(valueAt(rate, t0 + i * 2000), 50) << i;
  // Replayed samples set the series' position: older ones are out of order.
  EXPECT_EQ(ingest(e, {sample(0, t0 + 39 * 2000, 1)}).outOfOrder, 1);
}

TEST_F(EngineTest, ClosedEngineRefusesCalls) {
  Engine e(options());
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  e.close();
  Sample s = sample(id, dftest::alignedPastMs(1), 1);
  EXPECT_THROW(e.ingest(&s, 1), Closed);
  EXPECT_THROW(e.flush(), Closed);
  EXPECT_THROW(e.intern(gaugeKey(), SeriesKind::Gauge), Closed);
  EXPECT_THROW(e.query(id, 0, 1, 2000), Closed);
  EXPECT_THROW(e.select("heap.used", {}), Closed);
}

TEST_F(EngineTest, BadOptionsAreRefused) {
  EngineOptions o;
  EXPECT_THROW(Engine{o}, InvalidArgument);  // no dataDir
  o = options();
  o.clock = nullptr;
  EXPECT_THROW(Engine{o}, InvalidArgument);
  o = options();
  o.tiers = "2s:1d,1x:2d";
  EXPECT_THROW(Engine{o}, InvalidArgument);
  o = options();
  o.flushBatch = 0;
  EXPECT_THROW(Engine{o}, InvalidArgument);
  o = options();
  o.flusherThreads = 0;
  EXPECT_THROW(Engine{o}, InvalidArgument);
  o = options();
  o.journalSegmentBytes = 100;
  EXPECT_THROW(Engine{o}, InvalidArgument);
  o = options();
  o.heartbeatSeconds = 1;  // below the 2 s base step
  EXPECT_THROW(Engine{o}, InvalidArgument);
}

// --- corrupt RRD files ------------------------------------------------------------------------

enum class Damage { Garbage, Truncated, Foreign, Empty };

class CorruptRrdTest : public EngineTest, public ::testing::WithParamInterface<Damage> {
 protected:
  void damage(const std::string& file) {
    switch (GetParam()) {
      case Damage::Garbage: {
        std::string junk(8192, '\0');
        for (std::size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>((i * 2654435761u) >> 13);
        dftest::writeBytes(file, junk);
        break;
      }
      case Damage::Truncated:
        std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);
        break;
      case Damage::Foreign:
        dftest::writeBytes(file, "<html><body>this is not an RRD file, someone copied a page here</body></html>\n");
        break;
      case Damage::Empty:
        dftest::writeBytes(file, "");
        break;
    }
    damaged_ = dftest::readBytes(file);
  }
  std::string damaged_;
};

TEST_P(CorruptRrdTest, NextWriteMovesTheFileAsideAndRecreatesIt) {
  dftest::CapturedLog log;
  Engine e(rrdOptions());
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  const std::int64_t t0 = dftest::alignedPastMs(10);
  auto batchFrom = [&](int first) {
    std::vector<Sample> b;
    for (int i = first; i < first + 10; ++i) b.push_back(sample(id, t0 + i * 2000, i));
    return b;
  };
  ingest(e, batchFrom(0));
  e.flush();
  const std::string file = onlyRrdFile();
  ASSERT_FALSE(file.empty());
  damage(file);

  ingest(e, batchFrom(10));
  ASSERT_NO_THROW(e.flush());
  EngineStats s = e.stats();
  EXPECT_EQ(s.filesQuarantined, 1);
  EXPECT_EQ(s.samplesBuffered, 0);
  EXPECT_EQ(s.samplesWritten, 20);
  std::vector<std::string> aside = dftest::filesContaining(rrdRoot(), ".corrupt-");
  ASSERT_EQ(aside.size(), 1u);
  EXPECT_EQ(aside[0].rfind(file + ".corrupt-", 0), 0u) << aside[0];
  EXPECT_EQ(dftest::readBytes(aside[0]), damaged_);  // kept as it was, for a post-mortem
  EXPECT_TRUE(log.contains(3, {file, "corrupt-"})) << log.dump();

  // Later writes go to the new file; the lost history reads as unknown, nothing else is lost.
  ingest(e, batchFrom(20));
  e.flush();
  SeriesData d = e.query(id, t0 - 2000, t0 + 29 * 2000, 2000);
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(std::isnan(valueAt(d, t0 + i * 2000))) << i;
  for (int i = 10; i < 30; ++i) EXPECT_EQ(valueAt(d, t0 + i * 2000), i) << i;
  EXPECT_EQ(e.stats().filesQuarantined, 1);
  EXPECT_EQ(e.stats().rrdWriteErrors, 0);
}

TEST_P(CorruptRrdTest, QueryOfADamagedFileReadsUnknownInsteadOfFailing) {
  dftest::CapturedLog log;
  Engine e(rrdOptions());
  std::uint32_t id = e.intern(gaugeKey(), SeriesKind::Gauge);
  const std::int64_t t0 = dftest::alignedPastMs(10);
  std::vector<Sample> b;
  for (int i = 0; i < 10; ++i) b.push_back(sample(id, t0 + i * 2000, i));
  ingest(e, b);
  e.flush();
  damage(onlyRrdFile());
  SeriesData d;
  // MIN rows are only in the file: the damaged file's history reads as unknown
  ASSERT_NO_THROW(d = e.query(id, t0 - 2000, t0 + 9 * 2000, 2000, Consolidation::Min));
  EXPECT_EQ(dftest::countKnown(d), 0u);
  EXPECT_EQ(e.stats().filesQuarantined, 1);
  // what the live ring (10 s: 5 points) still holds is answered from memory, file or no file
  ASSERT_NO_THROW(d = e.query(id, t0 - 2000, t0 + 9 * 2000, 2000));
  EXPECT_EQ(dftest::countKnown(d), 5u);
  for (int i = 5; i < 10; ++i) EXPECT_EQ(valueAt(d, t0 + i * 2000), i) << i;
  // And the series carries on.
  ingest(e, {sample(id, t0 + 20 * 2000, 5)});
  EXPECT_NO_THROW(e.flush());
  d = e.query(id, t0 + 19 * 2000, t0 + 20 * 2000, 2000, Consolidation::Min);
  EXPECT_EQ(valueAt(d, t0 + 20 * 2000), 5);
}

INSTANTIATE_TEST_SUITE_P(Damage, CorruptRrdTest,
                         ::testing::Values(Damage::Garbage, Damage::Truncated, Damage::Foreign, Damage::Empty),
                         [](const ::testing::TestParamInfo<Damage>& info) {
                           switch (info.param) {
                             case Damage::Garbage: return "Garbage";
                             case Damage::Truncated: return "Truncated";
                             case Damage::Foreign: return "Foreign";
                             case Damage::Empty: return "Empty";
                           }
                           return "Unknown";
                         });

TEST_F(EngineTest, ADamagedFileCostsOnlyItsOwnSeries) {
  Engine e(rrdOptions());
  std::uint32_t a = e.intern(gaugeKey("a"), SeriesKind::Gauge);
  std::uint32_t b = e.intern(gaugeKey("b"), SeriesKind::Gauge);
  const std::int64_t t0 = dftest::alignedPastMs(10);
  std::vector<Sample> batch;
  for (int i = 0; i < 10; ++i) {
    batch.push_back(sample(a, t0 + i * 2000, i));
    batch.push_back(sample(b, t0 + i * 2000, 100 + i));
  }
  ingest(e, batch);
  e.flush();
  std::vector<std::string> files = dftest::filesEndingWith(rrdRoot(), ".rrd");
  ASSERT_EQ(files.size(), 2u);
  dftest::writeBytes(files[0], "junk");
  ingest(e, {sample(a, t0 + 10 * 2000, 10), sample(b, t0 + 10 * 2000, 110)});
  e.flush();
  EXPECT_EQ(e.stats().filesQuarantined, 1);
  // Whichever file was damaged, the other series kept its whole history.
  std::size_t intact = 0;
  for (std::uint32_t id : {a, b}) {
    SeriesData d = e.query(id, t0 - 2000, t0 + 10 * 2000, 2000);
    if (dftest::countKnown(d) == 11) ++intact;
    else EXPECT_EQ(dftest::countKnown(d), 5u);  // its new value, and the 4 before it the live ring (10 s) still holds
  }
  EXPECT_EQ(intact, 1u);
}
