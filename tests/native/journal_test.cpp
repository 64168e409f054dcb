#include "journal.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "doflamingo/error.h"
#include "test_support.h"

using namespace doflamingo;
using dftest::TempDir;

namespace {

std::vector<Sample> makeRecords(std::uint32_t series, std::int64_t firstMs, int count) {
  std::vector<Sample> out;
  for (int i = 0; i < count; ++i) out.push_back({series, 0, firstMs + i * 2000, 0.5 + i});
  return out;
}

struct Replayed {
  std::vector<std::uint64_t> segments;
  std::vector<Sample> records;
  std::size_t returned = 0;
};

Replayed replayDir(const std::string& dir) {
  Journal j(dir, 1 << 20, false);
  Replayed out;
  out.returned = j.replay([&](std::uint64_t seg, const Sample& r) {
    out.segments.push_back(seg);
    out.records.push_back(r);
  });
  return out;
}

void expectSame(const Sample& a, const Sample& b) {
  EXPECT_EQ(a.seriesId, b.seriesId);
  EXPECT_EQ(a.timeMs, b.timeMs);
  EXPECT_EQ(a.value, b.value);
}

// Header 16 bytes + 24 per record.
constexpr std::size_t blockBytes(std::size_t records) { return 16 + 24 * records; }

}  // namespace

TEST(Journal, AppendedBlocksReplayInAFreshJournal) {
  TempDir tmp;
  const std::string dir = tmp.sub("journal");  // does not exist yet: created
  std::vector<Sample> a = makeRecords(1, 1000, 3), b = makeRecords(2, 5000, 5), c = makeRecords(7, 9000, 1);
  {
    Journal j(dir, 1 << 20, false);
    EXPECT_EQ(j.currentSegment(), 1u);
    EXPECT_EQ(j.append(a.data(), a.size()), 1u);
    EXPECT_EQ(j.append(b.data(), b.size()), 1u);
    EXPECT_EQ(j.append(c.data(), c.size()), 1u);
    EXPECT_EQ(j.append(nullptr, 0), 1u);  // empty batch: nothing written
    // A journal replays only what existed when it opened.
    EXPECT_EQ(j.replay([](std::uint64_t, const Sample&) { FAIL() << "nothing to replay yet"; }), 0u);
  }
  EXPECT_EQ(std::filesystem::file_size(dir + "/segment-00000000000000000001.wal"), blockBytes(9) + 16 * 2);
  Replayed got = replayDir(dir);
  ASSERT_EQ(got.returned, 9u);
  ASSERT_EQ(got.records.size(), 9u);
  std::vector<Sample> all = a;
  all.insert(all.end(), b.begin(), b.end());
  all.insert(all.end(), c.begin(), c.end());
  for (std::size_t i = 0; i < all.size(); ++i) {
    expectSame(got.records[i], all[i]);
    EXPECT_EQ(got.segments[i], 1u);
  }
}

TEST(Journal, NewRecordsGoToASegmentAfterTheExistingOnes) {
  TempDir tmp;
  std::vector<Sample> a = makeRecords(1, 1000, 2), b = makeRecords(1, 9000, 2);
  {
    Journal j(tmp.path(), 1 << 20, false);
    j.append(a.data(), a.size());
  }
  {
    Journal j(tmp.path(), 1 << 20, false);
    EXPECT_EQ(j.currentSegment(), 2u);
    EXPECT_EQ(j.append(b.data(), b.size()), 2u);
    std::size_t n = j.replay([](std::uint64_t seg, const Sample&) { EXPECT_EQ(seg, 1u); });
    EXPECT_EQ(n, 2u);  // segment 2 did not exist at open
  }
  Replayed got = replayDir(tmp.path());
  ASSERT_EQ(got.records.size(), 4u);
  EXPECT_EQ(got.segments, (std::vector<std::uint64_t>{1, 1, 2, 2}));
  expectSame(got.records[2], b[0]);
}

TEST(Journal, EmptySegmentIsRemovedOnClose) {
  TempDir tmp;
  { Journal j(tmp.path(), 1 << 20, false); }
  EXPECT_TRUE(dftest::filesEndingWith(tmp.path(), ".wal").empty());
}

