#include "series_registry.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>

#include "doflamingo/error.h"
#include "logger.h"

namespace doflamingo {
namespace {

constexpr std::uint32_t kEntryMagic = 0x31534644;  // "DFS1"

void putU32(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }

std::uint64_t fnv1a64(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

SeriesRegistry::SeriesRegistry(std::string path) : path_(std::move(path)) {
  load();
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw StorageError("cannot open series registry " + path_ + ": " + std::strerror(errno));
}

SeriesRegistry::~SeriesRegistry() {
  if (fd_ >= 0) ::close(fd_);
}

// Entry: magic, id, kind, key length, key bytes, file length, file bytes, crc32 of all before it.
void SeriesRegistry::load() {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t pos = 0;
  auto u32 = [&](std::uint32_t& v) {
    if (data.size() - pos < 4) return false;
    std::memcpy(&v, data.data() + pos, 4);
    pos += 4;
    return true;
  };
  while (pos < data.size()) {
    std::size_t start = pos;
    std::uint32_t magic, id, kind, keyLen, fileLen, crc;
    bool ok = u32(magic) && magic == kEntryMagic && u32(id) && u32(kind) && u32(keyLen) &&
              data.size() - pos >= keyLen;
    std::string key, file;
    if (ok) {
      key = data.substr(pos, keyLen);
      pos += keyLen;
      ok = u32(fileLen) && data.size() - pos >= fileLen;
    }
    if (ok) {
      file = data.substr(pos, fileLen);
      pos += fileLen;
      ok = u32(crc) && crc == static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(data.data() + start),
                                                               static_cast<uInt>(pos - 4 - start)));
    }
    if (!ok || id != series_.size() || kind > 1) {
      log().warn("series registry {}: entry at byte {} is damaged; {} series loaded, the rest ignored", path_,
                 start, series_.size());
      if (::truncate(path_.c_str(), static_cast<off_t>(start)) != 0) {
        throw StorageError("cannot repair series registry " + path_ + ": " + std::strerror(errno));
      }
      break;
    }
    SeriesKey k = SeriesKey::decode(key);
    byKey_.emplace(key, id);
    byName_[k.name].push_back(id);
    byFile_.emplace(file, id);
    series_.push_back(SeriesInfo{std::move(k), static_cast<SeriesKind>(kind), std::move(file)});
  }
}

std::string SeriesRegistry::fileFor(const SeriesKey& key) const {
  // Names and labels may hold slashes, "..", quotes or HTML: none of that reaches the file
  // system. The path is a hash of the key, fanned out over 256 directories.
  char name[40];
  std::uint64_t h = fnv1a64(key.encode());
  std::snprintf(name, sizeof name, "%02x/%016llx", static_cast<unsigned>(h >> 56), static_cast<unsigned long long>(h));
  for (int salt = 0;; ++salt) {
    std::string file = std::string(name) + (salt ? "-" + std::to_string(salt) : "") + ".rrd";
    if (!byFile_.count(file)) return file;  // a 64-bit collision is rare, but never share a file
  }
}

void SeriesRegistry::append(std::uint32_t id, const SeriesInfo& info) {
  std::string entry;
  std::string key = info.key.encode();
  putU32(entry, kEntryMagic);
  putU32(entry, id);
  putU32(entry, static_cast<std::uint32_t>(info.kind));
  putU32(entry, static_cast<std::uint32_t>(key.size()));
  entry += key;
  putU32(entry, static_cast<std::uint32_t>(info.file.size()));
  entry += info.file;
  putU32(entry, static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(entry.data()),
                                                 static_cast<uInt>(entry.size()))));
  ssize_t n = ::write(fd_, entry.data(), entry.size());
  if (n != static_cast<ssize_t>(entry.size())) {
    int err = n < 0 ? errno : ENOSPC;
    off_t end = ::lseek(fd_, 0, SEEK_END);
    if (n > 0 && end >= n) (void)!::ftruncate(fd_, end - n);
    throw StorageError("cannot record new series " + info.key.toString() + " in " + path_ + ": " +
                       std::strerror(err));
  }
}

std::uint32_t SeriesRegistry::intern(const SeriesKey& key, SeriesKind kind) {
  std::string encoded = key.encode();
  // Looked up under the shared lock first (the common case), again under the exclusive one.
  auto existing = [&]() -> std::optional<std::uint32_t> {
    auto it = byKey_.find(encoded);
    if (it == byKey_.end()) return std::nullopt;
    if (series_[it->second].kind != kind) {
      throw InvalidArgument("series " + key.toString() + " is already registered with another kind");
    }
    return it->second;
  };
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    if (auto id = existing()) return *id;
  }
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (auto id = existing()) return *id;
  auto id = static_cast<std::uint32_t>(series_.size());
  SeriesInfo info{key, kind, fileFor(key)};
  append(id, info);
  byKey_.emplace(std::move(encoded), id);
  byName_[key.name].push_back(id);
  byFile_.emplace(info.file, id);
  series_.push_back(std::move(info));
  return id;
}

std::optional<std::uint32_t> SeriesRegistry::find(const SeriesKey& key) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  auto it = byKey_.find(key.encode());
  if (it == byKey_.end()) return std::nullopt;
  return it->second;
}

SeriesInfo SeriesRegistry::info(std::uint32_t id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  if (id >= series_.size()) throw InvalidArgument("unknown series id " + std::to_string(id));
  return series_[id];
}

SeriesKind SeriesRegistry::kind(std::uint32_t id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  if (id >= series_.size()) throw InvalidArgument("unknown series id " + std::to_string(id));
  return series_[id].kind;
}

SeriesKey SeriesRegistry::key(std::uint32_t id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  if (id >= series_.size()) throw InvalidArgument("unknown series id " + std::to_string(id));
  return series_[id].key;
}

std::string SeriesRegistry::file(std::uint32_t id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  if (id >= series_.size()) throw InvalidArgument("unknown series id " + std::to_string(id));
  return series_[id].file;
}

std::size_t SeriesRegistry::size() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return series_.size();
}

std::vector<std::uint32_t> SeriesRegistry::select(const std::string& name, const std::vector<Label>& filter) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  std::vector<std::uint32_t> out;
  auto it = byName_.find(name);
  if (it == byName_.end()) return out;
  for (std::uint32_t id : it->second) {
    const SeriesKey& k = series_[id].key;
    bool match = true;
    for (const auto& [fk, fv] : filter) {
      const std::string* v = k.label(fk);
      if (!v || *v != fv) {
        match = false;
        break;
      }
    }
    if (match) out.push_back(id);
  }
  return out;
}

std::vector<std::string> SeriesRegistry::names() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  std::vector<std::string> out;
  out.reserve(byName_.size());
  for (const auto& [name, ids] : byName_) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace doflamingo
