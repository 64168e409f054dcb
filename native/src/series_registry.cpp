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

// Entries of the first format name no retention class: their series are "default".
constexpr std::uint32_t kEntryMagicV1 = 0x31534644;  // "DFS1"
constexpr std::uint32_t kEntryMagic = 0x32534644;    // "DFS2"

void putU32(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }

std::uint64_t fnv1a64(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// Names and labels may hold slashes, "..", quotes or HTML: none of that reaches the file system.
// The path is a hash of the key, fanned out over 256 directories.
std::string fileName(std::uint64_t keyHash, std::uint16_t salt) {
  char name[40];
  std::snprintf(name, sizeof name, "%02x/%016llx", static_cast<unsigned>(keyHash >> 56),
                static_cast<unsigned long long>(keyHash));
  return std::string(name) + (salt ? "-" + std::to_string(salt) : "") + ".rrd";
}

// The salt of file when it is the name derived from keyHash with some salt.
std::optional<std::uint16_t> saltOf(const std::string& file, std::uint64_t keyHash) {
  const std::string plain = fileName(keyHash, 0);
  const std::size_t stem = plain.size() - 4;  // without ".rrd"
  if (file == plain) return 0;
  if (file.size() <= plain.size() + 1 || file.compare(0, stem, plain, 0, stem) != 0 || file[stem] != '-' ||
      file.compare(file.size() - 4, 4, ".rrd") != 0) {
    return std::nullopt;
  }
  unsigned long salt = 0;
  for (std::size_t i = stem + 1; i + 4 < file.size(); ++i) {
    if (file[i] < '0' || file[i] > '9' || salt > 0xffff) return std::nullopt;
    salt = salt * 10 + static_cast<unsigned long>(file[i] - '0');
  }
  if (salt == 0 || salt > 0xffff || fileName(keyHash, static_cast<std::uint16_t>(salt)) != file) return std::nullopt;
  return static_cast<std::uint16_t>(salt);
}

// Entry: magic, id, kind, key length, key bytes, file length, file bytes, class length, class
// bytes, crc32 of all before it; appended to out.
void encodeEntry(std::string& out, std::uint32_t id, SeriesKind kind, const std::string& encodedKey,
                 const std::string& file, const std::string& cls) {
  const std::size_t start = out.size();
  putU32(out, kEntryMagic);
  putU32(out, id);
  putU32(out, static_cast<std::uint32_t>(kind));
  for (const std::string* part : {&encodedKey, &file, &cls}) {
    putU32(out, static_cast<std::uint32_t>(part->size()));
    out += *part;
  }
  putU32(out, static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(out.data() + start),
                                               static_cast<uInt>(out.size() - start))));
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

// Entry: magic, id, kind, key length, key bytes, file length, file bytes, [DFS2: class length,
// class bytes,] crc32 of all before it.
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
  auto bytes = [&](std::string& out) {
    std::uint32_t len;
    if (!u32(len) || data.size() - pos < len) return false;
    out = data.substr(pos, len);
    pos += len;
    return true;
  };
  while (pos < data.size()) {
    std::size_t start = pos;
    std::uint32_t magic, id, kind, crc;
    std::string key, file, cls = kDefaultRetentionClass;
    bool ok = u32(magic) && (magic == kEntryMagic || magic == kEntryMagicV1) && u32(id) && u32(kind) &&
              bytes(key) && bytes(file) && (magic == kEntryMagicV1 || bytes(cls)) && u32(crc) &&
              crc == static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(data.data() + start),
                                                      static_cast<uInt>(pos - 4 - start)));
    if (!ok || id != series_.size() || kind > 1 || cls.empty()) {
      log().warn("series registry {}: entry at byte {} is damaged; {} series loaded, the rest ignored", path_,
                 start, series_.size());
      if (::truncate(path_.c_str(), static_cast<off_t>(start)) != 0) {
        throw StorageError("cannot repair series registry " + path_ + ": " + std::strerror(errno));
      }
      break;
    }
    const std::uint64_t hash = fnv1a64(key);
    std::optional<std::uint16_t> salt = saltOf(file, hash);
    add(SeriesKey::decode(key), hash, static_cast<SeriesKind>(kind), salt.value_or(0), cls,
        salt ? std::string() : std::move(file));
  }
}

void SeriesRegistry::add(SeriesKey key, std::uint64_t keyHash, SeriesKind kind, std::uint16_t salt,
                         const std::string& cls, std::string recordedFile) {
  auto id = static_cast<std::uint32_t>(series_.size());
  auto c = std::find(classNames_.begin(), classNames_.end(), cls);
  if (c == classNames_.end()) c = classNames_.insert(classNames_.end(), cls);
  if (!recordedFile.empty()) otherFiles_.emplace(id, std::move(recordedFile));
  byHash_.emplace(keyHash, id);
  byName_[key.name].push_back(id);
  series_.push_back(Entry{std::move(key), keyHash, kind, salt, static_cast<std::uint16_t>(c - classNames_.begin())});
}

std::string SeriesRegistry::fileOf(std::uint32_t id) const {
  auto other = otherFiles_.find(id);
  if (other != otherFiles_.end()) return other->second;
  return fileName(series_[id].keyHash, series_[id].salt);
}

const SeriesRegistry::Entry& SeriesRegistry::entry(std::uint32_t id) const {
  if (id >= series_.size()) throw InvalidArgument("unknown series id " + std::to_string(id));
  return series_[id];
}

std::optional<std::uint32_t> SeriesRegistry::findLocked(const SeriesKey& key, std::uint64_t keyHash) const {
  auto [first, last] = byHash_.equal_range(keyHash);
  for (auto it = first; it != last; ++it) {
    if (series_[it->second].key == key) return it->second;
  }
  return std::nullopt;
}

