#include "series_registry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "doflamingo/error.h"
#include "test_support.h"

using namespace doflamingo;
using dftest::TempDir;

namespace {

SeriesKey key(const std::string& name, std::vector<Label> labels) { return SeriesKey::make(name, std::move(labels)); }

// Values a hostile target could report as a consumer group, topic or client id.
std::vector<std::string> hostileValues() {
  return {"../../etc/passwd",
          "/absolute/path",
          "..",
          ".",
          "a/b\\c",
          "\"quoted\" 'single'",
          "<script>alert('x')</script>&amp;",
          std::string("nul\0inside", 10),
          "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 \xEC\xBB\xA8\xEC\x8A\x88\xEB\xA8\xB8",  // Korean
          "\xF0\x9F\x98\x80\xF0\x9F\x94\xA5",                                          // emoji
          "spaces and\ttabs\nnewline",
          "%2e%2e%2f",
          "CON",
          std::string(1000, 'z')};
}

}  // namespace

TEST(SeriesRegistry, InternReturnsTheSameIdForTheSameKey) {
  TempDir tmp;
  SeriesRegistry r(tmp.sub("series.log"));
  EXPECT_EQ(r.size(), 0u);
  std::uint32_t a = r.intern(key("cpu", {{"host", "a"}}), SeriesKind::Gauge);
  std::uint32_t b = r.intern(key("cpu", {{"host", "b"}}), SeriesKind::Gauge);
  std::uint32_t c = r.intern(key("bytes", {{"host", "a"}}), SeriesKind::Counter);
  EXPECT_EQ(a, 0u);
  EXPECT_EQ(b, 1u);
  EXPECT_EQ(c, 2u);
  EXPECT_EQ(r.intern(key("cpu", {{"host", "a"}}), SeriesKind::Gauge), a);
  // Label order does not matter: the key is canonical.
  EXPECT_EQ(r.intern(key("m", {{"x", "1"}, {"y", "2"}}), SeriesKind::Gauge),
            r.intern(key("m", {{"y", "2"}, {"x", "1"}}), SeriesKind::Gauge));
  EXPECT_EQ(r.size(), 4u);
  EXPECT_EQ(r.find(key("cpu", {{"host", "b"}})), std::optional<std::uint32_t>(b));
  EXPECT_FALSE(r.find(key("cpu", {{"host", "zz"}})).has_value());
  EXPECT_EQ(r.kind(c), SeriesKind::Counter);
  EXPECT_EQ(r.info(a).key, key("cpu", {{"host", "a"}}));
  EXPECT_NE(r.file(a), r.file(b));
  EXPECT_THROW(r.info(99), InvalidArgument);
  EXPECT_THROW(r.kind(99), InvalidArgument);
  EXPECT_THROW(r.file(99), InvalidArgument);
}

TEST(SeriesRegistry, IdsPersistAcrossReopen) {
  TempDir tmp;
  const std::string path = tmp.sub("series.log");
  std::vector<std::pair<SeriesKey, SeriesKind>> keys;
  for (int i = 0; i < 50; ++i) {
    keys.emplace_back(key("metric" + std::to_string(i % 5), {{"i", std::to_string(i)}}),
                      i % 3 ? SeriesKind::Gauge : SeriesKind::Counter);
  }
  std::vector<std::string> files;
  {
    SeriesRegistry r(path);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      EXPECT_EQ(r.intern(keys[i].first, keys[i].second), i);
      files.push_back(r.file(static_cast<std::uint32_t>(i)));
    }
  }
  SeriesRegistry r(path);
  ASSERT_EQ(r.size(), keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto id = static_cast<std::uint32_t>(i);
    EXPECT_EQ(r.find(keys[i].first), std::optional<std::uint32_t>(id));
    EXPECT_EQ(r.intern(keys[i].first, keys[i].second), id);
    SeriesInfo info = r.info(id);
    EXPECT_EQ(info.key, keys[i].first);
    EXPECT_EQ(info.kind, keys[i].second);
    EXPECT_EQ(info.file, files[i]);
  }
  EXPECT_EQ(r.intern(key("fresh", {}), SeriesKind::Gauge), keys.size());
}

