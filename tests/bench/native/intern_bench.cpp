// First contact with many new series: interning them one call each (one lock and one series.log
// write per series) against one bulk call (one lock, one write). Each iteration opens a fresh
// engine, so every key is new; opening and closing it are not timed.
//
//   <build dir>/doflamingo_intern_bench
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench_support.h"
#include "doflamingo/engine.h"

using namespace doflamingo;
using dfbench::freshDir;

namespace {

std::vector<SeriesKey> partitionKeys(std::size_t n) {
  std::vector<SeriesKey> out;
  out.reserve(n);
  for (std::size_t p = 0; p < n; ++p) {
    out.push_back(SeriesKey::make("kafka.partition.log.size", {{"cluster", "prod"},
                                                               {"topic", "orders-" + std::to_string(p / 100)},
                                                               {"partition", std::to_string(p % 100)}}));
  }
  return out;
}

std::unique_ptr<Engine> openFresh(const std::string& dir) {
  std::filesystem::remove_all(dir);
  EngineOptions o;
  o.dataDir = dir;
  o.tiers = "2s:2m";
  o.liveWindowSeconds = 60;  // 240 bytes of ring a series: 100,000 of them fit comfortably
  return std::make_unique<Engine>(o);
}

template <typename InternAll>
void run(benchmark::State& state, const std::string& name, InternAll internAll) {
  const std::vector<SeriesKey> keys = partitionKeys(static_cast<std::size_t>(state.range(0)));
  const std::string dir = freshDir(name);
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<Engine> engine = openFresh(dir);
    state.ResumeTiming();
    internAll(*engine, keys);
    state.PauseTiming();
    engine.reset();
    state.ResumeTiming();
  }
  std::filesystem::remove_all(dir);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * keys.size()));  // µs/series: 1e6 / items/s
}

void BM_InternOneByOne(benchmark::State& state) {
  run(state, "intern-single", [](Engine& e, const std::vector<SeriesKey>& keys) {
    for (const SeriesKey& k : keys) benchmark::DoNotOptimize(e.intern(k, SeriesKind::Gauge));
  });
}
BENCHMARK(BM_InternOneByOne)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void BM_InternBulk(benchmark::State& state) {
  run(state, "intern-bulk", [](Engine& e, const std::vector<SeriesKey>& keys) {
    std::vector<std::uint32_t> ids = e.intern(keys, std::vector<SeriesKind>(keys.size(), SeriesKind::Gauge),
                                              std::vector<std::uint32_t>(keys.size(), 0));
    benchmark::DoNotOptimize(ids.data());
  });
}
BENCHMARK(BM_InternBulk)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace
