// IdIndexWriter: builds the `ids` component — `_id` ↔ doc id in both
// directions, plus each document's `_routing` (docs/formats/segment.md):
//   version (1), num_docs (varint), zero padding to 8-byte alignment,
//   hashes[n] (u64, Hash64 of the id, ascending), hash_docs[n] (u32),
//   id_offsets[n+1] (u32), routing_offsets[n+1] (u32), id bytes, routing bytes
// Documents are added in doc id order. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quiver::segment {

class IdIndexWriter {
 public:
  void Add(std::string_view id, std::string_view routing);
  uint32_t num_docs() const { return static_cast<uint32_t>(id_offsets_.size()); }
  std::string Finish() const;

 private:
  std::string ids_;
  std::string routings_;
  std::vector<uint32_t> id_offsets_;
  std::vector<uint32_t> routing_offsets_;
};

}  // namespace quiver::segment
