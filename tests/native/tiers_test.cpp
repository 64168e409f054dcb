#include "tiers.h"

#include <gtest/gtest.h>

#include <string>

#include "doflamingo/error.h"

using namespace doflamingo;

namespace {

// The InvalidArgument message spec produces; fails the test when it parses.
std::string errorOf(std::string_view spec) {
  try {
    parseTiers(spec);
  } catch (const InvalidArgument& e) {
    return e.what();
  }
  ADD_FAILURE() << "'" << spec << "' should have been refused";
  return "";
}

}  // namespace

TEST(Tiers, ParsesTheDefault) {
  std::vector<Tier> t = parseTiers(kDefaultTiers);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].stepSeconds, 2);
  EXPECT_EQ(t[0].retentionSeconds, 86400);
  EXPECT_EQ(t[1].stepSeconds, 60);
  EXPECT_EQ(t[1].retentionSeconds, 14 * 86400);
  EXPECT_EQ(t[2].stepSeconds, 900);
  EXPECT_EQ(t[2].retentionSeconds, 180 * 86400);
  EXPECT_EQ(t[3].stepSeconds, 3600);
  EXPECT_EQ(t[3].retentionSeconds, 5 * 365 * 86400);
  EXPECT_EQ(t[0].rows(), 43200);
  EXPECT_EQ(t[1].rows(), 20160);
  EXPECT_EQ(t[2].rows(), 17280);
  EXPECT_EQ(t[3].rows(), 43800);
}

TEST(Tiers, ParsesEveryUnit) {
  EXPECT_EQ(parseDurationSeconds("90s"), 90);
  EXPECT_EQ(parseDurationSeconds("15m"), 900);
  EXPECT_EQ(parseDurationSeconds("2h"), 7200);
  EXPECT_EQ(parseDurationSeconds("3d"), 3 * 86400);
  EXPECT_EQ(parseDurationSeconds("2w"), 14 * 86400);
  EXPECT_EQ(parseDurationSeconds("5y"), 5 * 365 * 86400);
  std::vector<Tier> t = parseTiers("10s:1h");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].rows(), 360);
}

TEST(Tiers, RefusesMalformedDurations) {
  for (const char* bad : {"", "s", "10", "0s", "-5s", "10ss", "1.5h", " 10s", "10S", "99999999999s"}) {
    EXPECT_THROW(parseDurationSeconds(bad), InvalidArgument) << "'" << bad << "'";
  }
}

TEST(Tiers, BadUnitIsNamed) {
  std::string e = errorOf("2s:1d,1x:14d");
  EXPECT_NE(e.find("'1x'"), std::string::npos) << e;
  EXPECT_NE(e.find("unit 'x'"), std::string::npos) << e;
}

TEST(Tiers, NonIncreasingStepsAreNamed) {
  std::string e = errorOf("1m:1d,2s:14d");
  EXPECT_NE(e.find("'2s:14d'"), std::string::npos) << e;
  EXPECT_NE(e.find("larger step"), std::string::npos) << e;
  e = errorOf("2s:1d,2s:14d");
  EXPECT_NE(e.find("'2s:14d'"), std::string::npos) << e;
}

TEST(Tiers, StepNotAMultipleOfTheFirstIsNamed) {
  std::string e = errorOf("2s:1d,3s:14d");
  EXPECT_NE(e.find("'3s:14d'"), std::string::npos) << e;
  EXPECT_NE(e.find("multiple of the first step"), std::string::npos) << e;
  // A multiple of the previous step is not enough: it must divide by the first.
  e = errorOf("2s:1d,6s:2d,9s:3d");
  EXPECT_NE(e.find("'9s:3d'"), std::string::npos) << e;
}

TEST(Tiers, ShrinkingRetentionIsNamed) {
  std::string e = errorOf("2s:1d,1m:12h");
  EXPECT_NE(e.find("'1m:12h'"), std::string::npos) << e;
  EXPECT_NE(e.find("more time"), std::string::npos) << e;
  e = errorOf("2s:1d,1m:1d");  // equal is not more
  EXPECT_NE(e.find("'1m:1d'"), std::string::npos) << e;
}

TEST(Tiers, EmptyAndShapelessSpecsAreRefused) {
  std::string e = errorOf("");
  EXPECT_NE(e.find("no retention tiers"), std::string::npos) << e;
  e = errorOf("2s");
  EXPECT_NE(e.find("'2s'"), std::string::npos) << e;
  EXPECT_NE(e.find("STEP:RETENTION"), std::string::npos) << e;
  e = errorOf("2s:1d,");
  EXPECT_NE(e.find("end with a comma"), std::string::npos) << e;
  e = errorOf("2s:1d,,1m:14d");
  EXPECT_NE(e.find("STEP:RETENTION"), std::string::npos) << e;
  e = errorOf("1m:30s");
  EXPECT_NE(e.find("'1m:30s'"), std::string::npos) << e;
  EXPECT_NE(e.find("less than one step"), std::string::npos) << e;
  e = errorOf("2s:1q");
  EXPECT_NE(e.find("'1q'"), std::string::npos) << e;
}
