// CRC-32C (Castagnoli), the checksum of every record and file in Quiver's
// on-disk formats. Uses the SSE4.2 crc32 instruction when the CPU has it,
// a table-driven fallback otherwise. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace quiver::crc32c {

// Extends `crc` (a previous Value or 0) over data.
uint32_t Extend(uint32_t crc, const char* data, size_t n);
inline uint32_t Value(const char* data, size_t n) { return Extend(0, data, n); }
inline uint32_t Value(std::string_view s) { return Extend(0, s.data(), s.size()); }

// Masked form stored on disk, so that a CRC of data containing CRCs stays
// well distributed (as leveldb does).
inline uint32_t Mask(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + 0xa282ead8u; }
inline uint32_t Unmask(uint32_t masked) {
  uint32_t rot = masked - 0xa282ead8u;
  return (rot >> 17) | (rot << 15);
}

// The table-driven implementation, exposed so tests can check the hardware
// path against it.
uint32_t ExtendPortableForTest(uint32_t crc, const char* data, size_t n);

}  // namespace quiver::crc32c
