// Pointer-based LEB128 decoding for the hot loops of the inverted-index
// readers. Every function reads only [p, end) and returns nullptr on a
// truncated or over-long varint, so corrupt input cannot cause an
// out-of-bounds read. (common/coding.h's ByteReader is the general tool;
// these avoid its per-call state in tight loops.)
#pragma once

#include <cstdint>

namespace quiver::text {

inline const uint8_t* ReadVarint32(const uint8_t* p, const uint8_t* end, uint32_t* v) {
  if (p < end && *p < 0x80) {
    *v = *p;
    return p + 1;
  }
  uint32_t result = 0;
  for (int shift = 0; shift <= 28; shift += 7) {
    if (p >= end) return nullptr;
    const uint32_t byte = *p++;
    if (shift == 28 && byte > 0x0f) return nullptr;
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return p;
    }
  }
  return nullptr;
}

inline const uint8_t* ReadVarint64(const uint8_t* p, const uint8_t* end, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63; shift += 7) {
    if (p >= end) return nullptr;
    const uint64_t byte = *p++;
    if (shift == 63 && byte > 1) return nullptr;
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return p;
    }
  }
  return nullptr;
}

}  // namespace quiver::text