TEST(SeriesRegistry, SameKeyWithAnotherKindIsRefused) {
  TempDir tmp;
  const std::string path = tmp.sub("series.log");
  {
    SeriesRegistry r(path);
    r.intern(key("requests", {{"svc", "api"}}), SeriesKind::Counter);
    try {
      r.intern(key("requests", {{"svc", "api"}}), SeriesKind::Gauge);
      FAIL() << "a second kind must be refused";
    } catch (const InvalidArgument& e) {
      EXPECT_NE(std::string(e.what()).find("another kind"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("requests"), std::string::npos) << e.what();
    }
    EXPECT_EQ(r.size(), 1u);
  }
  SeriesRegistry r(path);  // also after a restart
  EXPECT_THROW(r.intern(key("requests", {{"svc", "api"}}), SeriesKind::Gauge), InvalidArgument);
  EXPECT_EQ(r.kind(0), SeriesKind::Counter);
}

TEST(SeriesRegistry, FilePathNeverContainsLabelText) {
  TempDir tmp;
  const std::string path = tmp.sub("series.log");
  const std::regex safe("^[0-9a-f]{2}/[0-9a-f]{16}(-[0-9]+)?\\.rrd$");
  std::set<std::string> seen;
  std::vector<std::string> hostile = hostileValues();
  {
    SeriesRegistry r(path);
    for (const std::string& v : hostile) {
      for (const SeriesKey& k : {key("kafka.consumer.lag", {{"group", v}}),
                                 key("kafka.topic.bytes", {{"topic", v}, {"cluster", "prod"}}),
                                 key("name/with/../slashes<b>", {{"k", v}})}) {
        std::uint32_t id = r.intern(k, SeriesKind::Gauge);
        std::string file = r.file(id);
        EXPECT_TRUE(std::regex_match(file, safe)) << "unsafe file name '" << file << "' for " << k.toString();
        EXPECT_EQ(file.find(".."), std::string::npos) << file;
        EXPECT_EQ(file.find('\0'), std::string::npos) << file;
        if (v.size() >= 3) EXPECT_EQ(file.find(v), std::string::npos) << file;
        EXPECT_TRUE(seen.insert(file).second) << "two series share " << file;
        // The label value itself is kept exactly.
        EXPECT_EQ(r.info(id).key, k);
      }
    }
  }
  // Hostile keys survive a restart byte for byte.
  SeriesRegistry r(path);
  ASSERT_EQ(r.size(), hostile.size() * 3);
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    auto id = r.find(key("kafka.consumer.lag", {{"group", hostile[i]}}));
    ASSERT_TRUE(id.has_value()) << i;
    EXPECT_EQ(*r.info(*id).key.label("group"), hostile[i]);
  }
  // Nothing was created next to the registry: it names files, the store creates them.
  std::size_t entries = 0;
  for (auto& e : std::filesystem::directory_iterator(tmp.path())) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 1u);
}

TEST(SeriesRegistry, GarbageTailIsTruncatedAndEarlierSeriesSurvive) {
  TempDir tmp;
  const std::string path = tmp.sub("series.log");
  {
    SeriesRegistry r(path);
    for (int i = 0; i < 5; ++i) r.intern(key("m", {{"i", std::to_string(i)}}), SeriesKind::Gauge);
  }
  const auto goodSize = std::filesystem::file_size(path);
  dftest::appendBytes(path, std::string("\x44\x46\x53\x31\xff\xff\xff\xff garbage after a crash", 30));
  {
    SeriesRegistry r(path);
    EXPECT_EQ(r.size(), 5u);
    EXPECT_EQ(std::filesystem::file_size(path), goodSize);  // the damage is cut off at load
    for (int i = 0; i < 5; ++i) {
      EXPECT_EQ(r.find(key("m", {{"i", std::to_string(i)}})), std::optional<std::uint32_t>(i));
    }
    // New series are appended after the intact entries and survive the next start.
    EXPECT_EQ(r.intern(key("m", {{"i", "new"}}), SeriesKind::Counter), 5u);
  }
  SeriesRegistry r(path);
  EXPECT_EQ(r.size(), 6u);
  EXPECT_EQ(r.kind(5), SeriesKind::Counter);
}

