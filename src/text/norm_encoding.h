// Length norms as Lucene encodes them for BM25 (BM25Similarity.computeNorm):
// one byte per document, SmallFloat.intToByte4 of the field length. Values
// below 24 are exact; larger ones keep 4 significant bits (longToInt4), so
// that byte order is length order. Scorers must decode with DecodeNorm to
// reproduce Lucene's scores exactly (its LENGTH_TABLE).
#pragma once

#include <bit>
#include <cstdint>

namespace quiver::text {

namespace norm_internal {

// SmallFloat.longToInt4: a float-like encoding with a 3-bit mantissa (plus
// the implicit leading one) and the exponent above it; 0..7 are subnormal.
constexpr uint32_t LongToInt4(uint64_t i) {
  const int num_bits = 64 - std::countl_zero(i);
  if (num_bits < 4) return static_cast<uint32_t>(i);
  const int shift = num_bits - 4;
  uint32_t encoded = static_cast<uint32_t>(i >> shift) & 0x07;
  encoded |= static_cast<uint32_t>(shift + 1) << 3;
  return encoded;
}

// SmallFloat.int4ToLong.
constexpr uint64_t Int4ToLong(uint32_t i) {
  const uint64_t bits = i & 0x07;
  const int shift = static_cast<int>(i >> 3) - 1;
  if (shift == -1) return bits;
  return (bits | 0x08) << shift;
}

// longToInt4(Integer.MAX_VALUE) = 231, so 255 - 231 = 24 small values are
// encoded exactly.
inline constexpr uint32_t kMaxInt4 = LongToInt4(0x7fffffff);
inline constexpr uint32_t kNumFreeValues = 255 - kMaxInt4;
static_assert(kNumFreeValues == 24);

}  // namespace norm_internal

// SmallFloat.intToByte4. `length` is clamped to Integer.MAX_VALUE.
constexpr uint8_t EncodeNorm(uint32_t length) {
  if (length > 0x7fffffffu) length = 0x7fffffffu;
  if (length < norm_internal::kNumFreeValues) return static_cast<uint8_t>(length);
  return static_cast<uint8_t>(norm_internal::kNumFreeValues +
                              norm_internal::LongToInt4(length - norm_internal::kNumFreeValues));
}

// SmallFloat.byte4ToInt.
constexpr uint32_t DecodeNorm(uint8_t norm) {
  if (norm < norm_internal::kNumFreeValues) return norm;
  return static_cast<uint32_t>(norm_internal::kNumFreeValues +
                               norm_internal::Int4ToLong(norm - norm_internal::kNumFreeValues));
}

}  // namespace quiver::text
