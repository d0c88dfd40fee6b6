// HnswGraphView: read-only view of a serialized HNSW graph (docs/formats/vector.md,
// sections 10–14), in either level-0 encoding, exposing the Graph concept of
// hnsw_search.h. Points into the index buffer; thread-safe.
#pragma once

#include <cstdint>

#include "vector/distances.h"
#include "vector/index_format.h"

namespace quiver::vector {

// Bits needed to represent v (at least 1).
inline uint32_t BitWidth(uint32_t v) { return v == 0 ? 1 : 32 - __builtin_clz(v); }

// Packed level-0 record: count (8 bits), width − 1 (5 bits), first id
// (id_bits), then count − 1 deltas of `width` bits. Words need two zero
// words of padding at the end.
inline constexpr uint32_t kPackedHeaderBits = 13;

inline uint32_t ReadBits(const uint32_t* words, uint64_t bit, uint32_t width) {
  uint64_t w = uint64_t{words[bit >> 5]} | (uint64_t{words[(bit >> 5) + 1]} << 32);
  uint64_t v = w >> (bit & 31);
  return static_cast<uint32_t>(width == 32 ? v & 0xffffffffu : v & ((uint64_t{1} << width) - 1));
}

class HnswGraphView {
 public:
  uint32_t num_nodes = 0;
  uint32_t m = 0;
  uint32_t m0 = 0;
  uint32_t id_bits = 1;
  format::Level0Encoding encoding = format::Level0Encoding::kFixed;
  const uint8_t* levels = nullptr;
  const uint32_t* level0 = nullptr;          // fixed: n × (1 + m0); packed: words
  const uint64_t* level0_offsets = nullptr;  // packed: n + 1 bit offsets
  const uint32_t* upper_offsets = nullptr;   // n + 1
  const uint32_t* upper = nullptr;

  uint32_t Neighbors(uint32_t node, int level, uint32_t* scratch, const uint32_t** ids) const {
    if (level > 0) {
      const uint32_t* list = upper + upper_offsets[node] + static_cast<size_t>(level - 1) * (m + 1);
      *ids = list + 1;
      return list[0];
    }
    if (encoding == format::Level0Encoding::kFixed) {
      const uint32_t* list = level0 + size_t{node} * (m0 + 1);
      *ids = list + 1;
      return list[0];
    }
    *ids = scratch;
    return DecodePacked(node, scratch);
  }

  void PrefetchNeighbors(uint32_t node, int level) const {
    if (level != 0) return;
    if (encoding == format::Level0Encoding::kFixed) {
      PrefetchLines(level0 + size_t{node} * (m0 + 1), 64);
    } else {
      __builtin_prefetch(level0_offsets + node, 0, 3);
    }
  }

  // Decodes a packed record; ids ≥ num_nodes or records longer than their
  // slot (possible only in a crafted buffer) are cut short.
  uint32_t DecodePacked(uint32_t node, uint32_t* out) const {
    uint64_t bit = level0_offsets[node];
    const uint64_t end = level0_offsets[node + 1];
    uint32_t count = ReadBits(level0, bit, 8);
    uint32_t width = ReadBits(level0, bit + 8, 5) + 1;
    bit += kPackedHeaderBits;
    if (count == 0) return 0;
    if (count > m0 || bit + id_bits + uint64_t{count - 1} * width > end) return 0;
    uint32_t id = ReadBits(level0, bit, id_bits);
    bit += id_bits;
    uint32_t n = 0;
    for (;;) {
      if (id >= num_nodes) break;
      out[n++] = id;
      if (n == count) break;
      id += ReadBits(level0, bit, width);
      bit += width;
    }
    return n;
  }
};

}  // namespace quiver::vector
