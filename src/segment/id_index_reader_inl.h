// Inline parts of IdIndexReader (templates and hot accessors).
#pragma once

#include "common/coding.h"
#include "common/hash.h"

namespace quiver::segment {

inline uint64_t IdIndexReader::Hash(size_t i) const { return DecodeFixed64(hashes_ + 8 * i); }
inline uint32_t IdIndexReader::HashDoc(size_t i) const {
  return DecodeFixed32(hash_docs_ + 4 * i);
}
inline uint32_t IdIndexReader::IdOffset(size_t i) const {
  return DecodeFixed32(id_offsets_ + 4 * i);
}
inline uint32_t IdIndexReader::RoutingOffset(size_t i) const {
  return DecodeFixed32(routing_offsets_ + 4 * i);
}

inline std::string_view IdIndexReader::id(uint32_t doc) const {
  uint32_t b = IdOffset(doc), e = IdOffset(doc + 1);
  return std::string_view(id_bytes_ + b, e - b);
}

inline std::string_view IdIndexReader::routing(uint32_t doc) const {
  uint32_t b = RoutingOffset(doc), e = RoutingOffset(doc + 1);
  return std::string_view(routing_bytes_ + b, e - b);
}

template <typename Visit>
void IdIndexReader::ForEachDocWithId(std::string_view id_value, Visit&& visit) const {
  const uint64_t h = Hash64(id_value);
  size_t lo = 0, hi = num_docs_;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (Hash(mid) < h) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (size_t i = lo; i < num_docs_ && Hash(i) == h; ++i) {
    uint32_t doc = HashDoc(i);
    if (id(doc) == id_value && !visit(doc)) return;
  }
}

}  // namespace quiver::segment