TEST(SeriesRegistry, TornLastEntryIsDroppedAndEarlierSeriesSurvive) {
  TempDir tmp;
  const std::string path = tmp.sub("series.log");
  std::uintmax_t sizeAfterTwo = 0;
  {
    SeriesRegistry r(path);
    r.intern(key("a", {}), SeriesKind::Gauge);
    r.intern(key("b", {}), SeriesKind::Gauge);
    sizeAfterTwo = std::filesystem::file_size(path);
    r.intern(key("c", {{"long", std::string(200, 'x')}}), SeriesKind::Gauge);
  }
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 7);
  {
    SeriesRegistry r(path);
    EXPECT_EQ(r.size(), 2u);
    EXPECT_EQ(std::filesystem::file_size(path), sizeAfterTwo);
    EXPECT_FALSE(r.find(key("c", {{"long", std::string(200, 'x')}})).has_value());
    EXPECT_EQ(r.intern(key("d", {}), SeriesKind::Gauge), 2u);
  }
  // A flipped byte inside an entry (CRC mismatch) also ends the log there.
  {
    std::string bytes = dftest::readBytes(path);
    bytes[sizeAfterTwo + 20] ^= 0x01;
    dftest::writeBytes(path, bytes);
  }
  SeriesRegistry r(path);
  EXPECT_EQ(r.size(), 2u);
  EXPECT_EQ(r.info(1).key.name, "b");
}

TEST(SeriesRegistry, SelectByNameAndLabelFilter) {
  TempDir tmp;
  SeriesRegistry r(tmp.sub("series.log"));
  auto p1 = r.intern(key("bytes_in", {{"cluster", "prod"}, {"broker", "1"}}), SeriesKind::Counter);
  auto p2 = r.intern(key("bytes_in", {{"cluster", "prod"}, {"broker", "2"}}), SeriesKind::Counter);
  auto s1 = r.intern(key("bytes_in", {{"cluster", "stage"}, {"broker", "1"}}), SeriesKind::Counter);
  auto other = r.intern(key("bytes_out", {{"cluster", "prod"}, {"broker", "1"}}), SeriesKind::Counter);
  auto bare = r.intern(key("bytes_in", {}), SeriesKind::Counter);

  auto sorted = [](std::vector<std::uint32_t> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(r.select("bytes_in", {})), (std::vector<std::uint32_t>{p1, p2, s1, bare}));
  EXPECT_EQ(sorted(r.select("bytes_in", {{"cluster", "prod"}})), (std::vector<std::uint32_t>{p1, p2}));
  EXPECT_EQ(r.select("bytes_in", {{"cluster", "prod"}, {"broker", "2"}}), (std::vector<std::uint32_t>{p2}));
  EXPECT_EQ(sorted(r.select("bytes_in", {{"broker", "1"}})), (std::vector<std::uint32_t>{p1, s1}));
  EXPECT_TRUE(r.select("bytes_in", {{"cluster", "dev"}}).empty());
  EXPECT_TRUE(r.select("bytes_in", {{"zone", "prod"}}).empty());
  EXPECT_TRUE(r.select("nope", {}).empty());
  EXPECT_EQ(r.select("bytes_out", {{"cluster", "prod"}}), (std::vector<std::uint32_t>{other}));
  EXPECT_EQ(r.names(), (std::vector<std::string>{"bytes_in", "bytes_out"}));
}

TEST(SeriesRegistry, UnwritableLocationIsAStorageError) {
  TempDir tmp;
  EXPECT_THROW(SeriesRegistry(tmp.sub("missing-dir/series.log")), StorageError);
}
