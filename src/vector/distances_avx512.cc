// AVX-512 (F + BW) kernels. Compiled only when the compiler accepts
// -mavx512f -mavx512bw, and called only after CPUID reports both features.
// Tails use masked loads, so no scalar remainder loop is needed for floats.
#include <immintrin.h>

#include "vector/distances_internal.h"

// GCC 12's avx512fintrin.h passes _mm256_undefined_*() into the extract
// builtins, which trips -Wuninitialized at every use (GCC bug 105593).
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace quiver::vector::internal {
namespace {

inline float ReduceAdd(__m512 v) {
  __m256 lo = _mm512_castps512_ps256(v);
  __m256 hi = _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1));
  __m256 s = _mm256_add_ps(lo, hi);
  __m128 x = _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
  x = _mm_add_ps(x, _mm_movehl_ps(x, x));
  x = _mm_add_ss(x, _mm_movehdup_ps(x));
  return _mm_cvtss_f32(x);
}

inline int32_t ReduceAdd(__m512i v) {
  __m256i s = _mm256_add_epi32(_mm512_castsi512_si256(v), _mm512_extracti64x4_epi64(v, 1));
  __m128i x = _mm_add_epi32(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
  x = _mm_add_epi32(x, _mm_shuffle_epi32(x, _MM_SHUFFLE(1, 0, 3, 2)));
  x = _mm_add_epi32(x, _mm_shuffle_epi32(x, _MM_SHUFFLE(2, 3, 0, 1)));
  return _mm_cvtsi128_si32(x);
}

inline __mmask16 Mask16(size_t n) { return static_cast<__mmask16>((1u << n) - 1u); }

float L2SqrF32(const float* a, const float* b, size_t dims) {
  __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
  size_t i = 0;
  for (; i + 32 <= dims; i += 32) {
    __m512 d0 = _mm512_sub_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i));
    __m512 d1 = _mm512_sub_ps(_mm512_loadu_ps(a + i + 16), _mm512_loadu_ps(b + i + 16));
    s0 = _mm512_fmadd_ps(d0, d0, s0);
    s1 = _mm512_fmadd_ps(d1, d1, s1);
  }
  for (; i < dims; i += 16) {
    __mmask16 m = dims - i >= 16 ? static_cast<__mmask16>(0xffff) : Mask16(dims - i);
    __m512 d = _mm512_sub_ps(_mm512_maskz_loadu_ps(m, a + i), _mm512_maskz_loadu_ps(m, b + i));
    s0 = _mm512_fmadd_ps(d, d, s0);
  }
  return ReduceAdd(_mm512_add_ps(s0, s1));
}

float DotF32(const float* a, const float* b, size_t dims) {
  __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
  size_t i = 0;
  for (; i + 32 <= dims; i += 32) {
    s0 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), s0);
    s1 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i + 16), _mm512_loadu_ps(b + i + 16), s1);
  }
  for (; i < dims; i += 16) {
    __mmask16 m = dims - i >= 16 ? static_cast<__mmask16>(0xffff) : Mask16(dims - i);
    s0 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, a + i), _mm512_maskz_loadu_ps(m, b + i), s0);
  }
  return ReduceAdd(_mm512_add_ps(s0, s1));
}

float NormSqF32(const float* a, size_t dims) { return DotF32(a, a, dims); }

float L2SqrF32Bounded(const float* a, const float* b, size_t dims, float bound) {
  float sum = 0;
  for (size_t i = 0; i < dims; i += 128) {
    size_t n = dims - i < 128 ? dims - i : 128;
    sum += L2SqrF32(a + i, b + i, n);
    if (sum >= bound) return sum;
  }
  return sum;
}

void L2SqrF32Many(const float* q, const float* base, size_t count, size_t dims, float* out) {
  for (size_t i = 0; i < count; ++i) out[i] = L2SqrF32(q, base + i * dims, dims);
}

void DotF32Many(const float* q, const float* base, size_t count, size_t dims, float* out) {
  for (size_t i = 0; i < count; ++i) out[i] = DotF32(q, base + i * dims, dims);
}

inline __m512i Load32I8AsI16(const int8_t* p) {
  return _mm512_cvtepi8_epi16(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)));
}

int32_t L2SqrI8(const int8_t* a, const int8_t* b, size_t dims) {
  __m512i s = _mm512_setzero_si512();
  size_t i = 0;
  for (; i + 32 <= dims; i += 32) {
    __m512i d = _mm512_sub_epi16(Load32I8AsI16(a + i), Load32I8AsI16(b + i));
    s = _mm512_add_epi32(s, _mm512_madd_epi16(d, d));
  }
  int32_t sum = ReduceAdd(s);
  for (; i < dims; ++i) {
    int32_t d = int32_t{a[i]} - int32_t{b[i]};
    sum += d * d;
  }
  return sum;
}

int32_t DotI8(const int8_t* a, const int8_t* b, size_t dims) {
  __m512i s = _mm512_setzero_si512();
  size_t i = 0;
  for (; i + 32 <= dims; i += 32) {
    s = _mm512_add_epi32(s, _mm512_madd_epi16(Load32I8AsI16(a + i), Load32I8AsI16(b + i)));
  }
  int32_t sum = ReduceAdd(s);
  for (; i < dims; ++i) sum += int32_t{a[i]} * int32_t{b[i]};
  return sum;
}

int32_t DotU8I8(const uint8_t* a, const int8_t* b, size_t dims) {
  const __m512i ones = _mm512_set1_epi16(1);
  __m512i s = _mm512_setzero_si512();
  size_t i = 0;
  for (; i + 64 <= dims; i += 64) {
    __m512i av = _mm512_loadu_si512(a + i);
    __m512i bv = _mm512_loadu_si512(b + i);
    s = _mm512_add_epi32(s, _mm512_madd_epi16(_mm512_maddubs_epi16(av, bv), ones));
  }
  int32_t sum = ReduceAdd(s);
  for (; i < dims; ++i) sum += int32_t{a[i]} * int32_t{b[i]};
  return sum;
}

void DotU8I8Many(const uint8_t* q, const int8_t* base, size_t count, size_t stride, size_t dims,
                 int32_t* out) {
  for (size_t r = 0; r < count; ++r) out[r] = DotU8I8(q, base + r * stride, dims);
}

}  // namespace

const DistanceKernels kAvx512Kernels = {
    SimdLevel::kAvx512, L2SqrF32, L2SqrF32Bounded, DotF32,  NormSqF32,   L2SqrF32Many,
    DotF32Many,         L2SqrI8,  DotI8,           DotU8I8, DotU8I8Many,
};

}  // namespace quiver::vector::internal
