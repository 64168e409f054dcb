#include "event_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>

#include "doflamingo/error.h"
#include "logger.h"

namespace fs = std::filesystem;

namespace doflamingo {
namespace {

constexpr std::uint32_t kRecordMagic = 0x31454644;  // "DFE1"

std::uint32_t crc(const void* data, std::size_t bytes) {
  return static_cast<std::uint32_t>(crc32(0L, static_cast<const Bytef*>(data), static_cast<uInt>(bytes)));
}

std::uint32_t readU32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);  // little-endian hosts only (x86-64, aarch64), as the journal
  return v;
}

void writeHeader(char* out, const std::string& payload) {
  std::uint32_t h[4] = {kRecordMagic, static_cast<std::uint32_t>(payload.size()), crc(payload.data(), payload.size()), 0};
  h[3] = crc(h, 12);
  std::memcpy(out, h, sizeof h);
}

struct ScanResult {
  std::size_t goodEnd = 0;     // end of the last record whose header is intact and complete
  std::int64_t corrupt = 0;    // records (or damaged stretches) skipped before goodEnd
};

// Walks the records of data[0, n): onRecord(offset, payload) for each intact one. A record whose
// payload fails its CRC is skipped by its (checked) length; a damaged header is skipped byte by byte
// up to the next intact header. What follows the last intact record is the caller's torn tail.
template <typename F>
ScanResult scanRecords(const char* data, std::size_t n, F onRecord) {
  ScanResult r;
  std::size_t p = 0;
  bool inDamage = false;
  while (n - p >= EventLog::kHeaderBytes) {
    const char* h = data + p;
    bool headerOk = readU32(h) == kRecordMagic && crc(h, 12) == readU32(h + 12);
    if (!headerOk) {
      inDamage = true;
      ++p;
      continue;
    }
    std::uint32_t len = readU32(h + 4);
    if (len > n - p - EventLog::kHeaderBytes) break;  // the payload runs past the end: torn
    if (inDamage) {
      ++r.corrupt;
      inDamage = false;
    }
    const char* payload = h + EventLog::kHeaderBytes;
    if (crc(payload, len) != readU32(h + 8)) {
      ++r.corrupt;
    } else if (!onRecord(p, std::string_view(payload, len))) {
      ++r.corrupt;  // intact bytes that do not decode (written by a newer version, or a bug)
    }
    p += EventLog::kHeaderBytes + len;
    r.goodEnd = p;
  }
  return r;
}

bool readAll(int fd, std::string& out, std::int64_t offset, std::size_t bytes) {
  out.resize(bytes);
  std::size_t got = 0;
  while (got < bytes) {
    ssize_t n = ::pread(fd, &out[got], bytes - got, static_cast<off_t>(offset + static_cast<std::int64_t>(got)));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  out.resize(got);
  return got == bytes;
}

bool contains(const std::vector<std::string>& set, const std::string& v) {
  return set.empty() || std::find(set.begin(), set.end(), v) != set.end();
}

bool matches(const EventRecord& e, const EventQuery& q, std::int64_t fromMs) {
  if (e.timeMs < fromMs || e.timeMs > q.toMs) return false;
  if (static_cast<int>(e.severity) < static_cast<int>(q.minSeverity)) return false;
  if (!contains(q.areas, e.area) || !contains(q.kinds, e.kind)) return false;
  if (!q.labelFreeAreas.empty() && std::find(q.labelFreeAreas.begin(), q.labelFreeAreas.end(), e.area) != q.labelFreeAreas.end()) {
    return true;
  }
  for (const Label& want : q.labels) {
    auto it = std::lower_bound(e.labels.begin(), e.labels.end(), want.first,
                               [](const Label& l, const std::string& k) { return l.first < k; });
    if (it == e.labels.end() || it->first != want.first || it->second != want.second) return false;
  }
  return true;
}

}  // namespace

void EventLog::Segment::add(std::uint32_t offset, std::uint32_t length, std::int64_t timeMs) {
  const std::uint32_t end = offset + static_cast<std::uint32_t>(kHeaderBytes) + length;
  if (records == 0) {
    minMs = maxMs = timeMs;
  } else {
    minMs = std::min(minMs, timeMs);
    maxMs = std::max(maxMs, timeMs);
  }
  if (blocks.empty() || blocks.back().end - blocks.back().offset >= kBlockBytes || blocks.back().end != offset) {
    blocks.push_back(Block{offset, end, timeMs, timeMs});
  } else {
    Block& b = blocks.back();
    b.end = end;
    b.minMs = std::min(b.minMs, timeMs);
    b.maxMs = std::max(b.maxMs, timeMs);
  }
  ++records;
}