TEST(Journal, TruncatedTailIsIgnoredAndEarlierBlocksSurvive) {
  TempDir tmp;
  std::vector<Sample> a = makeRecords(1, 1000, 4), b = makeRecords(2, 1000, 4);
  {
    Journal j(tmp.path(), 1 << 20, false);
    j.append(a.data(), a.size());
    j.append(b.data(), b.size());
  }
  const std::string seg = tmp.path() + "/segment-00000000000000000001.wal";
  for (std::uintmax_t cut : {1u, 5u, 24u, 100u}) {
    std::filesystem::resize_file(seg, blockBytes(8) + 16 - cut);  // the second block is torn
    Replayed got = replayDir(tmp.path());
    ASSERT_EQ(got.records.size(), 4u) << "cut " << cut;
    for (std::size_t i = 0; i < 4; ++i) expectSame(got.records[i], a[i]);
  }
  // Cut inside the second block's header.
  std::filesystem::resize_file(seg, blockBytes(4) + 7);
  EXPECT_EQ(replayDir(tmp.path()).records.size(), 4u);
}

TEST(Journal, GarbageTailIsIgnored) {
  TempDir tmp;
  std::vector<Sample> a = makeRecords(3, 1000, 6);
  {
    Journal j(tmp.path(), 1 << 20, false);
    j.append(a.data(), a.size());
  }
  const std::string seg = tmp.path() + "/segment-00000000000000000001.wal";
  dftest::appendBytes(seg, std::string("\x13\x37garbage that is not a block header at all", 42));
  Replayed got = replayDir(tmp.path());
  ASSERT_EQ(got.records.size(), 6u);
  for (std::size_t i = 0; i < a.size(); ++i) expectSame(got.records[i], a[i]);
}

TEST(Journal, BlockWithAValidHeaderButBadChecksumIsIgnored) {
  TempDir tmp;
  std::vector<Sample> a = makeRecords(3, 1000, 2), b = makeRecords(4, 1000, 2);
  {
    Journal j(tmp.path(), 1 << 20, false);
    j.append(a.data(), a.size());
    j.append(b.data(), b.size());
  }
  const std::string seg = tmp.path() + "/segment-00000000000000000001.wal";
  std::string bytes = dftest::readBytes(seg);
  ASSERT_EQ(bytes.size(), blockBytes(4) + 16);
  bytes[bytes.size() - 3] ^= 0x5a;  // flip a byte inside the last record
  dftest::writeBytes(seg, bytes);
  Replayed got = replayDir(tmp.path());
  ASSERT_EQ(got.records.size(), 2u);
  expectSame(got.records[1], a[1]);
}

TEST(Journal, TornSegmentDoesNotHideLaterSegments) {
  TempDir tmp;
  std::vector<Sample> a = makeRecords(1, 1000, 3), b = makeRecords(1, 9000, 3);
  {
    Journal j(tmp.path(), 1 << 20, false);
    j.append(a.data(), a.size());
  }
  dftest::appendBytes(tmp.path() + "/segment-00000000000000000001.wal", "torn!");
  {
    Journal j(tmp.path(), 1 << 20, false);
    j.append(b.data(), b.size());
  }
  Replayed got = replayDir(tmp.path());
  ASSERT_EQ(got.records.size(), 6u);
  expectSame(got.records[5], b[2]);
  EXPECT_EQ(got.segments.back(), 2u);
}

TEST(Journal, RotatesBySegmentBytes) {
  TempDir tmp;
  std::vector<Sample> block = makeRecords(1, 0, 100);  // 2416 bytes a block
  std::vector<std::uint64_t> segs;
  {
    Journal j(tmp.path(), 4096, false);
    for (int i = 0; i < 6; ++i) segs.push_back(j.append(block.data(), block.size()));
    // A segment takes blocks until it holds at least segmentBytes: two blocks each.
    EXPECT_EQ(segs, (std::vector<std::uint64_t>{1, 1, 2, 2, 3, 3}));
    EXPECT_EQ(j.currentSegment(), 3u);
    EXPECT_EQ(j.segmentCount(), 3u);
    std::vector<std::string> files = dftest::filesEndingWith(tmp.path(), ".wal");
    ASSERT_EQ(files.size(), 3u);
    for (const auto& f : files) EXPECT_EQ(std::filesystem::file_size(f), 2 * blockBytes(100)) << f;
  }
  Replayed got = replayDir(tmp.path());
  EXPECT_EQ(got.records.size(), 600u);
  EXPECT_EQ(got.segments.front(), 1u);
  EXPECT_EQ(got.segments.back(), 3u);
}

