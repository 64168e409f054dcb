// The group-by arithmetic alone, on hand-made answers: no engine, no files.
#include "group_by.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace doflamingo;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

GroupInput series(const std::string& cluster, const std::string& broker, std::int64_t startMs, std::int64_t stepMs,
                  std::vector<double> values) {
  std::vector<Label> labels;
  if (!cluster.empty()) labels.emplace_back("cluster", cluster);
  labels.emplace_back("broker", broker);
  return {SeriesKey::make("messages.in", labels), SeriesData{startMs, stepMs, std::move(values)}};
}

void expectValues(const SeriesData& d, const std::vector<double>& want) {
  ASSERT_EQ(d.values.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (std::isnan(want[i])) {
      EXPECT_TRUE(std::isnan(d.values[i])) << "bucket " << i << " is " << d.values[i];
    } else {
      EXPECT_DOUBLE_EQ(d.values[i], want[i]) << "bucket " << i;
    }
  }
}

}  // namespace

TEST(GroupBy, SumsPerGroupOfLabelValuesSortedByThem) {
  std::vector<GroupInput> in = {series("prod", "1", 2000, 2000, {1, 2, 3}), series("dev", "1", 2000, 2000, {10, 20, 30}),
                                series("prod", "2", 2000, 2000, {100, kNaN, 300})};
  std::vector<GroupResult> out = aggregateGroups(in, {"cluster"}, Aggregation::Sum);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].group, (std::vector<Label>{{"cluster", "dev"}}));
  EXPECT_EQ(out[0].seriesCount, 1);
  expectValues(out[0].data, {10, 20, 30});
  EXPECT_EQ(out[1].group, (std::vector<Label>{{"cluster", "prod"}}));
  EXPECT_EQ(out[1].seriesCount, 2);
  EXPECT_EQ(out[1].data.startMs, 2000);
  EXPECT_EQ(out[1].data.stepMs, 2000);
  expectValues(out[1].data, {101, 2, 303});
}

TEST(GroupBy, EachAggregationOverTheSameBuckets) {
  std::vector<GroupInput> in = {series("p", "1", 2000, 2000, {1, kNaN, 5}), series("p", "2", 2000, 2000, {3, kNaN, kNaN})};
  expectValues(aggregateGroups(in, {}, Aggregation::Sum)[0].data, {4, kNaN, 5});
  expectValues(aggregateGroups(in, {}, Aggregation::Avg)[0].data, {2, kNaN, 5});
  expectValues(aggregateGroups(in, {}, Aggregation::Min)[0].data, {1, kNaN, 5});
  expectValues(aggregateGroups(in, {}, Aggregation::Max)[0].data, {3, kNaN, 5});
  expectValues(aggregateGroups(in, {}, Aggregation::Count)[0].data, {2, 0, 1});
}

TEST(GroupBy, AFinerSeriesIsAveragedIntoTheCoarsestGrid) {
  // 2 s rows stamped 2,4,6,8 s and 4 s rows stamped 4,8 s: buckets (0,4] and (4,8].
  std::vector<GroupInput> in = {series("p", "1", 2000, 2000, {1, 3, 5, 7}), series("p", "2", 4000, 4000, {10, 20})};
  std::vector<GroupResult> out = aggregateGroups(in, {}, Aggregation::Sum);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].data.stepMs, 4000);
  EXPECT_EQ(out[0].data.startMs, 4000);
  expectValues(out[0].data, {2 + 10, 6 + 20});
}

TEST(GroupBy, AMissingLabelIsItsOwnEmptyGroupAndNoKeysIsOneGroup) {
  std::vector<GroupInput> in = {series("", "1", 2000, 2000, {1}), series("prod", "2", 2000, 2000, {2})};
  std::vector<GroupResult> out = aggregateGroups(in, {"cluster"}, Aggregation::Sum);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].group, (std::vector<Label>{{"cluster", ""}}));
  EXPECT_EQ(out[1].group, (std::vector<Label>{{"cluster", "prod"}}));
  std::vector<GroupResult> all = aggregateGroups(in, {}, Aggregation::Sum);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].group.empty());
  EXPECT_EQ(all[0].seriesCount, 2);
  expectValues(all[0].data, {3});
}

TEST(GroupBy, SeriesWithoutValuesAreLeftOut) {
  std::vector<GroupInput> in = {series("a", "1", 2000, 2000, {}), series("b", "1", 2000, 2000, {7})};
  std::vector<GroupResult> out = aggregateGroups(in, {"cluster"}, Aggregation::Sum);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].group, (std::vector<Label>{{"cluster", "b"}}));
  EXPECT_TRUE(aggregateGroups({series("a", "1", 0, 0, {})}, {}, Aggregation::Sum).empty());
  EXPECT_TRUE(aggregateGroups({}, {"cluster"}, Aggregation::Count).empty());
}