EventLog::EventLog(EventLogOptions options) : options_(std::move(options)) {
  if (options_.maxAgeSeconds < 1) throw InvalidArgument("eventMaxAgeSeconds must be at least 1");
  if (options_.maxBytes < 64 * 1024) throw InvalidArgument("eventMaxBytes must be at least 65536");
  if (options_.segmentBytes < 4096 || options_.segmentBytes > (1ll << 30)) {
    throw InvalidArgument("eventSegmentBytes must be between 4096 and 1073741824");
  }
  if (!options_.clock) throw InvalidArgument("the event log's clock must not be null");
  options_.segmentBytes = std::min(options_.segmentBytes, options_.maxBytes / 4);

  std::error_code ec;
  fs::create_directories(options_.dir, ec);
  if (ec) throw StorageError("cannot create event log directory " + options_.dir + ": " + ec.message());
  std::vector<std::uint64_t> numbers;
  for (const auto& entry : fs::directory_iterator(options_.dir, ec)) {
    std::string name = entry.path().filename().string();
    unsigned long long n;
    char tail;
    if (std::sscanf(name.c_str(), "events-%llu.lo%c", &n, &tail) == 2 && tail == 'g' &&
        name.size() == std::string("events-00000000000000000000.log").size()) {
      numbers.push_back(n);
    }
  }
  if (ec) throw StorageError("cannot list event log directory " + options_.dir + ": " + ec.message());
  std::sort(numbers.begin(), numbers.end());
  for (std::uint64_t n : numbers) load(n);
  if (segments_.empty() || segments_.back().bytes >= options_.segmentBytes) {
    openCurrent(segments_.empty() ? 1 : segments_.back().number + 1);
  } else {
    openCurrent(segments_.back().number);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  enforceRetentionLocked(options_.clock->nowMs());
  log().info("event log at {}: {} events in {} segments, {} bytes", options_.dir, events_, segments_.size(), bytes_);
}

EventLog::~EventLog() {
  if (fd_ >= 0) {
    if (options_.fsync) ::fdatasync(fd_);
    ::close(fd_);
  }
}

std::string EventLog::path(std::uint64_t number) const {
  char name[48];
  std::snprintf(name, sizeof name, "events-%020llu.log", static_cast<unsigned long long>(number));
  return options_.dir + "/" + name;
}

void EventLog::load(std::uint64_t number) {
  const std::string file = path(number);
  int fd = ::open(file.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) throw StorageError("cannot open event log segment " + file + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    throw StorageError("cannot stat event log segment " + file + ": " + std::strerror(errno));
  }
  std::string data;
  if (!readAll(fd, data, 0, static_cast<std::size_t>(st.st_size))) {
    ::close(fd);
    throw StorageError("cannot read event log segment " + file + ": " + std::strerror(errno));
  }
  Segment seg;
  seg.number = number;
  ScanResult r = scanRecords(data.data(), data.size(), [&](std::size_t offset, std::string_view payload) {
    try {
      EventRecord e = decodeEvent(payload);
      seg.add(static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(payload.size()), e.timeMs);
      return true;
    } catch (const InvalidArgument&) {
      return false;
    }
  });
  if (r.goodEnd < data.size()) {
    const std::size_t torn = data.size() - r.goodEnd;
    if (::ftruncate(fd, static_cast<off_t>(r.goodEnd)) != 0) {
      log().error("event log segment {}: cannot cut off a torn tail of {} bytes: {}", file, torn, std::strerror(errno));
    } else {
      log().warn("event log segment {}: cut off a torn tail of {} bytes after byte {} (a write cut short by a crash)",
                 file, torn, r.goodEnd);
      tornCut_ += static_cast<std::int64_t>(torn);
    }
  }
  if (r.corrupt > 0) {
    log().warn("event log segment {}: skipped {} corrupt records (checksum or header damaged)", file, r.corrupt);
    corrupt_ += r.corrupt;
  }
  ::close(fd);
  seg.bytes = static_cast<std::int64_t>(r.goodEnd);
  bytes_ += seg.bytes;
  events_ += seg.records;
  segments_.push_back(std::move(seg));
}

void EventLog::openCurrent(std::uint64_t number) {
  int fd = ::open(path(number).c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw StorageError("cannot open event log segment " + path(number) + ": " + std::strerror(errno));
  if (fd_ >= 0) {
    if (options_.fsync) ::fdatasync(fd_);
    ::close(fd_);
  }
  fd_ = fd;
  if (segments_.empty() || segments_.back().number != number) {
    Segment seg;
    seg.number = number;
    segments_.push_back(std::move(seg));
    if (options_.fsync) {
      int dfd = ::open(options_.dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
      }
    }
  }
}

std::int64_t EventLog::cutoffMs(std::int64_t nowMs) const { return nowMs - options_.maxAgeSeconds * 1000; }

void EventLog::append(const std::vector<EventRecord>& events) {
  if (events.empty()) return;
  std::string buffer;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> placed;  // (offset in buffer, payload length)
  placed.reserve(events.size());
  std::string payload;
  for (std::size_t i = 0; i < events.size(); ++i) {
    events[i].check("event " + std::to_string(i) + " of the batch");
    payload.clear();
    encodeEvent(events[i], payload);
    placed.emplace_back(static_cast<std::uint32_t>(buffer.size()), static_cast<std::uint32_t>(payload.size()));
    char header[kHeaderBytes];
    writeHeader(header, payload);
    buffer.append(header, kHeaderBytes);
    buffer.append(payload);
  }
  if (buffer.size() > static_cast<std::size_t>(1) << 30) throw InvalidArgument("event batch larger than 1 GiB");

  std::lock_guard<std::mutex> lock(mutex_);
  const std::int64_t now = options_.clock->nowMs();
  Segment* cur = &segments_.back();
  const bool full = cur->bytes > 0 && cur->bytes + static_cast<std::int64_t>(buffer.size()) > options_.segmentBytes;
  const bool old = cur->records > 0 && now - cur->minMs > options_.maxAgeSeconds * 1000 / 16;
  if (full || old) {
    openCurrent(cur->number + 1);
    cur = &segments_.back();
  }
  ssize_t n = ::write(fd_, buffer.data(), buffer.size());
  if (n != static_cast<ssize_t>(buffer.size())) {
    int err = n < 0 ? errno : ENOSPC;
    if (::ftruncate(fd_, static_cast<off_t>(cur->bytes)) != 0) {
      log().error("event log {}: cannot cut off a torn batch: {}", path(cur->number), std::strerror(errno));
    }
    throw StorageError("cannot write event log " + path(cur->number) + ": " + std::strerror(err));
  }
  if (options_.fsync && ::fdatasync(fd_) != 0) {
    throw StorageError("cannot sync event log " + path(cur->number) + ": " + std::strerror(errno));
  }
  const auto base = static_cast<std::uint32_t>(cur->bytes);
  for (std::size_t i = 0; i < events.size(); ++i) cur->add(base + placed[i].first, placed[i].second, events[i].timeMs);
  cur->bytes += static_cast<std::int64_t>(buffer.size());
  bytes_ += static_cast<std::int64_t>(buffer.size());
  events_ += static_cast<std::int64_t>(events.size());
  enforceRetentionLocked(now);
}

void EventLog::dropOldest() {
  const Segment& s = segments_.front();
  if (::unlink(path(s.number).c_str()) != 0 && errno != ENOENT) {
    log().warn("cannot delete event log segment {}: {}", path(s.number), std::strerror(errno));
  }
  bytes_ -= s.bytes;
  events_ -= s.records;
  segments_.erase(segments_.begin());
}

void EventLog::enforceRetentionLocked(std::int64_t nowMs) {
  const std::int64_t cutoff = cutoffMs(nowMs);
  std::int64_t droppedSegments = 0, droppedEvents = 0;
  auto drop = [&] {
    ++droppedSegments;
    droppedEvents += segments_.front().records;
    dropOldest();
  };
  // The segment appended to is never deleted while it is open: it is closed first (a fresh one
  // opened) when it is itself past the age limit.
  const Segment& last = segments_.back();
  if (last.records > 0 && last.maxMs < cutoff) openCurrent(last.number + 1);
  while (segments_.size() > 1 && (segments_.front().records == 0 || segments_.front().maxMs < cutoff)) drop();
  while (segments_.size() > 1 && bytes_ > options_.maxBytes) drop();
  if (droppedSegments > 0) {
    log().info("event log retention: deleted {} segments ({} events; limits {} days, {} bytes)", droppedSegments,
               droppedEvents, options_.maxAgeSeconds / 86400.0, options_.maxBytes);
  }
}

void EventLog::enforceRetention() {
  std::lock_guard<std::mutex> lock(mutex_);
  enforceRetentionLocked(options_.clock->nowMs());
}

EventLogStats EventLog::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  EventLogStats s;
  s.events = events_;
  s.bytes = bytes_;
  s.segments = static_cast<std::int64_t>(segments_.size());
  s.corruptRecords = corrupt_;
  s.tornBytesCut = tornCut_;
  s.bytesRead = bytesRead_;
  return s;
}

EventPage EventLog::query(const EventQuery& q) const {
  if (q.fromMs > q.toMs) {
    throw InvalidArgument("event query: from (" + std::to_string(q.fromMs) + ") is after to (" +
                          std::to_string(q.toMs) + ")");
  }
  if (q.start < 0) throw InvalidArgument("event query: start must not be negative");
  if (q.limit < 0 || q.limit > EventQuery::kMaxLimit) {
    throw InvalidArgument("event query: limit must be between 0 and " + std::to_string(EventQuery::kMaxLimit));
  }
  const int sev = static_cast<int>(q.minSeverity);
  if (sev < 0 || sev > 2) throw InvalidArgument("event query: severity code " + std::to_string(sev) + " is not 0, 1 or 2");

  // What to read, taken under the lock; the reads themselves run without it (appends go on; a
  // segment deleted meanwhile by retention held only events past the age limit).
  struct Range {
    std::uint64_t segment;
    std::uint32_t offset, end;
  };
  std::vector<Range> ranges;
  std::int64_t fromMs;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    fromMs = std::max(q.fromMs, cutoffMs(options_.clock->nowMs()));
    for (const Segment& s : segments_) {
      if (s.records == 0 || s.maxMs < fromMs || s.minMs > q.toMs) continue;
      for (const Block& b : s.blocks) {
        if (b.maxMs < fromMs || b.minMs > q.toMs) continue;
        if (!ranges.empty() && ranges.back().segment == s.number && ranges.back().end == b.offset) {
          ranges.back().end = b.end;  // adjacent blocks: one read
        } else {
          ranges.push_back(Range{s.number, b.offset, b.end});
        }
      }
    }
  }

  struct Match {
    std::int64_t timeMs;
    std::uint64_t segment;
    std::uint32_t offset, length;
  };
  std::vector<Match> found;
  std::map<std::uint64_t, int> fds;
  auto fdOf = [&](std::uint64_t segment) {
    auto it = fds.find(segment);
    if (it != fds.end()) return it->second;
    int fd = ::open(path(segment).c_str(), O_RDONLY | O_CLOEXEC);
    fds.emplace(segment, fd);
    return fd;
  };
  std::int64_t corrupt = 0;
  std::int64_t read = 0;
  std::string bytes;
  for (const Range& r : ranges) {
    int fd = fdOf(r.segment);
    if (fd < 0) continue;  // deleted by retention since
    read += r.end - r.offset;
    if (!readAll(fd, bytes, r.offset, r.end - r.offset)) continue;
    ScanResult res = scanRecords(bytes.data(), bytes.size(), [&](std::size_t offset, std::string_view payload) {
      EventRecord e;
      try {
        e = decodeEvent(payload);
      } catch (const InvalidArgument&) {
        return false;
      }
      if (matches(e, q, fromMs)) {
        found.push_back(Match{e.timeMs, r.segment, r.offset + static_cast<std::uint32_t>(offset),
                              static_cast<std::uint32_t>(payload.size())});
      }
      return true;
    });
    corrupt += res.corrupt;
  }

  // Newest first; at equal times the later append first.
  std::sort(found.begin(), found.end(), [](const Match& a, const Match& b) {
    if (a.timeMs != b.timeMs) return a.timeMs > b.timeMs;
    if (a.segment != b.segment) return a.segment > b.segment;
    return a.offset > b.offset;
  });
  EventPage page;
  page.total = static_cast<std::int64_t>(found.size());
  const std::size_t first = static_cast<std::size_t>(std::min<std::int64_t>(q.start, page.total));
  const std::size_t last = static_cast<std::size_t>(std::min<std::int64_t>(q.start + q.limit, page.total));
  page.events.reserve(last - first);
  for (std::size_t i = first; i < last; ++i) {
    const Match& m = found[i];
    int fd = fdOf(m.segment);
    if (fd < 0 || !readAll(fd, bytes, static_cast<std::int64_t>(m.offset) + static_cast<std::int64_t>(kHeaderBytes),
                           m.length)) {
      continue;
    }
    page.events.push_back(decodeEvent(bytes));
  }
  for (auto& [segment, fd] : fds) {
    if (fd >= 0) ::close(fd);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  bytesRead_ += read;
  if (corrupt > 0) {
    corrupt_ += corrupt;
    log().warn("event log {}: a read skipped {} corrupt records (damaged since the log was opened)", options_.dir,
               corrupt);
  }
  return page;
}

}  // namespace doflamingo
