// The storage directory missing, read-only, and full. Root ignores file modes, so read-only and
// full are real file systems: a small tmpfs mounted for the test.
#include "doflamingo/engine.h"

#include <gtest/gtest.h>
#include <sys/mount.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <thread>

#include "doflamingo/error.h"
#include "test_support.h"

using namespace doflamingo;
using dftest::sample;
using dftest::TempDir;
using dftest::valueAt;

TEST(EngineStorage, MissingDirectoryIsCreated) {
  TempDir tmp;
  EngineOptions o = dftest::engineOptions(tmp.sub("not/yet/there"));
  ASSERT_FALSE(std::filesystem::exists(o.dataDir));
  {
    Engine e(o);
    EXPECT_TRUE(std::filesystem::is_directory(o.dataDir));
    EXPECT_TRUE(std::filesystem::is_directory(o.dataDir + "/journal"));
    std::uint32_t id = e.intern(SeriesKey::make("m", {}), SeriesKind::Gauge);
    Sample s = sample(id, dftest::alignedPastMs(5), 1);
    EXPECT_EQ(e.ingest(&s, 1).accepted, 1);
    e.flush();
  }
  EXPECT_TRUE(std::filesystem::exists(o.dataDir + "/series.log"));
  EXPECT_EQ(dftest::filesEndingWith(o.dataDir + "/rrd", ".rrd").size(), 1u);
}

TEST(EngineStorage, DataDirThatIsAFileIsAStorageError) {
  TempDir tmp;
  dftest::writeBytes(tmp.sub("file"), "x");
  EngineOptions o = dftest::engineOptions(tmp.sub("file"));
  EXPECT_THROW(Engine{o}, StorageError);
  o.dataDir = tmp.sub("file/below");
  EXPECT_THROW(Engine{o}, StorageError);
}

namespace {

// A tmpfs of its own for each test; unmounted in TearDown whatever happened.
class TmpfsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mountPoint_ = tmp_.sub("mnt");
    std::filesystem::create_directories(mountPoint_);
    mounted_ = run("mount -t tmpfs -o size=256k tmpfs " + mountPoint_);
    ASSERT_TRUE(mounted_) << "cannot mount a tmpfs at " << mountPoint_
                          << " (the disk-full and read-only tests need root and mount(8) in the sandbox)";
  }
  void TearDown() override {
    engine_.reset();  // close files before unmounting
    if (mounted_ && !run("umount " + mountPoint_)) {
      run("umount -l " + mountPoint_);
      ADD_FAILURE() << "tmpfs at " << mountPoint_ << " was busy at the end of the test; lazily unmounted";
    }
  }
  static bool run(const std::string& command) {
    std::string quiet = command + " 2>/dev/null";
    return std::system(quiet.c_str()) == 0;
  }
  bool remount(const std::string& how) { return run("mount -o remount," + how + " " + mountPoint_); }

  TempDir tmp_;
  std::string mountPoint_;
  bool mounted_ = false;
  std::unique_ptr<Engine> engine_;
};

std::string messageOf(const EngineOptions& o) {
  try {
    Engine e(o);
  } catch (const StorageError& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected StorageError, got: " << e.what();
    return "";
  }
  ADD_FAILURE() << "opening on " << o.dataDir << " should have failed";
  return "";
}

}  // namespace

TEST_F(TmpfsTest, ReadOnlyAtOpenIsAClearStorageError) {
  ASSERT_TRUE(remount("ro")) << "cannot remount " << mountPoint_ << " read-only";
  EngineOptions o = dftest::engineOptions(mountPoint_);
  std::string m = messageOf(o);
  EXPECT_NE(m.find(mountPoint_), std::string::npos) << m;
  EXPECT_NE(m.find("not writable"), std::string::npos) << m;
  EXPECT_NE(m.find("Read-only file system"), std::string::npos) << m;
  o.dataDir = mountPoint_ + "/data";  // must be created, cannot be
  m = messageOf(o);
  EXPECT_NE(m.find("cannot create storage directory"), std::string::npos) << m;
  EXPECT_NE(m.find("Read-only file system"), std::string::npos) << m;
}

