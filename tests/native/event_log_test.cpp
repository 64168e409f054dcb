// The event log: append and read back, ranges and paging, filters, retention by age and size, a torn
// tail and corrupt records at open, reopen, a kill -9 after append, and the engine's face of it.
#include "event_log.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "doflamingo/error.h"
#include "test_support.h"

using namespace doflamingo;
using dftest::kNowMs;
using dftest::ManualClock;
using dftest::TempDir;

namespace {

EventRecord event(std::int64_t timeMs, const std::string& kind, EventSeverity sev = EventSeverity::Info,
                  std::vector<Label> labels = {{"cluster", "prod"}}) {
  EventRecord e;
  e.timeMs = timeMs;
  e.area = "kafka";
  e.kind = kind;
  e.severity = sev;
  e.labels = std::move(labels);
  return e;
}

struct Log {
  explicit Log(const std::string& dir, std::int64_t maxBytes = 256ll << 20, std::int64_t segmentBytes = 8ll << 20)
      : clock(std::make_shared<ManualClock>(kNowMs)) {
    options.dir = dir;
    options.maxBytes = maxBytes;
    options.segmentBytes = segmentBytes;
    options.clock = clock;
    open();
  }
  void open() { log = std::make_unique<EventLog>(options); }
  void reopen() {
    log.reset();
    open();
  }
  std::shared_ptr<ManualClock> clock;
  EventLogOptions options;
  std::unique_ptr<EventLog> log;
};

EventQuery range(std::int64_t fromMs, std::int64_t toMs, std::int64_t limit = 100) {
  EventQuery q;
  q.fromMs = fromMs;
  q.toMs = toMs;
  q.limit = limit;
  return q;
}

std::vector<std::string> segmentFiles(const std::string& dir) { return dftest::filesEndingWith(dir, ".log"); }

std::vector<std::int64_t> times(const EventPage& p) {
  std::vector<std::int64_t> out;
  for (const auto& e : p.events) out.push_back(e.timeMs);
  return out;
}

}  // namespace

TEST(EventLog, EveryFieldComesBackNewestFirst) {
  TempDir tmp;
  Log l(tmp.sub("events"));
  EventRecord full = event(kNowMs - 5000, "partition.leader", EventSeverity::Warning,
                           {{"broker", "2"}, {"cluster", "prod"}, {"topic", std::string("o\0rders-\xED\x95\x9C", 12)}});
  full.before = "1";
  full.after = "";  // present but empty differs from absent
  full.message = "<b>leader moved</b> \xF0\x9F\x9A\x80";
  full.count = 140;
  full.members = {"orders-3", "orders-7"};
  EventRecord bare = event(kNowMs - 1000, "target.down", EventSeverity::Critical);
  EventRecord sameTime = event(kNowMs - 1000, "target.up");
  l.log->append({full, bare});
  l.log->append({sameTime});

  EventPage p = l.log->query(range(kNowMs - 60000, kNowMs));
  ASSERT_EQ(p.total, 3);
  ASSERT_EQ(p.events.size(), 3u);
  EXPECT_EQ(p.events[0], sameTime);  // same time: the later append first
  EXPECT_EQ(p.events[1], bare);
  EXPECT_EQ(p.events[2], full);
  EXPECT_FALSE(p.events[1].before.has_value());
  EXPECT_TRUE(p.events[2].after.has_value());
  EXPECT_EQ(l.log->stats().events, 3);
}

