// PFOR128: patched frame-of-reference coding of a block of 128 values
// below 2^31 (docs/formats/inverted-index.md, "PFOR128"). One token byte
// holds the packed width b and the number of exceptions e (≤ 7): the low b
// bits of every value are bit-packed (bit_packing.h), and up to 7 values
// carry up to 8 more high bits as (index, high byte) patches, as Lucene's
// PForUtil. A block whose values are all equal is the token 0 and a varint.
// Stateless and thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace quiver::text {

inline constexpr int kMaxPforExceptions = 7;

// Appends the encoding of values[0..128) (each < 2^31) to `out`.
void EncodePfor128(const uint32_t* values, std::string* out);

// Decodes one block starting at `p` into out[0..128). Returns the first
// byte after the block, or nullptr when the bytes up to `end` are not a
// valid block (never reads at or past `end`). If `max_width` is given it
// receives an upper bound of the bit width of the decoded values.
const uint8_t* DecodePfor128(const uint8_t* p, const uint8_t* end, uint32_t* out,
                             int* max_width = nullptr);

// Returns the first byte after the block at `p` without decoding it, or
// nullptr when it does not fit before `end`.
const uint8_t* SkipPfor128(const uint8_t* p, const uint8_t* end);

}  // namespace quiver::text
