// The arithmetic of a group-by, apart from reading the series: the answers of many series combined
// per group of label values on one common grid.
#pragma once

#include <string>
#include <vector>

#include "doflamingo/engine.h"

namespace doflamingo {

struct GroupInput {
  SeriesKey key;
  SeriesData data;
};

// Groups the series by the values of the groupBy label keys ("" where a series lacks one; no keys:
// one group) and combines them at each step of a common grid: the coarsest step among them, from
// the earliest start to the latest end. A series finer than the grid contributes the average of its
// values in each bucket. A bucket no series knows is NaN (Count: 0). Series with no values are left
// out; groups come sorted by their label values.
std::vector<GroupResult> aggregateGroups(const std::vector<GroupInput>& series, const std::vector<std::string>& groupBy,
                                         Aggregation aggregation);

}  // namespace doflamingo