TEST(EventLog, RangeIsInclusiveAndPagesCoverEveryMatchOnce) {
  TempDir tmp;
  Log l(tmp.sub("events"));
  std::vector<EventRecord> batch;
  for (int i = 0; i < 500; ++i) batch.push_back(event(kNowMs - 1000000 + i * 1000, "group.status"));
  l.log->append(batch);

  EventPage p = l.log->query(range(kNowMs - 1000000 + 100000, kNowMs - 1000000 + 199000, 1000));
  EXPECT_EQ(p.total, 100);
  ASSERT_EQ(p.events.size(), 100u);
  EXPECT_EQ(p.events.front().timeMs, kNowMs - 1000000 + 199000);
  EXPECT_EQ(p.events.back().timeMs, kNowMs - 1000000 + 100000);

  std::vector<std::int64_t> all;
  for (std::int64_t start = 0; start < 500; start += 64) {
    EventQuery q = range(kNowMs - 2000000, kNowMs, 64);
    q.start = start;
    EventPage page = l.log->query(q);
    EXPECT_EQ(page.total, 500);
    for (auto t : times(page)) all.push_back(t);
  }
  ASSERT_EQ(all.size(), 500u);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GT(all[i - 1], all[i]);
  EventQuery past = range(kNowMs - 2000000, kNowMs, 10);
  past.start = 600;
  EXPECT_EQ(l.log->query(past).events.size(), 0u);
  EXPECT_EQ(l.log->query(past).total, 500);
}

TEST(EventLog, FiltersByKindAreaSeverityAndLabels) {
  TempDir tmp;
  Log l(tmp.sub("events"));
  EventRecord zk = event(kNowMs - 4000, "zookeeper.leader", EventSeverity::Warning, {{"ensemble", "zk"}});
  zk.area = "zookeeper";
  l.log->append({event(kNowMs - 9000, "target.down", EventSeverity::Critical, {{"broker", "1"}, {"cluster", "prod"}}),
                 event(kNowMs - 8000, "target.up", EventSeverity::Info, {{"broker", "1"}, {"cluster", "prod"}}),
                 event(kNowMs - 7000, "target.down", EventSeverity::Critical, {{"broker", "2"}, {"cluster", "prod"}}),
                 event(kNowMs - 6000, "group.status", EventSeverity::Warning, {{"cluster", "test"}, {"group", "g"}}),
                 zk});
  auto total = [&](const std::function<void(EventQuery&)>& set) {
    EventQuery q = range(kNowMs - 60000, kNowMs);
    set(q);
    return l.log->query(q).total;
  };
  EXPECT_EQ(total([](EventQuery&) {}), 5);
  EXPECT_EQ(total([](EventQuery& q) { q.kinds = {"target.down"}; }), 2);
  EXPECT_EQ(total([](EventQuery& q) { q.kinds = {"target.down", "target.up"}; }), 3);
  EXPECT_EQ(total([](EventQuery& q) { q.areas = {"zookeeper"}; }), 1);
  EXPECT_EQ(total([](EventQuery& q) { q.minSeverity = EventSeverity::Warning; }), 4);
  EXPECT_EQ(total([](EventQuery& q) { q.minSeverity = EventSeverity::Critical; }), 2);
  EXPECT_EQ(total([](EventQuery& q) { q.labels = {{"broker", "1"}}; }), 2);
  EXPECT_EQ(total([](EventQuery& q) { q.labels = {{"broker", "1"}, {"cluster", "prod"}}; }), 2);
  EXPECT_EQ(total([](EventQuery& q) { q.labels = {{"broker", "1"}, {"cluster", "test"}}; }), 0);
  EXPECT_EQ(total([](EventQuery& q) { q.labels = {{"cluster", "prod"}}; q.kinds = {"target.down"}; }), 2);
  EXPECT_EQ(total([](EventQuery& q) { q.labels = {{"nosuch", ""}}; }), 0);
  // Events of a label-free area pass the label filter (Doflamingo's own: about every entity).
  EXPECT_EQ(total([](EventQuery& q) { q.labels = {{"broker", "1"}}; q.labelFreeAreas = {"zookeeper"}; }), 3);
  EXPECT_EQ(total([](EventQuery& q) { q.labels = {{"broker", "1"}}; q.labelFreeAreas = {"zookeeper"}; q.areas = {"kafka"}; }), 2);
}

