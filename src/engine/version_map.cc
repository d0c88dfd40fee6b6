#include "engine/version_map.h"

namespace quiver::engine {

namespace {
constexpr size_t kEntryOverhead = sizeof(VersionEntry) + 64;
}

const VersionEntry* VersionMap::Find(std::string_view id) const {
  if (auto it = current_.find(id); it != current_.end()) return &it->second;
  if (auto it = old_.find(id); it != old_.end()) return &it->second;
  if (auto it = tombstones_.find(id); it != tombstones_.end()) return &it->second;
  return nullptr;
}

void VersionMap::Put(std::string_view id, const VersionEntry& entry) {
  auto it = current_.find(id);
  if (it == current_.end()) {
    current_.emplace(std::string(id), entry);
    ram_bytes_ += kEntryOverhead + id.size();
  } else {
    it->second = entry;
  }
  if (!entry.deleted) {
    if (auto t = tombstones_.find(id); t != tombstones_.end()) tombstones_.erase(t);
  }
}

void VersionMap::BeginRefresh() {
  // A refresh that failed half-way may leave entries in old_; they are still
  // valid (older than current) and merge back underneath current.
  for (auto& [id, e] : current_) old_[id] = e;
  current_.clear();
}

void VersionMap::EndRefresh(int64_t now_ms) {
  for (auto& [id, e] : old_) {
    if (e.deleted && current_.find(id) == current_.end()) {
      VersionEntry t = e;
      if (t.deleted_at_ms == 0) t.deleted_at_ms = now_ms;
      tombstones_[id] = t;
    }
  }
  old_.clear();
  ram_bytes_ = (current_.size() + tombstones_.size()) * kEntryOverhead;
}

void VersionMap::PruneTombstones(int64_t now_ms, int64_t gc_deletes_ms) {
  for (auto it = tombstones_.begin(); it != tombstones_.end();) {
    if (now_ms - it->second.deleted_at_ms > gc_deletes_ms) {
      it = tombstones_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace quiver::engine
