#include "text/bit_packing.h"

#include <cstring>

namespace quiver::text {

namespace {

using UnpackFn = void (*)(const uint8_t*, int, uint32_t*);
using GapsFn = void (*)(uint32_t*, uint32_t);

struct Kernels {
  UnpackFn unpack;
  GapsFn gaps;
  const char* name;
};

Kernels ChooseKernels(bool force_scalar) {
#if defined(__x86_64__) || defined(_M_X64)
  if (!force_scalar && __builtin_cpu_supports("sse2")) {
    return {bit_packing_internal::Unpack128Sse2, bit_packing_internal::GapsToDocs128Sse2, "sse2"};
  }
#endif
  (void)force_scalar;
  return {bit_packing_internal::Unpack128Scalar, bit_packing_internal::GapsToDocs128Scalar,
          "scalar"};
}

Kernels g_kernels = ChooseKernels(false);

}  // namespace

void Pack128(const uint32_t* in, int bits, uint8_t* out) {
  std::memset(out, 0, PackedBytes128(bits));
  if (bits == 0) return;
  const uint32_t mask = bits == 32 ? 0xffffffffu : ((1u << bits) - 1);
  for (int lane = 0; lane < 4; ++lane) {
    for (int slot = 0; slot < 32; ++slot) {
      const uint32_t v = in[slot * 4 + lane] & mask;
      const int bit = slot * bits;
      const int word = bit / 32;
      const int shift = bit % 32;
      uint8_t* w = out + 16 * word + 4 * lane;
      uint32_t cur;
      std::memcpy(&cur, w, 4);
      cur |= v << shift;
      std::memcpy(w, &cur, 4);
      if (shift + bits > 32) {
        uint8_t* w2 = w + 16;
        uint32_t next;
        std::memcpy(&next, w2, 4);
        next |= v >> (32 - shift);
        std::memcpy(w2, &next, 4);
      }
    }
  }
}

void Unpack128(const uint8_t* in, int bits, uint32_t* out) { g_kernels.unpack(in, bits, out); }

void GapsToDocs128(uint32_t* v, uint32_t base) { g_kernels.gaps(v, base); }

const char* BitPackingKernelName() { return g_kernels.name; }

void ForceScalarBitPackingForTest(bool force) { g_kernels = ChooseKernels(force); }

}  // namespace quiver::text