TEST_F(TmpfsTest, ExistingStoreOnAReadOnlyDiskIsAClearStorageError) {
  EngineOptions o = dftest::engineOptions(mountPoint_ + "/data");
  o.tiers = "2s:1h";
  {
    Engine e(o);
    std::uint32_t id = e.intern(SeriesKey::make("m", {}), SeriesKind::Gauge);
    Sample s = sample(id, dftest::alignedPastMs(5), 1);
    e.ingest(&s, 1);
  }
  ASSERT_TRUE(remount("ro"));
  std::string m = messageOf(o);
  EXPECT_NE(m.find("not writable"), std::string::npos) << m;
  EXPECT_NE(m.find("Read-only file system"), std::string::npos) << m;
}

TEST_F(TmpfsTest, FullDiskKeepsEveryAcknowledgedSample) {
  EngineOptions o = dftest::engineOptions(mountPoint_ + "/data");
  o.tiers = "2s:1h";  // ~15 KB a file: some fit in 256 KB, not all
  o.flushBatch = 16;
  o.flusherThreads = 2;
  o.liveWindowSeconds = 10;  // queries below read the files
  engine_ = std::make_unique<Engine>(o);
  Engine& e = *engine_;
  constexpr int kSeries = 24;
  for (int s = 0; s < kSeries; ++s) {
    ASSERT_EQ(e.intern(SeriesKey::make("disk.test", {{"s", std::to_string(s)}}), SeriesKind::Gauge),
              static_cast<std::uint32_t>(s));
  }
  // Fill the disk: journal and RRD files compete for the space. Each batch is all series at a
  // few times; a batch is acknowledged when ingest returns, and refused as a whole when it throws.
  const std::int64_t t0 = dftest::alignedPastMs(60);  // 300 batches of 8 s end 20 minutes ago at most
  std::vector<std::int64_t> acknowledgedTimes;
  int refused = 0;
  std::string refusal;
  for (int b = 0; b < 300 && refused < 3; ++b) {
    std::vector<Sample> batch;
    std::vector<std::int64_t> times;
    for (int k = 0; k < 4; ++k) {
      std::int64_t t = t0 + (b * 4 + k) * 2000;
      times.push_back(t);
      for (int s = 0; s < kSeries; ++s) batch.push_back(sample(s, t, s * 1000.0 + b * 4 + k));
    }
    try {
      IngestResult r = e.ingest(batch.data(), batch.size());
      EXPECT_EQ(r.accepted, static_cast<std::int64_t>(batch.size()));
      acknowledgedTimes.insert(acknowledgedTimes.end(), times.begin(), times.end());
    } catch (const StorageError& ex) {
      ++refused;
      refusal = ex.what();
    }
  }
  ASSERT_GT(refused, 0) << "256 KB should have filled up";
  EXPECT_NE(refusal.find("journal"), std::string::npos) << refusal;
  EXPECT_NE(refusal.find("No space left on device"), std::string::npos) << refusal;
  ASSERT_FALSE(acknowledgedTimes.empty());

  // RRD write-back fails too, and keeps the data.
  EXPECT_THROW(e.flush(), StorageError);
  EngineStats s = e.stats();
  EXPECT_GT(s.rrdWriteErrors, 0);
  EXPECT_GT(s.samplesBuffered, 0);
  EXPECT_NE(s.lastStorageError.find("bytes free"), std::string::npos) << s.lastStorageError;

  // Free space: everything acknowledged makes it to disk.
  ASSERT_TRUE(remount("size=64m")) << "cannot grow the tmpfs";
  ASSERT_NO_THROW(e.flush());
  s = e.stats();
  EXPECT_EQ(s.samplesBuffered, 0);
  EXPECT_EQ(dftest::filesEndingWith(o.dataDir + "/rrd", ".rrd").size(), static_cast<std::size_t>(kSeries));
  for (int sid = 0; sid < kSeries; ++sid) {
    SeriesData d = e.query(sid, acknowledgedTimes.front(), acknowledgedTimes.back(), 2000);
    for (std::size_t i = 0; i < acknowledgedTimes.size(); ++i) {
      std::int64_t t = acknowledgedTimes[i];
      double expected = sid * 1000.0 + static_cast<double>((t - t0) / 2000);
      ASSERT_EQ(valueAt(d, t), expected) << "series " << sid << " sample at t0+" << (t - t0);
    }
  }
  // And ingest works again.
  std::int64_t next = t0 + 300 * 4 * 2000;  // after anything the loop may have sent
  Sample later = sample(0, next, 1);
  EXPECT_EQ(e.ingest(&later, 1).accepted, 1);
  EXPECT_NO_THROW(e.flush());
}

