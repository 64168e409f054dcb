// The event log: appending batches (one write each), and a range read of one hour, newest first,
// out of a log holding 30 days of events, and opening that log. Run: doflamingo_event_bench
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>

#include "bench_support.h"
#include "doflamingo/engine.h"
#include "event_log.h"

using namespace doflamingo;

namespace {

EventRecord sampleEvent(std::int64_t timeMs, int i) {
  EventRecord e;
  e.timeMs = timeMs;
  e.area = "kafka";
  e.kind = i % 3 == 0 ? "partition.leader" : (i % 3 == 1 ? "group.status" : "target.down");
  e.severity = static_cast<EventSeverity>(i % 3);
  e.labels = {{"broker", std::to_string(i % 5)}, {"cluster", "prod"}, {"topic", "orders-" + std::to_string(i % 200)}};
  e.before = "OK";
  e.after = "STALL";
  e.message = "lag keeps growing over the window";
  return e;
}

// Batches of state.range(0) events; items/s is events appended per second.
void BM_EventAppend(benchmark::State& state) {
  const std::string dir = dfbench::freshDir("event-append");
  {
    EventLogOptions o;
    o.dir = dir;
    o.maxBytes = 1ll << 30;
    EventLog log(o);
    const int batchSize = static_cast<int>(state.range(0));
    std::int64_t t = dfbench::nowMs() - 86400000;
    std::vector<EventRecord> batch;
    for (auto _ : state) {
      state.PauseTiming();
      batch.clear();
      for (int i = 0; i < batchSize; ++i) batch.push_back(sampleEvent(t += 10, i));
      state.ResumeTiming();
      log.append(batch);
    }
    state.SetItemsProcessed(state.iterations() * batchSize);
    state.counters["bytes_per_event"] = static_cast<double>(log.stats().bytes) / static_cast<double>(log.stats().events);
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_EventAppend)->Arg(1)->Arg(100)->Arg(1000);

// 30 days at one event every 2 s (1.3 M events, about 180 MB), then a 1-hour range read of the
// newest 100 (with the total), with and without a kind filter.
struct BigLog {
  std::string dir;
  std::unique_ptr<EventLog> log;
  std::int64_t nowMs;
  BigLog() : dir(dfbench::freshDir("event-read")) {
    EventLogOptions o;
    o.dir = dir;
    o.maxBytes = 1ll << 30;
    nowMs = dfbench::nowMs();
    log = std::make_unique<EventLog>(o);
    const std::int64_t first = nowMs - 30ll * 86400000;
    std::vector<EventRecord> batch;
    int i = 0;
    for (std::int64_t t = first; t < nowMs; t += 2000) {
      batch.push_back(sampleEvent(t, i++));
      if (batch.size() == 1000) {
        log->append(batch);
        batch.clear();
      }
    }
    log->append(batch);
  }
  ~BigLog() {
    log.reset();
    std::filesystem::remove_all(dir);
  }
};

BigLog& bigLog() {
  static BigLog big;
  return big;
}

void BM_EventRangeRead(benchmark::State& state) {
  BigLog& big = bigLog();
  EventQuery q;
  q.toMs = big.nowMs - 10ll * 86400000;  // an hour ten days ago
  q.fromMs = q.toMs - 3600000;
  q.limit = 100;
  if (state.range(0) == 1) q.kinds = {"target.down"};
  std::int64_t total = 0;
  for (auto _ : state) {
    EventPage p = big.log->query(q);
    total = p.total;
    benchmark::DoNotOptimize(p);
  }
  state.counters["matches"] = static_cast<double>(total);
  state.counters["log_events"] = static_cast<double>(big.log->stats().events);
  state.counters["log_MB"] = static_cast<double>(big.log->stats().bytes) / 1e6;
}
BENCHMARK(BM_EventRangeRead)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// Opening that log: every segment read, checked and indexed (the cost of a start).
void BM_EventLogOpen(benchmark::State& state) {
  BigLog& big = bigLog();
  for (auto _ : state) {
    EventLogOptions o;
    o.dir = big.dir;
    o.maxBytes = 1ll << 30;
    EventLog again(o);
    benchmark::DoNotOptimize(again.stats().events);
  }
}
BENCHMARK(BM_EventLogOpen)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
