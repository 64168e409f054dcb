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
#include "doflamingo/types.h"

namespace doflamingo {

struct SeriesInfo {
  SeriesKey key;
  SeriesKind kind;
  std::string file;  // RRD file path relative to the storage root
};

class SeriesRegistry {
 public:
  explicit SeriesRegistry(std::string path);
  ~SeriesRegistry();
  SeriesRegistry(const SeriesRegistry&) = delete;
  SeriesRegistry& operator=(const SeriesRegistry&) = delete;

  // Returns the id of key, adding it if new. The same key with another kind is an error: its
  // stored history would mean something else.
  std::uint32_t intern(const SeriesKey& key, SeriesKind kind);

  std::optional<std::uint32_t> find(const SeriesKey& key) const;
  // Copy of the entry; throws InvalidArgument for an unknown id.
  SeriesInfo info(std::uint32_t id) const;
  SeriesKind kind(std::uint32_t id) const;
  SeriesKey key(std::uint32_t id) const;
  std::string file(std::uint32_t id) const;
  std::size_t size() const;

  // Ids of series called `name` whose labels include every (key, value) of `filter`.
  std::vector<std::uint32_t> select(const std::string& name, const std::vector<Label>& filter) const;
  std::vector<std::string> names() const;

 private:
  void load();
  void append(std::uint32_t id, const SeriesInfo& info);
  std::string fileFor(const SeriesKey& key) const;

  std::string path_;
  int fd_ = -1;
  mutable std::shared_mutex mutex_;
  std::vector<SeriesInfo> series_;
  std::unordered_map<std::string, std::uint32_t> byKey_;  // encoded key -> id
  std::unordered_map<std::string, std::vector<std::uint32_t>> byName_;
  std::unordered_map<std::string, std::uint32_t> byFile_;
};

}  // namespace doflamingo
