// Resident memory per interned series with a live ring (registry, series state, ring, write-back
// buffer), the figure a cluster's sizing multiplies.
//   cmake --build <build> --target doflamingo_memory_bench && <build>/doflamingo_memory_bench
// It uses only what every engine version has (the options' own tiers make the 30 s class), so the
// same file measures a build from before a change and one after it.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench_support.h"
#include "doflamingo/engine.h"

namespace fs = std::filesystem;
using namespace doflamingo;

namespace {

using dfbench::freshDir;
using dfbench::nowMs;

// Resident bytes of this process (/proc/self/statm, second field, in pages).
std::int64_t residentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::int64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * ::sysconf(_SC_PAGESIZE);
}

// Resident memory per series: 100,000 series shaped like partition-level Kafka series, interned
// into a 30 s class with an hour's ring (its files kept short: their size is not what is measured,
// and closing writes one per series), each given two samples (its ring and write-back buffer
// allocated; nothing written to disk). Reported as bytes per series (counter "residentPerSeries").
void residentMemoryPerSeries(benchmark::State& state) {
  const auto series = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    const std::string dir = freshDir("memory");
    const std::int64_t before = residentBytes();
    {
      EngineOptions o;
      o.dataDir = dir;
      o.tiers = "30s:2h";
      o.liveWindowSeconds = 3600;
      o.maxBufferedSamples = 1LL << 40;  // nothing written back: two values stay below flushBatch
      Engine engine(o);
      std::vector<std::uint32_t> ids;
      ids.reserve(series);
      for (std::size_t i = 0; i < series; ++i) {
        ids.push_back(engine.intern(
            SeriesKey::make("kafka.log.Log.LogEndOffset", {{"cluster", "prod"},
                                                            {"broker", std::to_string(i % 3 + 1)},
                                                            {"topic", "orders-" + std::to_string(i / 100)},
                                                            {"partition", std::to_string(i % 100)}}),
            SeriesKind::Gauge));
      }
      const std::int64_t t = nowMs() / 30'000 * 30'000;
      std::vector<Sample> batch;
      for (std::int64_t k : {t - 30'000, t}) {
        batch.clear();
        for (std::uint32_t id : ids) batch.push_back(Sample{id, 0, k, 1.0});
        engine.ingest(batch.data(), batch.size());
      }
      const std::int64_t after = residentBytes();
      state.counters["residentPerSeries"] = static_cast<double>(after - before) / static_cast<double>(series);
      state.counters["ringBytesPerSeries"] =
          static_cast<double>(engine.stats().liveRingBytes) / static_cast<double>(series);
      state.PauseTiming();  // closing writes every series' file: not what is measured
      engine.close();
      state.ResumeTiming();
    }
    fs::remove_all(dir);
  }
}
BENCHMARK(residentMemoryPerSeries)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
