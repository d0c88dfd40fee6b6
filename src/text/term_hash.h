// TermHash: interns the distinct terms of a field's indexing buffer as dense
// ids 0, 1, 2, ... in first-seen order (Lucene's BytesRefHash). Term bytes
// live in 64 KiB arena chunks; the table is open addressing with linear
// probing and stores each term's hash, so a lookup costs one hash, usually
// one probe and one memcmp, and no allocation. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace quiver::text {

class TermHash {
 public:
  TermHash();
  TermHash(const TermHash&) = delete;
  TermHash& operator=(const TermHash&) = delete;

  // Returns the id of `term`, adding it if new (*added tells which).
  uint32_t Add(std::string_view term, bool* added);
  // The id of `term`, or -1.
  int64_t Find(std::string_view term) const;

  std::string_view term(uint32_t id) const {
    const Entry& e = entries_[id];
    return std::string_view(e.data, e.size);
  }
  uint32_t size() const { return static_cast<uint32_t>(entries_.size()); }
  size_t ram_bytes() const;

  // Ids sorted by term bytes (unsigned lexicographic, i.e. UTF-8 code point
  // order).
  std::vector<uint32_t> SortedIds() const;

 private:
  struct Entry {
    const char* data;
    uint32_t size;
    uint32_t hash;
  };
  static uint32_t HashOf(std::string_view term);
  const char* Store(std::string_view term);
  void Grow();

  static constexpr size_t kChunkBytes = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t chunk_used_ = kChunkBytes;
  size_t arena_bytes_ = 0;
  std::vector<Entry> entries_;
  std::vector<uint32_t> slots_;  // id + 1; 0 = empty
  uint32_t mask_ = 0;
};

}  // namespace quiver::text