void SeriesRegistry::append(const std::string& entries, std::size_t count, const SeriesKey& first) {
  ssize_t n = ::write(fd_, entries.data(), entries.size());
  if (n != static_cast<ssize_t>(entries.size())) {
    int err = n < 0 ? errno : ENOSPC;
    off_t end = ::lseek(fd_, 0, SEEK_END);
    if (n > 0 && end >= n) (void)!::ftruncate(fd_, end - n);
    throw StorageError("cannot record new series " + first.toString() +
                       (count > 1 ? " and " + std::to_string(count - 1) + " more" : std::string()) + " in " + path_ +
                       ": " + std::strerror(err));
  }
}

std::uint32_t SeriesRegistry::intern(const SeriesKey& key, SeriesKind kind, const std::string& retentionClass) {
  return intern(std::vector<SeriesKey>{key}, std::vector<SeriesKind>{kind}, std::vector<std::string>{retentionClass})
      .front();
}

std::vector<std::uint32_t> SeriesRegistry::intern(const std::vector<SeriesKey>& keys,
                                                  const std::vector<SeriesKind>& kinds,
                                                  const std::vector<std::string>& classes) {
  if (kinds.size() != keys.size() || classes.size() != keys.size()) {
    throw InvalidArgument("intern of " + std::to_string(keys.size()) + " keys was given " +
                          std::to_string(kinds.size()) + " kinds and " + std::to_string(classes.size()) + " classes");
  }
  std::vector<std::string> encoded(keys.size());
  std::vector<std::uint64_t> hashes(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    encoded[i] = keys[i].encode();
    hashes[i] = fnv1a64(encoded[i]);
  }
  std::vector<std::uint32_t> ids(keys.size());
  auto conflict = [&](std::size_t i) {
    return InvalidArgument("series " + keys[i].toString() + " is already registered with another kind");
  };
  // Known keys resolved under the shared lock first (the common case); the others are looked up
  // again under the exclusive lock (a known key stays known: entries are never removed).
  std::vector<std::size_t> missing;
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      std::optional<std::uint32_t> id = findLocked(keys[i], hashes[i]);
      if (!id) {
        missing.push_back(i);
        continue;
      }
      if (series_[*id].kind != kinds[i]) throw conflict(i);
      ids[i] = *id;
    }
  }
  if (missing.empty()) return ids;
  std::unique_lock<std::shared_mutex> lock(mutex_);
  // New keys of this call, by hash: not in byHash_ until every entry is written.
  std::unordered_multimap<std::uint64_t, std::size_t> fresh;
  fresh.reserve(missing.size());
  std::vector<std::size_t> created;  // indexes into keys
  std::vector<std::uint16_t> salts(keys.size(), 0);
  // A 64-bit collision is rare, but never share a file: the first salt no series of this hash has.
  using Range = std::pair<decltype(byHash_)::const_iterator, decltype(byHash_)::const_iterator>;
  using FreshRange = std::pair<decltype(fresh)::const_iterator, decltype(fresh)::const_iterator>;
  auto taken = [&](std::uint64_t hash, std::uint16_t salt, Range known, FreshRange same) {
    for (auto it = known.first; it != known.second; ++it) {
      if (series_[it->second].salt == salt) return true;
    }
    for (auto it = same.first; it != same.second; ++it) {
      if (salts[it->second] == salt) return true;
    }
    if (otherFiles_.empty()) return false;
    const std::string file = fileName(hash, salt);
    for (const auto& [other, name] : otherFiles_) {
      if (name == file) return true;
    }
    return false;
  };
  std::string entries;
  auto next = static_cast<std::uint32_t>(series_.size());
  for (std::size_t i : missing) {
    Range known = byHash_.equal_range(hashes[i]);
    auto existing = std::find_if(known.first, known.second, [&](const auto& e) { return series_[e.second].key == keys[i]; });
    if (existing != known.second) {  // created by another thread between the two locks
      if (series_[existing->second].kind != kinds[i]) throw conflict(i);
      ids[i] = existing->second;
      continue;
    }
    FreshRange same = fresh.equal_range(hashes[i]);
    auto repeated = std::find_if(same.first, same.second, [&](const auto& f) { return keys[f.second] == keys[i]; });
    if (repeated != same.second) {
      if (kinds[repeated->second] != kinds[i]) {
        throw InvalidArgument("series " + keys[i].toString() + " is given twice with different kinds");
      }
      ids[i] = ids[repeated->second];
      continue;
    }
    while (taken(hashes[i], salts[i], known, same)) ++salts[i];
    ids[i] = next++;
    encodeEntry(entries, ids[i], kinds[i], encoded[i], fileName(hashes[i], salts[i]), classes[i]);
    fresh.emplace(hashes[i], i);
    created.push_back(i);
  }
  if (created.empty()) return ids;  // another thread created them between the two locks
  append(entries, created.size(), keys[created.front()]);
  for (std::size_t i : created) add(keys[i], hashes[i], kinds[i], salts[i], classes[i], std::string());
  return ids;
}

std::optional<std::uint32_t> SeriesRegistry::find(const SeriesKey& key) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return findLocked(key, fnv1a64(key.encode()));
}

SeriesInfo SeriesRegistry::info(std::uint32_t id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const Entry& e = entry(id);
  return SeriesInfo{e.key, e.kind, fileOf(id), classNames_[e.classIndex]};
}

SeriesKind SeriesRegistry::kind(std::uint32_t id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return entry(id).kind;
}

SeriesKey SeriesRegistry::key(std::uint32_t id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return entry(id).key;
}

std::string SeriesRegistry::file(std::uint32_t id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  entry(id);
  return fileOf(id);
}

std::string SeriesRegistry::retentionClass(std::uint32_t id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return classNames_[entry(id).classIndex];
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
