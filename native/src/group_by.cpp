#include "group_by.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>

namespace doflamingo {
namespace {

struct Accumulator {
  GroupResult result;
  std::vector<double> sum, min, max;
  std::vector<std::int32_t> n;
};

double combined(const Accumulator& acc, std::size_t b, Aggregation aggregation) {
  if (aggregation == Aggregation::Count) return acc.n[b];
  if (!acc.n[b]) return std::numeric_limits<double>::quiet_NaN();
  switch (aggregation) {
    case Aggregation::Sum: return acc.sum[b];
    case Aggregation::Avg: return acc.sum[b] / acc.n[b];
    case Aggregation::Min: return acc.min[b];
    case Aggregation::Max: return acc.max[b];
    case Aggregation::Count: break;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

std::vector<GroupResult> aggregateGroups(const std::vector<GroupInput>& series, const std::vector<std::string>& groupBy,
                                         Aggregation aggregation) {
  std::int64_t step = 0, start = std::numeric_limits<std::int64_t>::max(), end = 0;
  for (const GroupInput& in : series) {
    const SeriesData& d = in.data;
    if (d.values.empty()) continue;
    step = std::max(step, d.stepMs);
    start = std::min(start, d.startMs);
    end = std::max(end, d.startMs + static_cast<std::int64_t>(d.values.size() - 1) * d.stepMs);
  }
  if (step <= 0) return {};
  start = (start + step - 1) / step * step;  // a common grid at the coarsest step
  const auto buckets = static_cast<std::size_t>(std::max<std::int64_t>(0, (end - start) / step + 1));
  std::map<std::vector<std::string>, Accumulator> groups;
  std::vector<double> bucketSum(buckets);
  std::vector<std::int32_t> bucketN(buckets);
  for (const GroupInput& in : series) {
    const SeriesData& d = in.data;
    if (d.values.empty()) continue;
    std::vector<std::string> gk;
    for (const auto& g : groupBy) {
      const std::string* v = in.key.label(g);
      gk.push_back(v ? *v : std::string());
    }
    Accumulator& acc = groups[gk];
    if (acc.n.empty()) {
      for (std::size_t i = 0; i < groupBy.size(); ++i) acc.result.group.emplace_back(groupBy[i], gk[i]);
      acc.sum.assign(buckets, 0);
      acc.min.assign(buckets, std::numeric_limits<double>::infinity());
      acc.max.assign(buckets, -std::numeric_limits<double>::infinity());
      acc.n.assign(buckets, 0);
    }
    ++acc.result.seriesCount;
    std::fill(bucketSum.begin(), bucketSum.end(), 0);
    std::fill(bucketN.begin(), bucketN.end(), 0);
    for (std::size_t i = 0; i < d.values.size(); ++i) {
      if (std::isnan(d.values[i])) continue;
      std::int64_t t = d.startMs + static_cast<std::int64_t>(i) * d.stepMs;
      std::int64_t b = (t - start + step - 1) / step;
      if (b < 0 || b >= static_cast<std::int64_t>(buckets)) continue;
      bucketSum[b] += d.values[i];
      ++bucketN[b];
    }
    for (std::size_t b = 0; b < buckets; ++b) {
      if (!bucketN[b]) continue;
      double v = bucketSum[b] / bucketN[b];
      acc.sum[b] += v;
      acc.min[b] = std::min(acc.min[b], v);
      acc.max[b] = std::max(acc.max[b], v);
      ++acc.n[b];
    }
  }
  std::vector<GroupResult> out;
  for (auto& [gk, acc] : groups) {
    GroupResult& r = acc.result;
    r.data.startMs = start;
    r.data.stepMs = step;
    r.data.values.resize(buckets);
    for (std::size_t b = 0; b < buckets; ++b) r.data.values[b] = combined(acc, b, aggregation);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace doflamingo