TEST(EventLog, BadArgumentsNameTheField) {
  TempDir tmp;
  Log l(tmp.sub("events"));
  auto refused = [&](EventRecord bad, const std::string& part) {
    try {
      l.log->append({event(kNowMs, "ok"), bad});
      ADD_FAILURE() << "accepted an event with bad " << part;
    } catch (const InvalidArgument& e) {
      EXPECT_NE(std::string(e.what()).find("event 1 of the batch"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    }
  };
  EventRecord e = event(kNowMs, "");
  refused(e, "kind");
  e = event(kNowMs, "k", EventSeverity::Info, {{"topic", "\xC3\x28"}});
  refused(e, "label 'topic'");
  e = event(kNowMs, "k", EventSeverity::Info, {{"topic", "a"}, {"cluster", "b"}});
  refused(e, "sorted");
  e = event(kNowMs, "k");
  e.message = std::string(5000, 'x');
  refused(e, "message");
  e = event(kNowMs, "k");
  e.count = 0;
  refused(e, "count");
  EXPECT_EQ(l.log->stats().events, 0);  // nothing of a refused batch is written
  EXPECT_THROW(l.log->query(range(kNowMs, kNowMs - 1)), InvalidArgument);
  EXPECT_THROW(l.log->query(range(0, kNowMs, EventQuery::kMaxLimit + 1)), InvalidArgument);
  EventQuery q = range(0, kNowMs);
  q.start = -1;
  EXPECT_THROW(l.log->query(q), InvalidArgument);
}

TEST(EventLog, EventsPastTheAgeLimitAreNotAnsweredAndTheirSegmentsGo) {
  TempDir tmp;
  Log l(tmp.sub("events"));
  const std::int64_t day = 86400000;
  l.log->append({event(kNowMs - 100 * day, "old"), event(kNowMs - 89 * day, "kept")});
  EventPage p = l.log->query(range(0, kNowMs));
  ASSERT_EQ(p.total, 1);  // the 100-day-old event is past the 90-day limit even before its segment goes
  EXPECT_EQ(p.events[0].kind, "kept");

  const std::string first = segmentFiles(tmp.sub("events")).front();
  // Later appends go to new segments once a segment's first event is older than 90/16 days, and
  // each append deletes what is due: the first segment goes once "kept" is 90 days old.
  for (int d = 0; d < 30; ++d) {
    l.clock->advance(day);
    l.log->append({event(l.clock->nowMs(), "daily")});
  }
  EXPECT_GT(l.log->stats().segments, 3);
  EXPECT_FALSE(std::filesystem::exists(first));
  EXPECT_EQ(l.log->query(range(0, l.clock->nowMs(), 1000)).total, 30);
  EXPECT_EQ(l.log->stats().events, 30);

  // Idle past the limit: even the segment appended to goes.
  l.clock->advance(91 * day);
  l.log->enforceRetention();
  EXPECT_EQ(l.log->stats().events, 0);
  EXPECT_EQ(l.log->query(range(0, l.clock->nowMs())).total, 0);
  l.log->append({event(l.clock->nowMs(), "fresh")});
  EXPECT_EQ(l.log->query(range(0, l.clock->nowMs())).total, 1);
}

TEST(EventLog, TheLogStaysUnderItsSizeDroppingTheOldest) {
  TempDir tmp;
  Log l(tmp.sub("events"), 256 * 1024, 16 * 1024);
  EventRecord e = event(0, "partition.isr");
  e.message = std::string(200, 'm');
  for (int batch = 0; batch < 100; ++batch) {
    std::vector<EventRecord> b;
    for (int i = 0; i < 20; ++i) {
      e.timeMs = kNowMs - 10000000 + (batch * 20 + i) * 100;
      b.push_back(e);
    }
    l.log->append(b);
    ASSERT_LE(l.log->stats().bytes, 256 * 1024 + 16 * 1024) << "after batch " << batch;
  }
  std::int64_t onDisk = 0;
  for (const auto& f : segmentFiles(tmp.sub("events"))) onDisk += static_cast<std::int64_t>(std::filesystem::file_size(f));
  EXPECT_EQ(onDisk, l.log->stats().bytes);
  EXPECT_LE(onDisk, 256 * 1024);
  EventPage p = l.log->query(range(0, kNowMs, 1));
  ASSERT_EQ(p.events.size(), 1u);
  EXPECT_EQ(p.events[0].timeMs, kNowMs - 10000000 + 1999 * 100);  // the newest is kept
  EXPECT_LT(p.total, 2000);                                        // the oldest went
  EXPECT_EQ(p.total, l.log->stats().events);
}

TEST(EventLog, ARangeReadVisitsOnlyTheBlocksOfItsRange) {
  TempDir tmp;
  Log l(tmp.sub("events"));
  for (int batch = 0; batch < 100; ++batch) {
    std::vector<EventRecord> b;
    for (int i = 0; i < 500; ++i) b.push_back(event(kNowMs - 50000000 + (batch * 500 + i) * 1000, "k"));
    l.log->append(b);
  }
  const std::int64_t total = l.log->stats().bytes;
  const std::int64_t before = l.log->stats().bytesRead;
  EventPage p = l.log->query(range(kNowMs - 30000000, kNowMs - 30000000 + 59000));
  EXPECT_EQ(p.total, 60);
  const std::int64_t read = l.log->stats().bytesRead - before;
  EXPECT_LE(read, 3 * static_cast<std::int64_t>(EventLog::kBlockBytes)) << "read " << read << " of " << total;
}

TEST(EventLog, ATornTailIsCutAtOpenAndTheRestKept) {
  TempDir tmp;
  dftest::CapturedLog captured;
  Log l(tmp.sub("events"));
  l.log->append({event(kNowMs - 3000, "a"), event(kNowMs - 2000, "b")});
  const std::string seg = segmentFiles(tmp.sub("events")).front();
  const auto goodSize = std::filesystem::file_size(seg);
  // The start of a third record's header, as a process killed inside write() leaves it.
  l.log.reset();
  dftest::appendBytes(seg, std::string("\x44\x46\x45\x31\x10\x00", 6));  // 6 bytes of a header
  l.open();
  EXPECT_EQ(std::filesystem::file_size(seg), goodSize);
  EXPECT_EQ(l.log->stats().tornBytesCut, 6);
  EXPECT_TRUE(captured.contains(3, {"torn tail of 6 bytes"})) << captured.dump();
  EXPECT_EQ(l.log->query(range(0, kNowMs)).total, 2);
  l.log->append({event(kNowMs, "after")});
  EXPECT_EQ(l.log->query(range(0, kNowMs)).total, 3);

  // A whole header whose payload never made it.
  l.log.reset();
  const auto size2 = std::filesystem::file_size(seg);
  std::string hdr = dftest::readBytes(seg).substr(0, EventLog::kHeaderBytes);
  dftest::appendBytes(seg, hdr + "\x01\x02");
  l.open();
  EXPECT_EQ(std::filesystem::file_size(seg), size2);
  EXPECT_EQ(l.log->query(range(0, kNowMs)).total, 3);
  EXPECT_EQ(l.log->stats().corruptRecords, 0);
}

TEST(EventLog, CorruptRecordsAreSkippedCountedAndLogged) {
  TempDir tmp;
  dftest::CapturedLog captured;
  Log l(tmp.sub("events"));
  std::vector<EventRecord> b;
  for (int i = 0; i < 10; ++i) b.push_back(event(kNowMs - 10000 + i * 1000, "k" + std::to_string(i)));
  l.log->append(b);
  l.log.reset();
  const std::string seg = segmentFiles(tmp.sub("events")).front();
  std::string bytes = dftest::readBytes(seg);
  const std::size_t recordBytes = bytes.size() / 10;  // every record is the same size here
  bytes[2 * recordBytes + EventLog::kHeaderBytes + 3] ^= 0x40;  // record 2's payload
  bytes[5 * recordBytes + 1] ^= 0x01;                            // record 5's header
  dftest::writeBytes(seg, bytes);
  l.open();
  EXPECT_EQ(l.log->stats().corruptRecords, 2);
  EXPECT_EQ(l.log->stats().tornBytesCut, 0);
  EXPECT_TRUE(captured.contains(3, {"skipped 2 corrupt records"})) << captured.dump();
  EventPage p = l.log->query(range(0, kNowMs));
  EXPECT_EQ(p.total, 8);
  for (const auto& e : p.events) {
    EXPECT_NE(e.kind, "k2");
    EXPECT_NE(e.kind, "k5");
  }
  // Damage after open is found by the read, which skips it too.
  l.log->append({event(kNowMs, "later")});
  std::string now = dftest::readBytes(seg);
  now[7 * recordBytes + EventLog::kHeaderBytes + 5] ^= 0x10;
  dftest::writeBytes(seg, now);
  EXPECT_EQ(l.log->query(range(0, kNowMs)).total, 8);  // 7 of the first 10, and "later"
  EXPECT_EQ(l.log->stats().corruptRecords, 3);
}

TEST(EventLog, ReopenKeepsEverythingAndAppendsGoOn) {
  TempDir tmp;
  Log l(tmp.sub("events"), 256 * 1024, 16 * 1024);
  for (int i = 0; i < 300; ++i) l.log->append({event(kNowMs - 300000 + i * 1000, "k")});
  const EventLogStats before = l.log->stats();
  EXPECT_GT(before.segments, 1);
  l.reopen();
  EXPECT_EQ(l.log->stats().events, before.events);
  EXPECT_EQ(l.log->stats().bytes, before.bytes);
  EXPECT_EQ(l.log->query(range(0, kNowMs, 1000)).total, 300);
  l.log->append({event(kNowMs, "after reopen")});
  l.reopen();
  EventPage p = l.log->query(range(0, kNowMs, 1));
  EXPECT_EQ(p.total, 301);
  EXPECT_EQ(p.events[0].kind, "after reopen");
}

TEST(EventLog, AKillAfterAppendReturnedLosesNothing) {
  TempDir tmp;
  const std::string dir = tmp.sub("events");
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    EventLogOptions o;
    o.dir = dir;
    o.clock = std::make_shared<ManualClock>(kNowMs);
    EventLog log(o);
    for (int i = 0; i < 100; ++i) log.append({event(kNowMs - 100000 + i * 1000, "k"), event(kNowMs - 100000 + i * 1000, "k2")});
    char c = 1;
    if (::write(ready[1], &c, 1) != 1) ::_exit(3);
    for (;;) ::pause();  // killed here, nothing closed
  }
  ::close(ready[1]);
  char c = 0;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(ready[0]);
  ASSERT_TRUE(WIFSIGNALED(status));
  Log l(dir);
  EXPECT_EQ(l.log->query(range(0, kNowMs)).total, 200);
  EXPECT_EQ(l.log->stats().corruptRecords, 0);
}

TEST(EngineEvents, TheEngineKeepsItsEventsBesideTheSamples) {
  TempDir tmp;
  EngineOptions o = dftest::engineOptions(tmp.path());
  o.eventMaxBytes = 1 << 20;
  {
    Engine e(o);
    e.appendEvents({event(kNowMs - 2000, "doflamingo.start"), event(kNowMs - 1000, "target.down")});
    EXPECT_EQ(e.queryEvents(range(0, kNowMs)).total, 2);
    EXPECT_EQ(e.stats().events, 2);
    e.close();
    EXPECT_THROW(e.queryEvents(range(0, kNowMs)), Closed);
    EXPECT_THROW(e.appendEvents({event(kNowMs, "x")}), Closed);
  }
  EXPECT_FALSE(segmentFiles(tmp.sub("events")).empty());
  Engine again(o);
  EventPage p = again.queryEvents(range(0, kNowMs));
  ASSERT_EQ(p.total, 2);
  EXPECT_EQ(p.events[0].kind, "target.down");
}

TEST(EventCodec, MalformedBytesAreRefused) {
  std::string one = encodeEvent(event(kNowMs, "k"));
  EXPECT_EQ(decodeEvent(one), event(kNowMs, "k"));
  EXPECT_THROW(decodeEvent(one.substr(0, one.size() - 1)), InvalidArgument);
  EXPECT_THROW(decodeEvent(one + "x"), InvalidArgument);
  std::string bad = one;
  bad[0] = 9;  // version
  EXPECT_THROW(decodeEvent(bad), InvalidArgument);
  std::string batch = encodeEvents({event(1, "a"), event(2, "b")});
  EXPECT_EQ(decodeEvents(batch, 10).size(), 2u);
  EXPECT_THROW(decodeEvents(batch, 1), InvalidArgument);
  EXPECT_THROW(decodeEvents(batch.substr(0, batch.size() - 2), 10), InvalidArgument);
}
