#include "rrd_store.h"

#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <mutex>

#include <fcntl.h>
#include <rrd.h>
// The on-disk header layout, to save and restore a header around an update (see saveHeader).
#define RRD_EXPORT_DEPRECATED
#include <rrd_format.h>
extern "C" {
// rrd_client.h lacks extern "C" guards of its own.
#include <rrd_client.h>
}

#include "doflamingo/error.h"
#include "logger.h"

namespace fs = std::filesystem;

namespace doflamingo {
namespace {

constexpr const char* kUnknownRrdError = "unknown librrd error";

// librrd keeps its error text per thread; take it and clear it so the next call starts clean.
std::string takeRrdError() {
  const char* e = rrd_get_error();
  std::string msg = (e && *e) ? e : kUnknownRrdError;
  rrd_clear_error();
  return msg;
}

// librrd's rrdcached client writes to its socket without MSG_NOSIGNAL: once the daemon is gone,
// the next request raises SIGPIPE, whose default action kills the whole host process. While one
// of these is alive, SIGPIPE is blocked on this thread and a SIGPIPE raised meanwhile is taken
// off the pending set, so the call just fails with EPIPE and is retried like any write error.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    hadPending_ = sigismember(&pending, SIGPIPE) == 1;  // someone else's: leave it alone
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~SigpipeGuard() {
    sigset_t pending;
    if (!hadPending_ && sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1) {
      const timespec zero{0, 0};
      while (sigtimedwait(&pipe_, nullptr, &zero) == -1 && errno == EINTR) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

 private:
  sigset_t pipe_;
  sigset_t old_;
  bool hadPending_ = false;
};

// librrd's daemon client is one global connection. Its requests take a lock of their own, but
// rrdc_is_connected() compares against the connection's address without it, while a request
// failing on another thread (the daemon died) closes the connection and frees that address: a
// crash under load. So every daemon call in this process goes through this mutex, and so do
// direct-mode creates once a daemon was used (rrd_create_r2 then sends the daemon a FORGET).
// Requests on the one connection are serial anyway; this costs no parallelism.
std::mutex gDaemonMutex;
std::atomic<bool> gDaemonUsed{false};

// rrdcached goes through librrd's global client: Debian's librrd.so.8 does not export the
// per-connection rrd_client_* functions, only the rrdc_* ones, which share one mutex-guarded
// connection. Reconnects when the daemon went away and came back.
void connectDaemon(const std::string& address) {
  gDaemonUsed.store(true);
  if (!rrdc_is_connected(address.c_str())) {
    if (rrdc_connect(address.c_str()) != 0) {
      // the error stays set; the call that follows fails and reports it
    }
  }
}

// librrd is told whole seconds, rounded up, so a sample lands in the step a live-ring slot puts it
// in (the step ending at or after it). Fractional times would reach librrd's PDP arithmetic, which
// counts some intervals in whole seconds and skews averages (a constant 1 read back as 1.018).
std::int64_t secondsOf(std::int64_t ms) { return (ms + 999) / 1000; }

// Packs "time:value" arguments into one buffer (one allocation per write, not per value). Points
// falling in one second collapse to the last of them, as in the live ring.
std::vector<const char*> formatUpdates(const std::vector<Point>& points, std::string& storage) {
  storage.clear();
  storage.reserve(points.size() * 32);
  std::vector<std::size_t> offsets;
  offsets.reserve(points.size());
  std::int64_t lastSecond = -1;
  for (const Point& p : points) {
    std::int64_t second = secondsOf(p.timeMs);
    if (second == lastSecond) {
      storage.resize(offsets.back());
      offsets.pop_back();
    }
    lastSecond = second;
    offsets.push_back(storage.size());
    char tmp[32];
    auto r = std::to_chars(tmp, tmp + sizeof tmp, second);
    storage.append(tmp, r.ptr);
    storage += ':';
    if (std::isfinite(p.value)) {
      r = std::to_chars(tmp, tmp + sizeof tmp, p.value);
      storage.append(tmp, r.ptr);
    } else {
      storage += 'U';
    }
    storage += '\0';
  }
  std::vector<const char*> argv;
  argv.reserve(offsets.size());
  for (std::size_t off : offsets) argv.push_back(storage.data() + off);
  return argv;
}

// librrd updates a file in place: rows first, then the header (last update, consolidation state,
// row pointers). A process killed in between leaves row pointers advanced past rows the header
// does not account for, and a replay from the journal would then write one step off. So each
// update is bracketed by an undo file holding the header as it was: removed after the update,
// restored at the next start when it is still there (the replay then redoes the update).
constexpr std::uint32_t kUndoMagic = 0x31554644;  // "DFU1"

// Length of the header librrd reads at open (rrd_open.c), from the counts in the static head.
std::size_t headerLength(int fd) {
  stat_head_t head;
  if (::pread(fd, &head, sizeof head, 0) != static_cast<ssize_t>(sizeof head)) return 0;
  if (std::memcmp(head.cookie, "RRD", 4) != 0 || head.ds_cnt == 0 || head.ds_cnt > 1000 || head.rra_cnt > 1000) return 0;
  int version = std::atoi(head.version);
  return sizeof(stat_head_t) + head.ds_cnt * sizeof(ds_def_t) + head.rra_cnt * sizeof(rra_def_t) +
         (version >= 3 ? sizeof(live_head_t) : sizeof(time_t)) + head.ds_cnt * sizeof(pdp_prep_t) +
         head.rra_cnt * head.ds_cnt * sizeof(cdp_prep_t) + head.rra_cnt * sizeof(rra_ptr_t);
}

std::string undoPath(const std::string& path) { return path + ".undo"; }

// Saves the header of path; false when that is impossible (the update then goes ahead unguarded,
// and the error is logged: refusing to write would lose more than the guard protects).
bool saveHeader(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::size_t len = headerLength(fd);
  std::string buf(len + 8, '\0');
  bool ok = len > 0 && ::pread(fd, &buf[8], len, 0) == static_cast<ssize_t>(len);
  ::close(fd);
  if (!ok) return false;
  std::uint32_t magic = kUndoMagic, n = static_cast<std::uint32_t>(len);
  std::memcpy(&buf[0], &magic, 4);
  std::memcpy(&buf[4], &n, 4);
  int out = ::open(undoPath(path).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0) return false;
  ok = ::write(out, buf.data(), buf.size()) == static_cast<ssize_t>(buf.size());
  ::close(out);
  if (!ok) ::unlink(undoPath(path).c_str());
  return ok;
}

// Puts back a header saved before an update that never finished.
void restoreHeader(const std::string& undo) {
  std::string path = undo.substr(0, undo.size() - 5);
  std::ifstream in(undo, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::uint32_t magic = 0, len = 0;
  if (data.size() >= 8) {
    std::memcpy(&magic, data.data(), 4);
    std::memcpy(&len, data.data() + 4, 4);
  }
  if (magic != kUndoMagic || data.size() != len + 8) {
    // Cut short while being written: the update it guarded had not started.
    ::unlink(undo.c_str());
    return;
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd >= 0 && ::pwrite(fd, data.data() + 8, len, 0) == static_cast<ssize_t>(len)) {
    log().warn("RRD file {} was cut off mid-update; its header is restored and the journal redoes the update", path);
    ::close(fd);
    ::unlink(undo.c_str());
    return;
  }
  if (fd >= 0) ::close(fd);
  log().error("cannot restore the header of {} from {}: {}", path, undo, std::strerror(errno));
}

}  // namespace

bool isCorruptFileError(const std::string& m) {
  static const char* const kSigns[] = {"is not an RRD file", "is too small", "reached EOF while loading header",
                                       "can't handle RRD file version", "created on another architecture",
                                       "mmaping file", "read operation failed", "short read"};
  for (const char* s : kSigns) {
    if (m.find(s) != std::string::npos) return true;
  }
  return false;
}

RrdLayout::RrdLayout(std::vector<Tier> tiers, std::int64_t heartbeatSeconds, bool minMax)
    : tiers_(std::move(tiers)), heartbeat_(heartbeatSeconds) {
  const std::int64_t base = tiers_.front().stepSeconds;
  for (const Tier& t : tiers_) {
    std::string tail = ":0.5:" + std::to_string(t.stepSeconds / base) + ":" + std::to_string(t.rows());
    rras_.push_back("RRA:AVERAGE" + tail);
    rows_ += t.rows();
    // At one primary point per row MIN and MAX equal AVERAGE: storing them would triple the
    // finest (largest) tier for nothing.
    if (minMax && t.stepSeconds != base) {
      rras_.push_back("RRA:MIN" + tail);
      rras_.push_back("RRA:MAX" + tail);
      rows_ += 2 * t.rows();
    }
  }
}

std::int64_t RrdLayout::fileBytes() const {
  // rrd_create writes the header headerLength() reads back (version 3: a live_head_t), then every
  // row of every RRA, one rrd_value_t per data source (one here).
  const auto rras = static_cast<std::int64_t>(rras_.size());
  return static_cast<std::int64_t>(sizeof(stat_head_t) + sizeof(ds_def_t) + sizeof(live_head_t) + sizeof(pdp_prep_t)) +
         rras * static_cast<std::int64_t>(sizeof(rra_def_t) + sizeof(cdp_prep_t) + sizeof(rra_ptr_t)) +
         rows_ * static_cast<std::int64_t>(sizeof(rrd_value_t));
}

RrdStore::RrdStore(std::string rootDir, std::string rrdcachedAddress)
    : root_(std::move(rootDir)), daemon_(std::move(rrdcachedAddress)) {}

void RrdStore::restoreInterruptedUpdates() {
  std::error_code ec;
  if (!fs::exists(root_, ec)) return;
  for (auto it = fs::recursive_directory_iterator(root_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string p = it->path().string();
    if (p.size() > 9 && p.compare(p.size() - 9, 9, ".rrd.undo") == 0) restoreHeader(p);
  }
}

bool RrdStore::create(const std::string& path, const RrdLayout& layout, std::int64_t firstTimeMs, std::string& error) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) {
    error = "cannot create directory " + fs::path(path).parent_path().string() + ": " + ec.message();
    return false;
  }
  std::string ds = "DS:v:GAUGE:" + std::to_string(layout.heartbeatSeconds()) + ":U:U";
  std::vector<const char*> argv{ds.c_str()};
  for (const auto& r : layout.rraDefinitions()) argv.push_back(r.c_str());
  // The file starts where the first value's step starts: librrd counts a step unknown when more
  // than half of it lies before the file's start, which would drop the first value of every
  // series whose step is longer than 2 s.
  unsigned long step = static_cast<unsigned long>(layout.baseStepSeconds());
  const std::int64_t firstSecond = secondsOf(firstTimeMs);
  time_t lastUp = static_cast<time_t>((firstSecond - 1) / static_cast<std::int64_t>(step) * static_cast<std::int64_t>(step));
  int rc;
  std::unique_lock<std::mutex> daemonLock(gDaemonMutex, std::defer_lock);
  if (!cached() && gDaemonUsed.load()) daemonLock.lock();  // cached: write() holds it already
  if (cached()) {
    connectDaemon(daemon_);
    rc = rrdc_create_r2(path.c_str(), step, lastUp, 1, nullptr, nullptr, static_cast<int>(argv.size()), argv.data());
  } else {
    rc = rrd_create_r2(path.c_str(), step, lastUp, 1, nullptr, nullptr, static_cast<int>(argv.size()),
                       argv.data());
  }
  if (rc != 0) {
    error = takeRrdError();
    // librrd 1.7 fails on a full disk without a message (and errno is gone by then): name the
    // likeliest cause so the operator is not left with "unknown librrd error".
    struct statvfs fsInfo;
    if (error == kUnknownRrdError && ::statvfs(fs::path(path).parent_path().c_str(), &fsInfo) == 0) {
      error += " (" + std::to_string(static_cast<unsigned long long>(fsInfo.f_bavail) * fsInfo.f_frsize) +
               " bytes free on that file system; a full disk is the usual cause)";
    }
    // A half-written new file holds no data yet; leaving it would read as corrupt later.
    if (!cached() && error.find("exists") == std::string::npos) ::unlink(path.c_str());
    return false;
  }
  return true;
}

bool RrdStore::updateOnce(const std::string& path, const std::vector<Point>& points, std::string& error) {
  std::string storage;
  std::vector<const char*> argv = formatUpdates(points, storage);
  int rc;
  if (cached()) {
    // librrd's client builds each request in a 4 KiB buffer and fails, without a message, on a
    // longer one: send the values in requests that fit.
    constexpr std::size_t kRequestBytes = 4096 - 64;
    rc = 0;
    for (std::size_t first = 0; first < argv.size() && rc == 0;) {
      std::size_t bytes = path.size() + 16, last = first;
      while (last < argv.size() && (last == first || bytes + std::strlen(argv[last]) + 1 < kRequestBytes)) {
        bytes += std::strlen(argv[last]) + 1;
        ++last;
      }
      connectDaemon(daemon_);
      rc = rrdc_update(path.c_str(), static_cast<int>(last - first), argv.data() + first);
      first = last;
    }
  } else {
    bool guarded = saveHeader(path);
    if (!guarded) log().warn("cannot save the header of {} before updating it: {}", path, std::strerror(errno));
    rc = rrd_updatex_r(path.c_str(), nullptr, RRD_SKIP_PAST_UPDATES, static_cast<int>(argv.size()), argv.data());
    if (guarded) ::unlink(undoPath(path).c_str());
  }
  if (rc != 0) {
    error = takeRrdError();
    return false;
  }
  if (cached()) {
    std::lock_guard<std::mutex> lock(dirtyMutex_);
    unsynced_.insert(path);
  }
  return true;
}

bool RrdStore::quarantine(const std::string& path, const std::string& why) {
  // Milliseconds: a file damaged twice within a second keeps both copies.
  std::string aside = path + ".corrupt-" + std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::system_clock::now().time_since_epoch()).count());
  if (::rename(path.c_str(), aside.c_str()) == 0) {
    ++quarantined_;
    log().error("RRD file {} is unusable ({}); moved aside to {} and recreated", path, why, aside);
    return true;
  }
  log().error("RRD file {} is unusable ({}) and could not be moved aside: {}", path, why,
              std::strerror(errno));
  return false;
}

