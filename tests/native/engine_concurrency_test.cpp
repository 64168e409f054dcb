// Many threads ingesting, querying and flushing at once; small flush batches keep the flusher
// threads busy the whole time.
#include "doflamingo/engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <set>
#include <thread>

#include "doflamingo/error.h"
#include "test_support.h"

using namespace doflamingo;
using dftest::sample;
using dftest::TempDir;
using dftest::valueAt;

namespace {

constexpr int kWriters = 4;
constexpr int kOwnSeries = 4;    // per writer
constexpr int kSharedSeries = 2; // written by every writer
constexpr int kTimes = 300;      // samples per series, 2 s apart

double ownValue(int writer, int series, int i) { return (writer * kOwnSeries + series) * 10'000.0 + i; }
double sharedValue(int series, int i) { return 5'000'000.0 + series * 10'000.0 + i; }

}  // namespace

TEST(EngineConcurrency, WritersQueriesAndFlushersAtOnce) {
  TempDir tmp;
  EngineOptions o = dftest::engineOptions(tmp.sub("data"));
  o.flushBatch = 8;
  o.flusherThreads = 2;
  o.liveWindowSeconds = 10;
  o.journalSegmentBytes = 64 << 10;  // rotations and segment drops happen meanwhile too
  Engine e(o);

  std::vector<std::vector<std::uint32_t>> own(kWriters);
  for (int w = 0; w < kWriters; ++w) {
    for (int s = 0; s < kOwnSeries; ++s) {
      own[w].push_back(e.intern(
          SeriesKey::make("conc.own", {{"writer", std::to_string(w)}, {"s", std::to_string(s)}}), SeriesKind::Gauge));
    }
  }
  std::vector<std::uint32_t> shared;
  for (int s = 0; s < kSharedSeries; ++s) {
    shared.push_back(e.intern(SeriesKey::make("conc.shared", {{"s", std::to_string(s)}}), SeriesKind::Gauge));
  }
  const std::int64_t t0 = dftest::alignedPastMs(30);

  std::atomic<int> writersLeft{kWriters};
  std::atomic<std::int64_t> acceptedTotal{0};
  std::atomic<int> errors{0};
  // accepted[w][s]: times writer w got accepted on shared series s
  std::vector<std::vector<std::vector<std::int64_t>>> accepted(
      kWriters, std::vector<std::vector<std::int64_t>>(kSharedSeries));

  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      while (!go.load()) std::this_thread::yield();
      try {
        for (int i0 = 0; i0 < kTimes; i0 += 10) {
          std::vector<Sample> batch;
          for (int s = 0; s < kOwnSeries; ++s) {
            for (int i = i0; i < i0 + 10; ++i) batch.push_back(sample(own[w][s], t0 + i * 2000, ownValue(w, s, i)));
          }
          IngestResult r = e.ingest(batch.data(), batch.size());
          if (r.accepted != static_cast<std::int64_t>(batch.size())) ++errors;
          acceptedTotal += r.accepted;
          // Shared series: one sample a call, so each acceptance is attributable.
          for (int i = i0; i < i0 + 10; ++i) {
            for (int s = 0; s < kSharedSeries; ++s) {
              Sample smp = sample(shared[s], t0 + i * 2000, sharedValue(s, i));
              IngestResult one = e.ingest(&smp, 1);
              if (one.accepted + one.outOfOrder != 1) ++errors;
              if (one.accepted) accepted[w][s].push_back(smp.timeMs);
              acceptedTotal += one.accepted;
            }
          }
        }
      } catch (const std::exception& ex) {
        ADD_FAILURE() << "writer " << w << ": " << ex.what();
      }
      --writersLeft;
    });
  }
  std::atomic<int> queries{0};
  threads.emplace_back([&] {
    try {
      std::uint32_t k = 0;
      go = true;
      // While the writers run, and a few rounds at least however fast they are.
      while (writersLeft.load() > 0 || k < 20) {
        int w = static_cast<int>(k % kWriters), s = static_cast<int>((k / kWriters) % kOwnSeries);
        std::uint32_t id = own[w][s];
        // Alternately from the file (old range) and from memory (the last seconds).
        SeriesData d = k % 2 ? e.query(id, t0, t0 + kTimes * 2000, 2000)
                             : e.query(id, std::max<std::int64_t>(t0, dftest::kNowMs - 3'600'000),
                                       t0 + kTimes * 2000, 2000);
        for (double v : d.values) {
          if (!std::isnan(v) && std::floor(v / 10'000.0) != w * kOwnSeries + s) ++errors;  // another series' value
        }
        GroupQuery q;
        q.name = "conc.own";
        q.groupBy = {"writer"};
        q.fromMs = t0;
        q.toMs = t0 + kTimes * 2000;
        q.resolutionMs = 60'000;
        e.groupBy(q);
        EngineStats st = e.stats();
        if (st.samplesBuffered < 0 && st.samplesWritten == 0) ++errors;
        ++queries;
        ++k;
      }
    } catch (const std::exception& ex) {
      go = true;
      ADD_FAILURE() << "query thread: " << ex.what();
    }
  });
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_GE(queries.load(), 20);

  ASSERT_NO_THROW(e.flush());
  EngineStats st = e.stats();
  EXPECT_EQ(st.samplesBuffered, 0);
  EXPECT_EQ(st.samplesAccepted, acceptedTotal.load());
  EXPECT_EQ(st.samplesWritten, acceptedTotal.load());
  EXPECT_EQ(st.rrdWriteErrors, 0) << st.lastStorageError;
  EXPECT_EQ(st.series, kWriters * kOwnSeries + kSharedSeries);

  // Every own-series sample is in its file, exactly.
  for (int w = 0; w < kWriters; ++w) {
    for (int s = 0; s < kOwnSeries; ++s) {
      SeriesData d = e.query(own[w][s], t0, t0 + (kTimes - 1) * 2000, 2000);
      for (int i = 0; i < kTimes; ++i) {
        ASSERT_EQ(valueAt(d, t0 + i * 2000), ownValue(w, s, i)) << "writer " << w << " series " << s << " i " << i;
      }
    }
  }
  // Shared series: no time was accepted twice; accepted times are in the file with their value.
  for (int s = 0; s < kSharedSeries; ++s) {
    std::vector<std::int64_t> all;
    for (int w = 0; w < kWriters; ++w) all.insert(all.end(), accepted[w][s].begin(), accepted[w][s].end());
    std::sort(all.begin(), all.end());
    EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end()) << "a time was accepted twice";
    ASSERT_FALSE(all.empty());
    EXPECT_EQ(all.back(), t0 + (kTimes - 1) * 2000);  // the newest time always gets in
    SeriesData d = e.query(shared[s], t0, t0 + (kTimes - 1) * 2000, 2000);
    for (std::size_t k = 0; k < all.size(); ++k) {
      // A gauge row holds its sample when the one before is within the heartbeat (10 s).
      if (k > 0 && all[k] - all[k - 1] > 10'000) continue;
      if (k == 0 && all[k] != t0) continue;
      int i = static_cast<int>((all[k] - t0) / 2000);
      EXPECT_EQ(valueAt(d, all[k]), sharedValue(s, i)) << "shared " << s << " i " << i;
    }
  }
}

TEST(EngineConcurrency, ConcurrentInternOfTheSameKeysAgrees) {
  TempDir tmp;
  EngineOptions o = dftest::engineOptions(tmp.sub("data"));
  Engine e(o);
  std::vector<std::vector<std::uint32_t>> ids(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 500; ++k) {
        int key = (k * 7 + t * 13) % 500;
        ids[t].push_back(e.intern(SeriesKey::make("same", {{"k", std::to_string(key)}}), SeriesKind::Gauge));
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(e.stats().series, 500);
  std::map<std::string, std::uint32_t> byKey;
  for (int t = 0; t < 4; ++t) {
    for (int k = 0; k < 500; ++k) {
      std::string key = std::to_string((k * 7 + t * 13) % 500);
      auto [it, fresh] = byKey.emplace(key, ids[t][k]);
      EXPECT_EQ(it->second, ids[t][k]) << "key " << key;
      EXPECT_EQ(e.key(ids[t][k]), SeriesKey::make("same", {{"k", key}}));
    }
  }
}

// close() while others ingest: they see Closed, nothing acknowledged is lost.
TEST(EngineConcurrency, CloseWhileIngestingLosesNothingAcknowledged) {
  TempDir tmp;
  EngineOptions o = dftest::engineOptions(tmp.sub("data"));
  o.flushBatch = 8;
  o.flusherThreads = 2;
  const std::int64_t t0 = dftest::alignedPastMs(40);
  std::vector<int> acknowledged(3, 0);  // samples per writer, in order
  {
    Engine e(o);
    std::vector<std::uint32_t> ids;
    for (int w = 0; w < 3; ++w) ids.push_back(e.intern(SeriesKey::make("closing", {{"w", std::to_string(w)}}), SeriesKind::Gauge));
    std::atomic<int> started{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 3; ++w) {
      writers.emplace_back([&, w] {
        ++started;
        for (int i = 0; i < 1000; i += 5) {
          std::vector<Sample> batch;
          for (int k = i; k < i + 5; ++k) batch.push_back(sample(ids[w], t0 + k * 2000, w * 10'000.0 + k));
          try {
            e.ingest(batch.data(), batch.size());
            acknowledged[w] = i + 5;
          } catch (const Closed&) {
            return;
          } catch (const std::exception& ex) {
            ADD_FAILURE() << ex.what();
            return;
          }
        }
      });
    }
    while (started.load() < 3) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    e.close();
    for (auto& t : writers) t.join();
  }
  EngineOptions reopen = o;
  reopen.liveWindowSeconds = 10;
  Engine e(reopen);
  EXPECT_EQ(e.stats().replayedSamples, 0);  // a clean close wrote everything to RRD
  for (int w = 0; w < 3; ++w) {
    if (acknowledged[w] == 0) continue;
    SeriesData d = e.query(static_cast<std::uint32_t>(w), t0, t0 + (acknowledged[w] - 1) * 2000, 2000);
    for (int k = 0; k < acknowledged[w]; ++k) {
      ASSERT_EQ(valueAt(d, t0 + k * 2000), w * 10'000.0 + k) << "writer " << w << " sample " << k;
    }
  }
}
