// Portable kernels of bit_packing.h.
#include <cstring>

#include "text/bit_packing.h"

namespace quiver::text::bit_packing_internal {

void Unpack128Scalar(const uint8_t* in, int bits, uint32_t* out) {
  if (bits == 0) {
    std::memset(out, 0, 128 * sizeof(uint32_t));
    return;
  }
  const uint32_t mask = bits == 32 ? 0xffffffffu : ((1u << bits) - 1);
  for (int lane = 0; lane < 4; ++lane) {
    for (int slot = 0; slot < 32; ++slot) {
      const int bit = slot * bits;
      const int word = bit / 32;
      const int shift = bit % 32;
      uint32_t w;
      std::memcpy(&w, in + 16 * word + 4 * lane, 4);
      uint32_t v = w >> shift;
      if (shift + bits > 32) {
        uint32_t next;
        std::memcpy(&next, in + 16 * (word + 1) + 4 * lane, 4);
        v |= next << (32 - shift);
      }
      out[slot * 4 + lane] = v & mask;
    }
  }
}

void GapsToDocs128Scalar(uint32_t* v, uint32_t base) {
  uint32_t doc = base;
  for (int i = 0; i < 128; ++i) {
    doc += v[i] + 1;
    v[i] = doc;
  }
}

}  // namespace quiver::text::bit_packing_internal