RrdStore::WriteResult RrdStore::write(const std::string& relativePath, const RrdLayout& layout,
                                      const std::vector<Point>& points) {
  WriteResult result;
  if (points.empty()) return result;
  const std::string path = root_ + "/" + relativePath;
  // Direct writes too once a daemon was used: rrd_create_r2 then tells librrd's global daemon
  // connection to forget the new file. (Two signal-mask calls per write; skipped otherwise.)
  std::optional<SigpipeGuard> noSigpipe;
  if (cached() || gDaemonUsed.load()) noSigpipe.emplace();
  std::unique_lock<std::mutex> daemonLock(gDaemonMutex, std::defer_lock);
  if (cached()) daemonLock.lock();
  std::vector<Point> todo;
  const std::vector<Point>* batch = &points;
  if (cached()) {
    // rrdcached has no "skip past updates": drop what the file already holds.
    connectDaemon(daemon_);
    time_t last = rrdc_last(path.c_str());
    rrd_clear_error();
    if (last > 0) {
      for (const Point& p : points) {
        if (secondsOf(p.timeMs) > last) todo.push_back(p);
      }
      if (todo.empty()) return result;
      batch = &todo;
    }
  }
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string error;
    struct stat st;
    if (!cached() && ::stat(path.c_str(), &st) != 0) {
      if (!create(path, layout, batch->front().timeMs, error)) {
        result.status = WriteStatus::Retry;
        result.error = "cannot create " + path + ": " + error;
        return result;
      }
    }
    if (updateOnce(path, *batch, error)) return result;
    if (cached() && (error.find("No such file") != std::string::npos ||
                     error.find("not exist") != std::string::npos)) {
      std::string createError;
      if (create(path, layout, batch->front().timeMs, createError) && updateOnce(path, *batch, error)) return result;
    }
    if (attempt == 0 && !cached() && isCorruptFileError(error) && quarantine(path, error)) continue;
    result.status = WriteStatus::Retry;
    result.error = "cannot update " + path + ": " + error;
    return result;
  }
  result.status = WriteStatus::Retry;
  result.error = "cannot update " + path + " even after recreating it";
  return result;
}

