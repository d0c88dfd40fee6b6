// IdIndexReader: looks up doc ids by `_id` (binary search over sorted id
// hashes, then byte comparison, so collisions never confuse documents) and
// returns a document's `_id` and `_routing`. A view over the segment's
// bytes; immutable, thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "common/status.h"

namespace quiver::segment {

class IdIndexReader {
 public:
  static Result<IdIndexReader> Open(std::string_view bytes);

  uint32_t num_docs() const { return num_docs_; }
  // The doc id holding `id`, if any. Several docs may hold the same id when
  // older versions were deleted; the caller checks liveness, so every match
  // is offered through `visit` (return false to stop).
  template <typename Visit>
  void ForEachDocWithId(std::string_view id, Visit&& visit) const;
  // The highest doc id holding `id` (the newest version in this segment).
  std::optional<uint32_t> Find(std::string_view id) const;

  std::string_view id(uint32_t doc) const;
  std::string_view routing(uint32_t doc) const;

 private:
  // The first slot whose hash is >= h (num_docs() if none).
  size_t LowerBound(uint64_t h) const;
  uint64_t Hash(size_t i) const;
  uint32_t HashDoc(size_t i) const;
  uint32_t IdOffset(size_t i) const;
  uint32_t RoutingOffset(size_t i) const;

  uint32_t num_docs_ = 0;
  const char* hashes_ = nullptr;
  const char* hash_docs_ = nullptr;
  const char* id_offsets_ = nullptr;
  const char* routing_offsets_ = nullptr;
  const char* id_bytes_ = nullptr;
  const char* routing_bytes_ = nullptr;
};

}  // namespace quiver::segment

#include "segment/id_index_reader_inl.h"
