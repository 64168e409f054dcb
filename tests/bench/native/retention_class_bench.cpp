// The time to create a new series' RRD file, by retention class (its memory: series_memory_bench.cpp).
//   cmake --build <build> --target doflamingo_class_bench && <build>/doflamingo_class_bench
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_support.h"
#include "doflamingo/engine.h"
#include "rrd_store.h"
#include "tiers.h"

namespace fs = std::filesystem;
using namespace doflamingo;

namespace {

using dfbench::freshDir;
using dfbench::nowMs;

// One new file per iteration, as the first write of a new series creates it: "default"
// (2s:1d,1m:14d,15m:180d,1h:5y with MIN/MAX, 2.3 MB) against a small class (30s:1d,1h:30d, no
// MIN/MAX). The files stay until the end, as a new cluster's do; then the directory goes.
void createFiles(benchmark::State& state, const char* tiers, bool minMax) {
  const std::string dir = freshDir("create");
  RrdStore store(dir, "");
  const std::vector<Tier> parsed = parseTiers(tiers);
  const RrdLayout layout(parsed, 5 * parsed.front().stepSeconds, minMax);
  const std::int64_t t = nowMs() / 60'000 * 60'000 - 60'000;
  std::int64_t n = 0;
  for (auto _ : state) {
    char name[32];
    std::snprintf(name, sizeof name, "%02x/%08llx.rrd", static_cast<unsigned>(n & 0xff), static_cast<long long>(n));
    ++n;
    RrdStore::WriteResult r = store.write(name, layout, {{t, 1.0}});
    if (r.status != RrdStore::WriteStatus::Ok) state.SkipWithError(r.error.c_str());
  }
  state.counters["fileBytes"] = static_cast<double>(layout.fileBytes());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * layout.fileBytes());
  fs::remove_all(dir);
}
BENCHMARK_CAPTURE(createFiles, default_class, kDefaultTiers, true)->Iterations(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(createFiles, small_class, "30s:1d,1h:30d", false)->Iterations(2000)->Unit(benchmark::kMicrosecond);

}  // namespace
