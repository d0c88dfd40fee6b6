// Distance kernels for float32 and int8 vectors, chosen at runtime by CPUID.
//
// Every kernel exists as a portable scalar version (distances_scalar.cc) and,
// where the CPU has it, an AVX2+FMA (distances_avx2.cc), AVX-512
// (distances_avx512.cc, built only when the compiler supports it) or NEON
// (distances_neon.cc, aarch64 only) version, each compiled with its own flags
// as faiss does (distances_avx2.cpp). The rest of the library is compiled
// without -march flags, so it runs on any x86-64 / aarch64 CPU.
//
// Kernels are pure functions; the tables are immutable after static
// initialization, so everything here is thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace quiver::vector {

enum class SimdLevel : uint8_t { kScalar = 0, kAvx2 = 1, kAvx512 = 2, kNeon = 3 };

const char* SimdLevelName(SimdLevel level);

struct DistanceKernels {
  SimdLevel level;
  // Squared Euclidean distance.
  float (*l2sq_f32)(const float* a, const float* b, size_t dims);
  // Squared Euclidean distance with early abandoning: the exact value when it
  // is below `bound`, otherwise some value ≥ bound (the partial sum at which
  // it stopped). Partial sums of squares only grow, so this is safe wherever
  // a candidate at distance ≥ bound would be discarded anyway (HNSW beam).
  float (*l2sq_f32_bounded)(const float* a, const float* b, size_t dims, float bound);
  // Inner product.
  float (*dot_f32)(const float* a, const float* b, size_t dims);
  // Squared L2 norm ⟨a, a⟩.
  float (*norm_sq_f32)(const float* a, size_t dims);
  // Batched: out[i] = distance(q, base + i * dims) for i < count (rows are
  // contiguous). Loads of q are shared between rows.
  void (*l2sq_f32_many)(const float* q, const float* base, size_t count, size_t dims, float* out);
  void (*dot_f32_many)(const float* q, const float* base, size_t count, size_t dims, float* out);
  // Signed int8 (ES `element_type: byte`); exact for all int8 values.
  int32_t (*l2sq_i8)(const int8_t* a, const int8_t* b, size_t dims);
  int32_t (*dot_i8)(const int8_t* a, const int8_t* b, size_t dims);
  // Unsigned × signed dot for quantized codes. Precondition: every pair sum
  // a[i]·b[i] + a[i+1]·b[i+1] fits int16 — true for 7-bit codes (0..127) on
  // both sides, as written by ScalarQuantizer.
  int32_t (*dot_u8i8)(const uint8_t* a, const int8_t* b, size_t dims);
  void (*dot_u8i8_many)(const uint8_t* q, const int8_t* base, size_t count, size_t stride,
                        size_t dims, int32_t* out);
};

// The best kernels for this CPU (QUIVER_SIMD=scalar|avx2|avx512|neon in the
// environment caps the choice, for testing).
const DistanceKernels& Kernels();

// The kernels of one level, or nullptr when not compiled in or not supported
// by this CPU. Tests compare every available level against kScalar.
const DistanceKernels* KernelsFor(SimdLevel level);

// Convenience wrappers over Kernels().
inline float L2Sqr(const float* a, const float* b, size_t dims) {
  return Kernels().l2sq_f32(a, b, dims);
}
inline float Dot(const float* a, const float* b, size_t dims) {
  return Kernels().dot_f32(a, b, dims);
}

// Prefetches the first `bytes` (rounded up to cache lines, at most 8 lines)
// of p into L1.
inline void PrefetchLines(const void* p, size_t bytes) {
  const char* c = static_cast<const char*>(p);
  size_t lines = (bytes + 63) / 64;
  if (lines > 8) lines = 8;
  for (size_t i = 0; i < lines; ++i) __builtin_prefetch(c + 64 * i, 0, 3);
}

}  // namespace quiver::vector