bool RrdStore::sync(std::string& error) {
  if (!cached()) return true;
  std::vector<std::string> files;
  {
    std::lock_guard<std::mutex> lock(dirtyMutex_);
    files.assign(unsynced_.begin(), unsynced_.end());
    unsynced_.clear();
  }
  // Debian's librrd exports no rrdc_flushall: flush the files written since the last sync.
  SigpipeGuard noSigpipe;
  std::lock_guard<std::mutex> daemonLock(gDaemonMutex);
  for (std::size_t i = 0; i < files.size(); ++i) {
    connectDaemon(daemon_);
    if (rrdc_flush(files[i].c_str()) != 0) {
      error = "rrdcached at " + daemon_ + " could not write " + files[i] + ": " + takeRrdError();
      std::lock_guard<std::mutex> lock(dirtyMutex_);
      unsynced_.insert(files.begin() + static_cast<std::ptrdiff_t>(i), files.end());
      return false;
    }
  }
  return true;
}

SeriesData RrdStore::fetch(const std::string& relativePath, const RrdLayout& layout, Consolidation cf,
                           std::int64_t fromMs, std::int64_t toMs, std::int64_t resolutionMs) {
  static const char* const kCf[] = {"AVERAGE", "MIN", "MAX"};
  const std::string path = root_ + "/" + relativePath;
  SeriesData out;
  if (cached()) {
    SigpipeGuard noSigpipe;
    std::lock_guard<std::mutex> daemonLock(gDaemonMutex);
    connectDaemon(daemon_);
    if (rrdc_flush(path.c_str()) != 0) rrd_clear_error();
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    // The same grid as a file's answer below, so a series without a file lines up with the rest.
    out.stepMs = std::max<std::int64_t>(resolutionMs, layout.baseStepSeconds() * 1000);
    out.startMs = (fromMs + out.stepMs - 1) / out.stepMs * out.stepMs;
    std::int64_t last = (toMs + out.stepMs - 1) / out.stepMs * out.stepMs;
    std::int64_t n = (last - out.startMs) / out.stepMs + 1;
    out.values.assign(static_cast<std::size_t>(n), NAN);
    return out;
  }
  // librrd answers rows in (start, end]; one second earlier makes a row stamped fromMs count.
  time_t start = static_cast<time_t>(fromMs / 1000) - 1;
  time_t end = static_cast<time_t>(toMs / 1000);
  unsigned long step = static_cast<unsigned long>(std::max<std::int64_t>(resolutionMs / 1000, 1));
  unsigned long dsCount = 0;
  char** dsNames = nullptr;
  rrd_value_t* data = nullptr;
  if (rrd_fetch_r(path.c_str(), kCf[static_cast<int>(cf)], &start, &end, &step, &dsCount, &dsNames, &data) != 0) {
    std::string error = takeRrdError();
    if (isCorruptFileError(error) && quarantine(path, error)) {
      return fetch(relativePath, layout, cf, fromMs, toMs, resolutionMs);  // the file is gone: all unknown
    }
    throw StorageError("cannot read " + path + ": " + error);
  }
  // librrd returns rows for (start, end]: the first row is the step ending at start + step.
  // It works in whole seconds and moves an aligned end one step further, so its answer may hold
  // a row stamped before fromMs (fromMs with a fraction of a second) and one past toMs. Keep the
  // rows stamped ceil(fromMs) .. ceil(toMs) on the step, exactly what the live ring answers.
  if (step == 0) step = 1;  // never from librrd; keeps the arithmetic below defined
  const std::int64_t stepMs = static_cast<std::int64_t>(step) * 1000;
  const std::int64_t firstRowMs = (static_cast<std::int64_t>(start) + static_cast<std::int64_t>(step)) * 1000;
  const std::int64_t available = (end - start) / static_cast<time_t>(step);
  const std::int64_t wantFirst = (fromMs + stepMs - 1) / stepMs * stepMs;
  const std::int64_t wantLast = (toMs + stepMs - 1) / stepMs * stepMs;
  const std::int64_t skip = std::max<std::int64_t>(0, (wantFirst - firstRowMs) / stepMs);
  const std::int64_t rows = std::max<std::int64_t>(0, std::min(available - skip, (wantLast - wantFirst) / stepMs + 1));
  out.startMs = firstRowMs + skip * stepMs;
  out.stepMs = stepMs;
  out.values.resize(static_cast<std::size_t>(rows));
  for (std::int64_t i = 0; i < rows; ++i) out.values[i] = data[(skip + i) * dsCount];
  for (unsigned long i = 0; i < dsCount; ++i) rrd_freemem(dsNames[i]);
  rrd_freemem(dsNames);
  rrd_freemem(data);
  return out;
}

}  // namespace doflamingo
