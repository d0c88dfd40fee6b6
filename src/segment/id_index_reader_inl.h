// Inline parts of IdIndexReader (templates and hot accessors).
#pragma once

#include "common/coding.h"
#include "common/hash.h"

namespace quiver::segment {

inline uint64_t IdIndexReader::Hash(size_t i) const { return DecodeFixed64(hashes_ + 8 * i); }
inline uint32_t IdIndexReader::HashDoc(size_t i) const { return DecodeFixed32(hash_docs_ + 4 * i); }
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

inline size_t IdIndexReader::LowerBound(uint64_t h) const {
  // Invariant: every slot below lo hashes below h, every slot from hi on
  // hashes at or above h. Hash64 spreads ids uniformly, so interpolating
  // between the hashes at the ends of the range lands within a few slots of
  // the answer: 2-3 cache misses per lookup instead of log2(n), which matters
  // because every new id is looked up in every segment. A few interpolation
  // steps, then bisection, so skewed data cannot make it linear.
  size_t lo = 0, hi = num_docs_;
  for (int step = 0; step < 4 && hi - lo > 8; ++step) {
    const uint64_t first = Hash(lo), last = Hash(hi - 1);
    if (h <= first) return lo;
    if (h > last) return hi;
    const double fraction = static_cast<double>(h - first) / static_cast<double>(last - first);
    size_t pos = lo + static_cast<size_t>(fraction * static_cast<double>(hi - 1 - lo));
    if (pos >= hi) pos = hi - 1;
    if (Hash(pos) < h) {
      lo = pos + 1;
    } else {
      hi = pos;
    }
  }
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (Hash(mid) < h) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

template <typename Visit>
void IdIndexReader::ForEachDocWithId(std::string_view id_value, Visit&& visit) const {
  const uint64_t h = Hash64(id_value);
  for (size_t i = LowerBound(h); i < num_docs_ && Hash(i) == h; ++i) {
    uint32_t doc = HashDoc(i);
    if (id(doc) == id_value && !visit(doc)) return;
  }
}

}  // namespace quiver::segment
