// "What changed" at scale: Engine::rankChanges over 100,000 series of 2 s points, both windows
// (10 minutes before, 5 after) in the live ring, as when an engineer picks a moment of the last
// hour. The bar: 100,000 series ranked in at most 1 s on the project's 2-core machine.
//   cmake --build <build> --target doflamingo_changes_bench && <build>/doflamingo_changes_bench
// Setting up (45 million samples through ingest and the journal, 20-minute RRD files written at
// close) takes a minute or two and is not timed; only the ranking calls are.
#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench_support.h"
#include "change_score.h"
#include "doflamingo/engine.h"

namespace fs = std::filesystem;
using namespace doflamingo;

namespace {

constexpr std::int64_t kStepMs = 2000;
constexpr int kPoints = 450;  // 15 minutes of 2 s points: the default windows exactly

// The value of series i at point k: most series wobble around their own level, one in 50 steps
// up at the moment, one in 200 spikes once after it, one in 10 is a counter's rate that stops.
double valueAt(std::size_t i, int k) {
  const double level = 100.0 + static_cast<double>(i % 997);
  const double wobble = std::sin(0.37 * k + static_cast<double>(i)) * 2.0;
  if (i % 50 == 7 && k > 300) return level * 1.5 + wobble;
  if (i % 200 == 3 && k == 350) return level * 4;
  if (i % 10 == 5 && k > 320) return 0;
  return level + wobble;
}

void rankChanges(benchmark::State& state) {
  const auto series = static_cast<std::size_t>(state.range(0));
  const std::string dir = dfbench::freshDir("changes");
  EngineOptions o;
  o.dataDir = dir;
  o.tiers = "2s:20m";            // short files: their size is not what is measured
  o.liveWindowSeconds = 1200;    // the ring holds both windows
  o.flushBatch = 100000;         // nothing written back while the benchmark runs
  o.flushMaxDelaySeconds = 3600;
  o.maxBufferedSamples = 1LL << 40;
  auto engine = std::make_unique<Engine>(o);
  std::vector<std::uint32_t> ids;
  {
    std::vector<SeriesKey> keys;
    keys.reserve(series);
    for (std::size_t i = 0; i < series; ++i) {
      keys.push_back(SeriesKey::make("kafka.log.Log.Size", {{"cluster", "prod"},
                                                             {"broker", std::to_string(i % 3 + 1)},
                                                             {"topic", "orders-" + std::to_string(i / 100)},
                                                             {"partition", std::to_string(i % 100)}}));
    }
    ids = engine->intern(keys, std::vector<SeriesKind>(series, SeriesKind::Gauge),
                         std::vector<std::uint32_t>(series, 0));
  }
  const std::int64_t t0 = dfbench::nowMs() / kStepMs * kStepMs - (kPoints - 1) * kStepMs;
  std::vector<Sample> batch(series);
  for (int k = 0; k < kPoints; ++k) {
    for (std::size_t i = 0; i < series; ++i) batch[i] = Sample{ids[i], 0, t0 + k * kStepMs, valueAt(i, k)};
    engine->ingest(batch.data(), batch.size());
  }
  ChangeQuery q;
  q.ids = ids;
  q.atMs = t0 + 300 * kStepMs;  // 300 points before it, 150 after
  q.beforeMs = 600'000;
  q.afterMs = 300'000;
  q.limit = 20;
  ChangeRanking r;
  for (auto _ : state) {
    r = engine->rankChanges(q);
    benchmark::DoNotOptimize(r.top.data());
  }
  state.counters["ranked"] = static_cast<double>(r.ranked);
  state.counters["skipped"] = static_cast<double>(r.skipped);
  state.counters["topScore"] = r.top.empty() ? 0 : r.top.front().score;
  state.counters["seriesPerSecond"] =
      benchmark::Counter(static_cast<double>(series), benchmark::Counter::kIsIterationInvariantRate);
  engine->close();
  engine.reset();
  fs::remove_all(dir);
}
BENCHMARK(rankChanges)->Arg(10000)->Arg(100000)->Iterations(5)->Unit(benchmark::kMillisecond)->UseRealTime();

// The statistic alone on one series' windows (300 + 150 points): what the ranking costs besides
// reading the ring.
void scoreOneSeries(benchmark::State& state) {
  std::vector<double> before(300), after(150);
  for (int k = 0; k < 300; ++k) before[k] = valueAt(7, k);
  for (int k = 0; k < 150; ++k) after[k] = valueAt(7, 300 + k);
  for (auto _ : state) {
    auto c = scoreChange(before.data(), before.size(), after.data(), after.size(), 5);
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(scoreOneSeries);

}  // namespace
