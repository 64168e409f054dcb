#include "journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>

#include "doflamingo/error.h"
#include "logger.h"

namespace fs = std::filesystem;

namespace doflamingo {
namespace {

constexpr std::uint32_t kBlockMagic = 0x314A4644;  // "DFJ1"

struct BlockHeader {
  std::uint32_t magic;
  std::uint32_t count;
  std::uint32_t crc;
  std::uint32_t reserved;
};

std::uint32_t checksum(const void* data, std::size_t bytes) {
  return static_cast<std::uint32_t>(crc32(0L, static_cast<const Bytef*>(data), static_cast<uInt>(bytes)));
}

}  // namespace

Journal::Journal(std::string dir, std::int64_t segmentBytes, bool fsyncEachAppend)
    : dir_(std::move(dir)), segmentBytes_(segmentBytes), fsync_(fsyncEachAppend) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) throw StorageError("cannot create journal directory " + dir_ + ": " + ec.message());
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    unsigned long long n;
    char tail;
    if (std::sscanf(name.c_str(), "segment-%llu.wal%c", &n, &tail) == 1) atOpen_.push_back(n);
  }
  if (ec) throw StorageError("cannot list journal directory " + dir_ + ": " + ec.message());
  std::sort(atOpen_.begin(), atOpen_.end());
  segments_ = atOpen_;
  openSegment(atOpen_.empty() ? 1 : atOpen_.back() + 1);
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
  // An empty last segment carries nothing; leaving it would only clutter the directory.
  struct stat st;
  if (::stat(segmentPath(current_).c_str(), &st) == 0 && st.st_size == 0) ::unlink(segmentPath(current_).c_str());
}

std::string Journal::segmentPath(std::uint64_t number) const {
  char name[48];
  std::snprintf(name, sizeof name, "segment-%020llu.wal", static_cast<unsigned long long>(number));
  return dir_ + "/" + name;
}

void Journal::openSegment(std::uint64_t number) {
  int fd = ::open(segmentPath(number).c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw StorageError("cannot open journal segment " + segmentPath(number) + ": " + std::strerror(errno));
  }
  if (fd_ >= 0) {
    if (fsync_) ::fsync(fd_);
    ::close(fd_);
    segments_.push_back(current_);
  }
  if (fsync_) {
    int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      ::fsync(dfd);
      ::close(dfd);
    }
  }
  fd_ = fd;
  current_ = number;
  currentSize_ = 0;
}

std::uint64_t Journal::append(const Sample* records, std::size_t count) {
  if (count == 0) return currentSegment();
  BlockHeader header{kBlockMagic, static_cast<std::uint32_t>(count),
                     checksum(records, count * sizeof(Sample)), 0};
  std::lock_guard<std::mutex> lock(mutex_);
  if (fd_ < 0) throw StorageError("journal " + dir_ + " was discarded; nothing can be appended");
  if (currentSize_ >= segmentBytes_) openSegment(current_ + 1);
  iovec iov[2] = {{&header, sizeof header},
                  {const_cast<Sample*>(records), count * sizeof(Sample)}};
  std::size_t total = iov[0].iov_len + iov[1].iov_len;
  ssize_t n = ::writev(fd_, iov, 2);
  if (n != static_cast<ssize_t>(total)) {
    // A short write on a regular file means the disk is full. Cut the torn block off so the
    // blocks after it stay readable; the caller gets an error and nothing is acknowledged.
    int err = n < 0 ? errno : ENOSPC;
    if (::ftruncate(fd_, currentSize_) != 0) {
      log().error("journal {}: cannot cut off a torn block: {}", segmentPath(current_), std::strerror(errno));
    }
    throw StorageError("cannot write journal " + segmentPath(current_) + ": " + std::strerror(err));
  }
  if (fsync_ && ::fdatasync(fd_) != 0) {
    throw StorageError("cannot sync journal " + segmentPath(current_) + ": " + std::strerror(errno));
  }
  currentSize_ += static_cast<std::int64_t>(total);
  return current_;
}

std::size_t Journal::replay(const std::function<void(std::uint64_t, const Sample&)>& fn) const {
  std::size_t total = 0;
  std::vector<Sample> records;
  for (std::uint64_t seg : atOpen_) {
    std::string path = segmentPath(seg);
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
      log().warn("journal segment {} vanished before replay: {}", path, std::strerror(errno));
      continue;
    }
    long offset = 0;
    BlockHeader h;
    while (std::fread(&h, sizeof h, 1, f) == 1) {
      if (h.magic != kBlockMagic || h.count == 0 || h.count > (1u << 26)) {
        log().warn("journal segment {}: unreadable block at byte {}; ignoring the rest", path, offset);
        break;
      }
      records.resize(h.count);
      if (std::fread(records.data(), sizeof(Sample), h.count, f) != h.count ||
          checksum(records.data(), h.count * sizeof(Sample)) != h.crc) {
        log().warn("journal segment {}: torn block at byte {} (a write cut short); ignoring it", path, offset);
        break;
      }
      for (const auto& r : records) fn(seg, r);
      total += h.count;
      offset += static_cast<long>(sizeof h + h.count * sizeof(Sample));
    }
    std::fclose(f);
  }
  return total;
}

std::uint64_t Journal::currentSegment() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_;
}

bool Journal::hasSegmentsBefore(std::uint64_t segment) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::any_of(segments_.begin(), segments_.end(), [&](std::uint64_t s) { return s < segment; });
}

void Journal::dropSegmentsBefore(std::uint64_t segment) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto keep = std::partition(segments_.begin(), segments_.end(), [&](std::uint64_t s) { return s >= segment; });
  for (auto it = keep; it != segments_.end(); ++it) {
    if (::unlink(segmentPath(*it).c_str()) != 0 && errno != ENOENT) {
      log().warn("cannot delete flushed journal segment {}: {}", segmentPath(*it), std::strerror(errno));
    }
  }
  segments_.erase(keep, segments_.end());
  std::sort(segments_.begin(), segments_.end());
}

void Journal::discard() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    segments_.push_back(current_);
  }
  dropSegmentsBefore(std::numeric_limits<std::uint64_t>::max());
}

std::size_t Journal::segmentCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return segments_.size() + 1;
}

}  // namespace doflamingo