TEST_F(TmpfsTest, NewSeriesOnAFullDiskIsRefusedCleanly) {
  EngineOptions o = dftest::engineOptions(mountPoint_ + "/data");
  o.tiers = "2s:1h";
  engine_ = std::make_unique<Engine>(o);
  // Fill the disk from outside.
  run("dd if=/dev/zero of=" + mountPoint_ + "/filler bs=4k count=1000");
  int refused = 0;
  for (int i = 0; i < 50; ++i) {
    try {
      engine_->intern(SeriesKey::make("m", {{"i", std::to_string(i)}, {"pad", std::string(900, 'p')}}),
                      SeriesKind::Gauge);
    } catch (const StorageError& ex) {
      ++refused;
      EXPECT_NE(std::string(ex.what()).find("cannot record new series"), std::string::npos) << ex.what();
    }
  }
  EXPECT_GT(refused, 0);
  const auto known = static_cast<std::size_t>(engine_->stats().series);
  std::filesystem::remove(mountPoint_ + "/filler");
  // Only series that were recorded exist, and they survive a restart.
  engine_.reset();
  engine_ = std::make_unique<Engine>(o);
  EXPECT_EQ(static_cast<std::size_t>(engine_->stats().series), known);
  EXPECT_EQ(engine_->intern(SeriesKey::make("after", {}), SeriesKind::Gauge), known);
}

// A batch is journaled before any of it is applied: one the journal refuses (disk full) leaves
// nothing in memory, nothing for the flushers, and no trace in the series' order or counter state.
TEST_F(TmpfsTest, ABatchTheJournalRefusesLeavesNothingBehind) {
  EngineOptions o = dftest::engineOptions(mountPoint_ + "/data");
  o.tiers = "2s:1h";
  o.flushBatch = 4;  // a batch in memory would go to the flushers at once
  engine_ = std::make_unique<Engine>(o);
  Engine& e = *engine_;
  std::uint32_t gauge = e.intern(SeriesKey::make("g", {}), SeriesKind::Gauge);
  std::uint32_t counter = e.intern(SeriesKey::make("c", {}), SeriesKind::Counter);
  const std::int64_t t0 = dftest::alignedPastMs(30);
  ASSERT_EQ(dftest::ingest(e, {sample(gauge, t0, 1), sample(counter, t0, 1000)}).accepted, 1);
  e.flush();

  run("dd if=/dev/zero of=" + mountPoint_ + "/filler bs=4k count=1000");
  std::vector<Sample> batch;  // 19 KB in the journal: more than a partly used page can take
  for (int i = 1; i <= 400; ++i) {
    batch.push_back(sample(gauge, t0 + i * 2000, 100 + i));
    batch.push_back(sample(counter, t0 + i * 2000, 1000 + 10 * i));
  }
  EXPECT_THROW(dftest::ingest(e, batch), StorageError);
  EngineStats s = e.stats();
  EXPECT_EQ(s.samplesAccepted, 1);
  EXPECT_EQ(s.samplesBuffered, 0);
  EXPECT_EQ(dftest::countKnown(e.query(gauge, t0, t0 + 400 * 2000, 2000)), 1u);  // the live ring: t0 only
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // time the flushers would have had
  s = e.stats();
  EXPECT_EQ(s.samplesWritten, 1);
  EXPECT_EQ(s.rrdWriteErrors, 0);  // no write of the refused samples was even tried

  // With room again the same batch is taken whole: nothing of it was counted as seen.
  std::filesystem::remove(mountPoint_ + "/filler");
  IngestResult r = dftest::ingest(e, batch);
  EXPECT_EQ(r.accepted, 800);
  EXPECT_EQ(r.outOfOrder, 0);
  EXPECT_EQ(r.firstCounterReadings, 0);  // the counter's rate goes on from its reading at t0
  e.flush();
  SeriesData g = e.query(gauge, t0, t0 + 400 * 2000, 2000, Consolidation::Min);  // from the file
  SeriesData c = e.query(counter, t0, t0 + 400 * 2000, 2000, Consolidation::Min);
  for (int i = 1; i <= 400; ++i) {
    ASSERT_EQ(valueAt(g, t0 + i * 2000), 100 + i) << i;
    ASSERT_EQ(valueAt(c, t0 + i * 2000), 5.0) << i;  // 10 per 2 s
  }
}