TEST(Journal, DropSegmentsBeforeDeletesFinishedSegmentFiles) {
  TempDir tmp;
  std::vector<Sample> block = makeRecords(1, 0, 200);  // 4816 bytes: one block fills a segment
  Journal j(tmp.path(), 4096, false);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(j.append(block.data(), block.size()), static_cast<std::uint64_t>(i + 1));
  EXPECT_EQ(j.segmentCount(), 4u);
  ASSERT_EQ(dftest::filesEndingWith(tmp.path(), ".wal").size(), 4u);

  j.dropSegmentsBefore(3);
  std::vector<std::string> files = dftest::filesEndingWith(tmp.path(), ".wal");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_NE(files[0].find("segment-00000000000000000003.wal"), std::string::npos);
  EXPECT_NE(files[1].find("segment-00000000000000000004.wal"), std::string::npos);
  EXPECT_EQ(j.segmentCount(), 2u);

  // The segment being written is never dropped, whatever the bound.
  j.dropSegmentsBefore(~std::uint64_t{0});
  files = dftest::filesEndingWith(tmp.path(), ".wal");
  ASSERT_EQ(files.size(), 1u);
  EXPECT_NE(files[0].find("segment-00000000000000000004.wal"), std::string::npos);
  EXPECT_EQ(j.segmentCount(), 1u);
  // ... and it still takes appends.
  EXPECT_EQ(j.append(block.data(), 1), 5u);
}

TEST(Journal, SegmentsFoundAtOpenCanBeDropped) {
  TempDir tmp;
  std::vector<Sample> a = makeRecords(1, 0, 2);
  for (int i = 0; i < 3; ++i) {
    Journal j(tmp.path(), 1 << 20, false);
    j.append(a.data(), a.size());
  }
  Journal j(tmp.path(), 1 << 20, false);
  EXPECT_EQ(j.segmentCount(), 4u);  // three old ones plus the current
  EXPECT_EQ(j.replay([](std::uint64_t, const Sample&) {}), 6u);
  j.dropSegmentsBefore(j.currentSegment());
  EXPECT_EQ(j.segmentCount(), 1u);
  EXPECT_EQ(dftest::filesEndingWith(tmp.path(), ".wal").size(), 1u);  // the current, empty one
  EXPECT_FALSE(std::filesystem::exists(tmp.path() + "/segment-00000000000000000001.wal"));
  EXPECT_FALSE(std::filesystem::exists(tmp.path() + "/segment-00000000000000000003.wal"));
}

TEST(Journal, IgnoresFilesThatAreNotSegments) {
  TempDir tmp;
  dftest::writeBytes(tmp.path() + "/segment-00000000000000000009.wal.tmp", "x");
  dftest::writeBytes(tmp.path() + "/notes.txt", "x");
  Journal j(tmp.path(), 1 << 20, false);
  EXPECT_EQ(j.currentSegment(), 1u);
  EXPECT_EQ(j.replay([](std::uint64_t, const Sample&) {}), 0u);
}

TEST(Journal, FsyncModeWritesTheSameFormat) {
  TempDir tmp;
  std::vector<Sample> a = makeRecords(5, 1000, 3);
  {
    Journal j(tmp.path(), 1 << 20, true);
    j.append(a.data(), a.size());
  }
  Replayed got = replayDir(tmp.path());
  ASSERT_EQ(got.records.size(), 3u);
  expectSame(got.records[2], a[2]);
}

TEST(Journal, UnusableDirectoryIsAStorageError) {
  TempDir tmp;
  dftest::writeBytes(tmp.sub("file"), "x");
  EXPECT_THROW(Journal(tmp.sub("file") + "/journal", 1 << 20, false), StorageError);
}
