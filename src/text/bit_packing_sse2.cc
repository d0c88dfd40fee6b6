// SSE2 kernels of bit_packing.h (x86-64 baseline; no extra compiler flags).
// Unpacking is specialised per bit width so that every shift is an
// immediate and each step decodes four values with one shift/or/and.
#include <emmintrin.h>

#include <array>
#include <cstring>
#include <utility>

#include "text/bit_packing.h"

namespace quiver::text::bit_packing_internal {

namespace {

template <int kBits, int kSlot>
inline void UnpackSlot(const __m128i* words, __m128i mask, uint32_t* out) {
  constexpr int kBit = kSlot * kBits;
  constexpr int kWord = kBit / 32;
  constexpr int kShift = kBit % 32;
  __m128i v = _mm_srli_epi32(_mm_loadu_si128(words + kWord), kShift);
  if constexpr (kShift + kBits > 32) {
    v = _mm_or_si128(v, _mm_slli_epi32(_mm_loadu_si128(words + kWord + 1), 32 - kShift));
  }
  if constexpr (kBits < 32) v = _mm_and_si128(v, mask);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 4 * kSlot), v);
}

template <int kBits, size_t... kSlots>
void UnpackBits(const uint8_t* in, uint32_t* out, std::index_sequence<kSlots...>) {
  // Copy the packed words first so the compiler need not assume `out`
  // aliases them.
  __m128i words[kBits > 0 ? kBits : 1];
  std::memcpy(words, in, 16 * kBits);
  const __m128i mask = _mm_set1_epi32(kBits >= 32 ? -1 : static_cast<int>((1u << kBits) - 1));
  (UnpackSlot<kBits, static_cast<int>(kSlots)>(words, mask, out), ...);
}

template <int kBits>
void Unpack(const uint8_t* in, uint32_t* out) {
  if constexpr (kBits == 0) {
    std::memset(out, 0, 128 * sizeof(uint32_t));
  } else {
    UnpackBits<kBits>(in, out, std::make_index_sequence<32>());
  }
}

using UnpackFn = void (*)(const uint8_t*, uint32_t*);

template <size_t... kBits>
constexpr auto MakeTable(std::index_sequence<kBits...>) {
  return std::array<UnpackFn, sizeof...(kBits)>{&Unpack<static_cast<int>(kBits)>...};
}

}  // namespace

void Unpack128Sse2(const uint8_t* in, int bits, uint32_t* out) {
  static constexpr auto kTable = MakeTable(std::make_index_sequence<33>());
  kTable[static_cast<size_t>(bits)](in, out);
}

void GapsToDocs128Sse2(uint32_t* v, uint32_t base) {
  const __m128i one = _mm_set1_epi32(1);
  __m128i carry = _mm_set1_epi32(static_cast<int>(base));
  for (int i = 0; i < 128; i += 4) {
    __m128i x = _mm_add_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(v + i)), one);
    // In-register prefix sum: x += x << 1 lane, then x += x << 2 lanes.
    x = _mm_add_epi32(x, _mm_slli_si128(x, 4));
    x = _mm_add_epi32(x, _mm_slli_si128(x, 8));
    x = _mm_add_epi32(x, carry);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(v + i), x);
    carry = _mm_shuffle_epi32(x, _MM_SHUFFLE(3, 3, 3, 3));
  }
}

}  // namespace quiver::text::bit_packing_internal
