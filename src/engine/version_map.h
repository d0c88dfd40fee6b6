// VersionMap: the shard's record of every document written since the last
// refresh (and of recent deletes), so that writes see the current version of
// an id and realtime GET sees unrefreshed writes without a search.
// Modelled on Elasticsearch's LiveVersionMap: a `current` map, an `old` map
// that stays readable while a refresh turns the buffer into a segment, and
// delete tombstones kept for index.gc_deletes (60s) for external versioning.
//
// Not thread-safe: guarded by the owning shard's write lock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace quiver::engine {

struct VersionEntry {
  uint64_t version = 0;
  int64_t seq_no = -1;
  uint64_t primary_term = 1;
  bool deleted = false;
  // Where the live document is (when !deleted): a buffer's segment id and
  // the doc id within it.
  uint64_t segment_id = 0;
  uint32_t doc = 0;
  int64_t deleted_at_ms = 0;  // tombstones only
};

class VersionMap {
 public:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using Map = std::unordered_map<std::string, VersionEntry, Hash, std::equal_to<>>;

  // The newest entry for `id`: current, then old, then tombstones.
  const VersionEntry* Find(std::string_view id) const;
  void Put(std::string_view id, const VersionEntry& entry);

  // Refresh start: current becomes old (still readable), a new current starts.
  void BeginRefresh();
  // Refresh end: the old map is covered by the published segment; its
  // tombstones move to the tombstone map.
  void EndRefresh(int64_t now_ms);
  // Drops tombstones older than `gc_deletes_ms`.
  void PruneTombstones(int64_t now_ms, int64_t gc_deletes_ms);

  size_t size() const { return current_.size() + old_.size(); }
  size_t ram_bytes() const { return ram_bytes_; }

 private:
  Map current_;
  Map old_;
  Map tombstones_;
  size_t ram_bytes_ = 0;
};

}  // namespace quiver::engine
