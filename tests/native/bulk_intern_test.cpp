// Interning many series in one call: the registry's one write and the engine's checks, which
// refuse the whole call (nothing interned) when any key is bad.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "doflamingo/engine.h"
#include "doflamingo/error.h"
#include "series_registry.h"
#include "test_support.h"

using namespace doflamingo;
using dftest::TempDir;

namespace {

std::vector<SeriesKey> partitionKeys(int from, int to) {
  std::vector<SeriesKey> out;
  for (int p = from; p < to; ++p) out.push_back(SeriesKey::make("kafka.partition.size", {{"partition", std::to_string(p)}}));
  return out;
}

class BulkInternTest : public ::testing::Test {
 protected:
  EngineOptions options() const {
    EngineOptions o = dftest::engineOptions(tmp_.sub("data"));
    o.flusherThreads = 1;
    o.retentionClasses = {RetentionClass{"slow", "30s:1d,1h:30d", false, 3600}};
    return o;
  }
  std::string registryPath() const { return tmp_.sub("data") + "/series.log"; }

  TempDir tmp_;
};

}  // namespace

TEST(SeriesRegistryBulk, RoundTripsAndSurvivesARestart) {
  TempDir tmp;
  const std::string path = tmp.sub("series.log");
  std::vector<SeriesKey> keys = partitionKeys(0, 1000);
  std::vector<std::uint32_t> ids;
  {
    SeriesRegistry r(path);
    ids = r.intern(keys, std::vector<SeriesKind>(keys.size(), SeriesKind::Gauge),
                   std::vector<std::string>(keys.size(), "slow"));
    ASSERT_EQ(ids.size(), keys.size());
    for (std::uint32_t i = 0; i < ids.size(); ++i) EXPECT_EQ(ids[i], i);
    EXPECT_EQ(r.size(), keys.size());
  }
  SeriesRegistry r(path);
  ASSERT_EQ(r.size(), keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(r.key(ids[i]), keys[i]);
    EXPECT_EQ(r.retentionClass(ids[i]), "slow");
    EXPECT_EQ(r.intern(keys[i], SeriesKind::Gauge), ids[i]);
  }
}

TEST(SeriesRegistryBulk, MixesKnownNewAndRepeatedKeys) {
  TempDir tmp;
  SeriesRegistry r(tmp.sub("series.log"));
  const std::uint32_t known = r.intern(partitionKeys(5, 6).front(), SeriesKind::Gauge);
  std::vector<SeriesKey> keys = partitionKeys(0, 10);
  keys.push_back(keys[2]);  // the same new key twice in one call
  std::vector<std::uint32_t> ids = r.intern(keys, std::vector<SeriesKind>(keys.size(), SeriesKind::Gauge),
                                            std::vector<std::string>(keys.size(), "default"));
  EXPECT_EQ(ids[5], known);
  EXPECT_EQ(ids[10], ids[2]);
  EXPECT_EQ(r.size(), 10u);
  for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(r.find(keys[i]), ids[i]);
}

TEST(SeriesRegistryBulk, AKindConflictInternsNothing) {
  TempDir tmp;
  const std::string path = tmp.sub("series.log");
  SeriesRegistry r(path);
  std::vector<SeriesKey> keys = partitionKeys(0, 3);
  r.intern(keys[1], SeriesKind::Counter);
  const auto bytes = std::filesystem::file_size(path);
  std::vector<std::string> classes(keys.size(), "default");
  try {
    r.intern(keys, std::vector<SeriesKind>(keys.size(), SeriesKind::Gauge), classes);
    FAIL() << "a key known with another kind must fail the call";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("partition=\"1\""), std::string::npos) << e.what();
  }
  std::vector<SeriesKey> twice{keys[0], keys[0]};
  EXPECT_THROW(r.intern(twice, {SeriesKind::Gauge, SeriesKind::Counter}, {"default", "default"}), InvalidArgument);
  EXPECT_EQ(r.size(), 1u);
  EXPECT_FALSE(r.find(keys[0]));
  EXPECT_EQ(std::filesystem::file_size(path), bytes);
}

TEST_F(BulkInternTest, EngineInternsWithClassIndexesAndKeepsThemAfterRestart) {
  std::vector<SeriesKey> keys = partitionKeys(0, 100);
  std::vector<std::uint32_t> classes(keys.size(), 1);  // "slow": retentionClasses() lists "default" first
  classes[0] = 0;
  std::vector<std::uint32_t> ids;
  {
    Engine e(options());
    ids = e.intern(keys, std::vector<SeriesKind>(keys.size(), SeriesKind::Gauge), classes);
    EXPECT_EQ(e.stats().series, 100);
    EXPECT_EQ(e.retentionClassOf(ids), classes);
    e.close();
  }
  Engine e(options());
  EXPECT_EQ(e.retentionClassOf(ids), classes);
  EXPECT_EQ(e.keys(ids), keys);
  EXPECT_EQ(e.intern(keys, std::vector<SeriesKind>(keys.size(), SeriesKind::Gauge), classes), ids);
}

TEST_F(BulkInternTest, AnUnknownClassInternsNothing) {
  Engine e(options());
  std::vector<SeriesKey> keys = partitionKeys(0, 3);
  try {
    e.intern(keys, std::vector<SeriesKind>(keys.size(), SeriesKind::Gauge), {0, 1, 7});
    FAIL() << "class index 7 is not defined";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("partition=\"2\""), std::string::npos) << e.what();
  }
  EXPECT_EQ(e.stats().series, 0);
  e.close();
  EXPECT_EQ(std::filesystem::file_size(registryPath()), 0u);
}
