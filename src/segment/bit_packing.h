// Fixed-width bit packing used by doc values: value i occupies bits
// [i*bits, (i+1)*bits) of a little-endian bit stream, padded with 8 zero
// bytes so any value can be read with one unaligned 64-bit load.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

namespace quiver::segment {

// Bits needed to represent v (0 for v == 0).
inline int BitsRequired(uint64_t v) { return v == 0 ? 0 : 64 - __builtin_clzll(v); }

// Appends `n` values of `bits` bits each (bits ≤ 64), plus 8 bytes of padding.
template <typename Fn>
void AppendPacked(std::string* out, size_t n, int bits, Fn value_at) {
  size_t start = out->size();
  size_t nbytes = (n * static_cast<size_t>(bits) + 7) / 8;
  out->resize(start + nbytes + 8, '\0');
  if (bits == 0) return;
  auto* p = reinterpret_cast<unsigned char*>(out->data() + start);
  for (size_t i = 0; i < n; ++i) {
    uint64_t v = value_at(i);
    size_t bit = i * static_cast<size_t>(bits);
    size_t byte = bit / 8;
    int shift = static_cast<int>(bit % 8);
    // Write up to 9 bytes (bits ≤ 64 plus shift ≤ 7).
    unsigned __int128 w = static_cast<unsigned __int128>(v) << shift;
    for (int b = 0; b < 9 && (b * 8) < bits + shift; ++b) {
      p[byte + b] |= static_cast<unsigned char>(w >> (8 * b));
    }
  }
}

// Reads value i from a packed stream written by AppendPacked.
inline uint64_t ReadPacked(const char* base, size_t i, int bits) {
  if (bits == 0) return 0;
  size_t bit = i * static_cast<size_t>(bits);
  const char* p = base + bit / 8;
  int shift = static_cast<int>(bit % 8);
  uint64_t lo;
  std::memcpy(&lo, p, 8);
  uint64_t v = lo >> shift;
  if (bits + shift > 64) {
    uint64_t hi = static_cast<unsigned char>(p[8]);
    v |= hi << (64 - shift);
  }
  return bits == 64 ? v : (v & ((uint64_t{1} << bits) - 1));
}

inline size_t PackedBytes(size_t n, int bits) { return (n * static_cast<size_t>(bits) + 7) / 8 + 8; }

// Double <-> sortable int64 (order-preserving; Lucene NumericUtils).
inline int64_t DoubleToSortable(double d) {
  int64_t bits;
  std::memcpy(&bits, &d, 8);
  return bits ^ ((bits >> 63) & 0x7fffffffffffffffLL);
}
inline double SortableToDouble(int64_t s) {
  int64_t bits = s ^ ((s >> 63) & 0x7fffffffffffffffLL);
  double d;
  std::memcpy(&d, &bits, 8);
  return d;
}

}  // namespace quiver::segment
