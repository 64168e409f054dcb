// Interns series keys to compact ids and remembers them across restarts.
//
// The registry file (series.log) is append-only: one CRC-checked entry per series, written before
// the id is handed out, so the journal never names an id the next start cannot resolve.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "doflamingo/types.h"

namespace doflamingo {

// One series as the registry answers for it.
struct SeriesInfo {
  SeriesKey key;
  SeriesKind kind;
  std::string file;            // RRD file path relative to the storage root
  std::string retentionClass;  // as recorded when the series was created
};

class SeriesRegistry {
 public:
  explicit SeriesRegistry(std::string path);
  ~SeriesRegistry();
  SeriesRegistry(const SeriesRegistry&) = delete;
  SeriesRegistry& operator=(const SeriesRegistry&) = delete;

  // Returns the id of key, adding it with retentionClass if new (a known key keeps the class it
  // was created with). The same key with another kind is an error: its stored history would mean
  // something else.
  std::uint32_t intern(const SeriesKey& key, SeriesKind kind,
                       const std::string& retentionClass = kDefaultRetentionClass);
  // intern() of many keys under one lock, their new entries recorded in one write: ids in the
  // order of keys (a key given twice gets one id). kinds and classes hold one per key. A kind
  // conflict (with a known series or within keys) throws InvalidArgument and nothing is interned.
  std::vector<std::uint32_t> intern(const std::vector<SeriesKey>& keys, const std::vector<SeriesKind>& kinds,
                                    const std::vector<std::string>& classes);

  std::optional<std::uint32_t> find(const SeriesKey& key) const;
  // Copy of the entry; throws InvalidArgument for an unknown id.
  SeriesInfo info(std::uint32_t id) const;
  SeriesKind kind(std::uint32_t id) const;
  SeriesKey key(std::uint32_t id) const;
  std::string file(std::uint32_t id) const;
  std::string retentionClass(std::uint32_t id) const;
  std::size_t size() const;

  // Ids of series called `name` whose labels include every (key, value) of `filter`.
  std::vector<std::uint32_t> select(const std::string& name, const std::vector<Label>& filter) const;
  std::vector<std::string> names() const;

 private:
  // What is kept per series, in memory: the key once, and what the file name and class are made
  // of rather than their text (a million series make every byte here a megabyte).
  struct Entry {
    SeriesKey key;
    std::uint64_t keyHash;       // of the encoded key: the lookup's and the file name's
    SeriesKind kind;
    std::uint16_t salt;          // > 0 only after a 64-bit hash collision: "<hash>-<salt>.rrd"
    std::uint16_t classIndex;    // into classNames_
  };

  void load();
  // Writes entries (one or more encoded entries) in one write, or none of them.
  void append(const std::string& entries, std::size_t count, const SeriesKey& first);
  void add(SeriesKey key, std::uint64_t keyHash, SeriesKind kind, std::uint16_t salt, const std::string& cls,
           std::string recordedFile);
  std::optional<std::uint32_t> findLocked(const SeriesKey& key, std::uint64_t keyHash) const;
  std::string fileOf(std::uint32_t id) const;
  const Entry& entry(std::uint32_t id) const;

  std::string path_;
  int fd_ = -1;
  mutable std::shared_mutex mutex_;
  std::vector<Entry> series_;
  std::unordered_multimap<std::uint64_t, std::uint32_t> byHash_;  // key hash -> ids (more than one: a collision)
  std::unordered_map<std::string, std::vector<std::uint32_t>> byName_;
  std::vector<std::string> classNames_;
  // Files recorded under a name other than the one derived from the key's hash (none are written
  // so; kept so that a log written otherwise still finds its files).
  std::unordered_map<std::uint32_t, std::string> otherFiles_;
};

}  // namespace doflamingo
