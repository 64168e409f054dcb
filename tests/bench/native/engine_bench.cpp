// Native micro-benchmarks of the engine's hot paths:
//   cmake --build <build> --target doflamingo_bench && <build>/doflamingo_bench
// The end-to-end comparison with RRD4J is the Java bench (java/bench, see README.md).
#include <benchmark/benchmark.h>
#include <rrd.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
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

std::int64_t alignedNowMs() { return dfbench::nowMs() / 2000 * 2000; }

// librrd's cost per value as a function of values per call, into one file with the default tiers.
void BM_RrdWriteValuesPerCall(benchmark::State& state) {
  const auto perCall = static_cast<std::size_t>(state.range(0));
  std::string dir = freshDir("rrd");
  RrdStore store(dir, "");
  const RrdLayout layout(parseTiers(kDefaultTiers), 10, true);
  // Start far enough back that every iteration stays in the past.
  std::int64_t t = alignedNowMs() - 400LL * 86400 * 1000;
  std::vector<Point> points(perCall);
  std::size_t total = 0;
  for (auto _ : state) {
    for (auto& p : points) {
      t += 2000;
      p = Point{t, std::sin(static_cast<double>(t))};
    }
    auto r = store.write("bench.rrd", layout, points);
    if (r.status != RrdStore::WriteStatus::Ok) state.SkipWithError(r.error.c_str());
    total += perCall;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(total));
  fs::remove_all(dir);
}
BENCHMARK(BM_RrdWriteValuesPerCall)->Arg(1)->Arg(20)->Arg(64)->Arg(256)->Arg(1024)->Unit(benchmark::kMicrosecond);

// Ingest path alone (validation, counter/gauge handling, live ring, journal append), with
// write-back held off so no RRD file is touched: what a collector pays per sample.
void BM_EngineIngestToJournal(benchmark::State& state) {
  const std::size_t series = static_cast<std::size_t>(state.range(0));
  std::string dir = freshDir("ingest");
  EngineOptions o;
  o.dataDir = dir;
  o.flushBatch = 100000;
  o.flushMaxDelaySeconds = 100000;
  o.maxBufferedSamples = 1LL << 40;
  {
    Engine engine(o);
    std::vector<Sample> batch(series);
    for (std::size_t i = 0; i < series; ++i) {
      batch[i].seriesId = engine.intern(SeriesKey::make("bench.metric", {{"n", std::to_string(i)}}),
                                        i % 2 ? SeriesKind::Counter : SeriesKind::Gauge);
    }
    std::int64_t t = alignedNowMs() - 30LL * 86400 * 1000;
    std::size_t total = 0;
    for (auto _ : state) {
      t += 2000;
      for (std::size_t i = 0; i < series; ++i) {
        batch[i].timeMs = t;
        batch[i].value = static_cast<double>(t / 1000 + i);
      }
      engine.ingest(batch.data(), batch.size());
      total += series;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(total));
    state.counters["ring_bytes_per_series"] =
        static_cast<double>(engine.stats().liveRingBytes) / static_cast<double>(series);
  }
  fs::remove_all(dir);
}
BENCHMARK(BM_EngineIngestToJournal)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(300);

// An engine holding `series` series, each with its last 10 values in the live ring; made once per
// size and shared by both ways of reading (closing it writes every series' file).
struct LatestSetup {
  static LatestSetup& of(std::size_t series) {
    static std::map<std::size_t, std::unique_ptr<LatestSetup>> made;
    auto& s = made[series];
    if (!s) s = std::make_unique<LatestSetup>(series);
    return *s;
  }
  explicit LatestSetup(std::size_t series) : dir(freshDir("latest-" + std::to_string(series))) {
    EngineOptions o;
    o.dataDir = dir;
    o.tiers = "2s:2m";  // small files: the close at exit writes 100,000 of them
    o.liveWindowSeconds = 60;  // 240 bytes a series: 100,000 of them fit comfortably
    o.maxBufferedSamples = 1LL << 40;  // 10 values a series stay below flushBatch: nothing is written
    engine = std::make_unique<Engine>(o);
    std::vector<Sample> batch;
    for (std::size_t i = 0; i < series; ++i) {
      ids.push_back(engine->intern(SeriesKey::make("bench.lag", {{"group", std::to_string(i)}}), SeriesKind::Gauge));
    }
    now = alignedNowMs();
    for (int k = 9; k >= 0; --k) {
      batch.clear();
      for (std::uint32_t id : ids) batch.push_back(Sample{id, 0, now - k * 2000, static_cast<double>(id + k)});
      engine->ingest(batch.data(), batch.size());
    }
  }
  ~LatestSetup() {
    engine.reset();
    fs::remove_all(dir);
  }
  std::string dir;
  std::unique_ptr<Engine> engine;
  std::vector<std::uint32_t> ids;
  std::int64_t now = 0;
};

// The newest value of many series in one call (Engine::latest), as the list pages read them ...
void BM_LatestBulk(benchmark::State& state) {
  LatestSetup& s = LatestSetup::of(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    std::vector<Point> got = s.engine->latest(s.ids, s.now, 10'000);
    benchmark::DoNotOptimize(got.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * s.ids.size()));
}
BENCHMARK(BM_LatestBulk)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(20)->Repetitions(5)
    ->ReportAggregatesOnly(true);

// ... against one query per series and its newest known value, as they read them before.
void BM_LatestByQueryLoop(benchmark::State& state) {
  LatestSetup& s = LatestSetup::of(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    std::vector<double> got;
    got.reserve(s.ids.size());
    for (std::uint32_t id : s.ids) {
      SeriesData d = s.engine->query(id, s.now - 10'000, s.now, 2000);
      double v = std::nan("");
      for (std::size_t i = d.values.size(); i-- > 0;) {
        if (!std::isnan(d.values[i])) {
          v = d.values[i];
          break;
        }
      }
      got.push_back(v);
    }
    benchmark::DoNotOptimize(got.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * s.ids.size()));
}
BENCHMARK(BM_LatestByQueryLoop)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(20)->Repetitions(5)
    ->ReportAggregatesOnly(true);

void BM_SeriesKeyMake(benchmark::State& state) {
  for (auto _ : state) {
    auto k = SeriesKey::make("kafka.server.BrokerTopicMetrics.MessagesInPerSec",
                             {{"topic", "orders"}, {"cluster", "prod"}, {"broker", "1"}});
    benchmark::DoNotOptimize(k);
  }
}
BENCHMARK(BM_SeriesKeyMake);

}  // namespace
