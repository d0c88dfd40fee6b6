// Bit packing of blocks of 128 unsigned 32-bit values in SIMD-BP128's
// vertical layout (Lemire & Boytsov, "Decoding billions of integers per
// second through vectorization", 2015): value i lives in 32-bit lane i % 4
// at slot i / 4, each lane's 32 slots are packed bit by bit into `bits`
// words, and word w of lane l is stored at byte 16*w + 4*l. A block of
// 128 values with bit width b takes exactly 16*b bytes.
//
// Decoding uses an SSE2 kernel on x86-64 (chosen at startup; every x86-64
// CPU has SSE2) and a portable scalar kernel elsewhere; both read the same
// bytes. Stateless and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace quiver::text {

inline constexpr size_t PackedBytes128(int bits) { return static_cast<size_t>(16 * bits); }

// Packs the low `bits` (0..32) bits of in[0..128) into out[0..16*bits).
void Pack128(const uint32_t* in, int bits, uint8_t* out);

// Unpacks 128 values of width `bits` (0..32) from in[0..16*bits).
void Unpack128(const uint8_t* in, int bits, uint32_t* out);

// Turns 128 doc gaps into doc ids: v[i] = base + sum over j <= i of (v[j] + 1)
// (gaps are coded as doc - previous doc - 1), modulo 2^32.
void GapsToDocs128(uint32_t* v, uint32_t base);

// Name of the kernel in use ("sse2" or "scalar").
const char* BitPackingKernelName();

// Forces the scalar kernel (tests compare the two). Not thread-safe with
// concurrent decoding; call before starting threads.
void ForceScalarBitPackingForTest(bool force);

namespace bit_packing_internal {
// The kernels; bit_packing.cc dispatches between them.
void Unpack128Scalar(const uint8_t* in, int bits, uint32_t* out);
void GapsToDocs128Scalar(uint32_t* v, uint32_t base);
#if defined(__x86_64__) || defined(_M_X64)
void Unpack128Sse2(const uint8_t* in, int bits, uint32_t* out);
void GapsToDocs128Sse2(uint32_t* v, uint32_t base);
#endif
}  // namespace bit_packing_internal

}  // namespace quiver::text
