// AVX2 + FMA kernels. This file alone is compiled with -mavx2 -mfma (see
// CMakeLists.txt); it is only called after CPUID reports both features.
#include <immintrin.h>

#include "vector/distances_internal.h"

namespace quiver::vector::internal {
namespace {

inline float HorizontalSum(__m256 v) {
  __m128 lo = _mm256_castps256_ps128(v);
  __m128 hi = _mm256_extractf128_ps(v, 1);
  lo = _mm_add_ps(lo, hi);
  __m128 shuf = _mm_movehdup_ps(lo);
  __m128 sums = _mm_add_ps(lo, shuf);
  shuf = _mm_movehl_ps(shuf, sums);
  sums = _mm_add_ss(sums, shuf);
  return _mm_cvtss_f32(sums);
}

inline int32_t HorizontalSum(__m256i v) {
  __m128i lo = _mm256_castsi256_si128(v);
  __m128i hi = _mm256_extracti128_si256(v, 1);
  lo = _mm_add_epi32(lo, hi);
  lo = _mm_add_epi32(lo, _mm_shuffle_epi32(lo, _MM_SHUFFLE(1, 0, 3, 2)));
  lo = _mm_add_epi32(lo, _mm_shuffle_epi32(lo, _MM_SHUFFLE(2, 3, 0, 1)));
  return _mm_cvtsi128_si32(lo);
}

// Mask selecting the first n (0..7) lanes, for the tail of float loops.
inline __m256i TailMask(size_t n) {
  alignas(32) static const int32_t kMasks[16] = {-1, -1, -1, -1, -1, -1, -1, -1,
                                                 0,  0,  0,  0,  0,  0,  0,  0};
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kMasks + 8 - n));
}

float L2SqrF32(const float* a, const float* b, size_t dims) {
  __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
  __m256 s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
  size_t i = 0;
  for (; i + 32 <= dims; i += 32) {
    __m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
    __m256 d1 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8));
    __m256 d2 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16));
    __m256 d3 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24));
    s0 = _mm256_fmadd_ps(d0, d0, s0);
    s1 = _mm256_fmadd_ps(d1, d1, s1);
    s2 = _mm256_fmadd_ps(d2, d2, s2);
    s3 = _mm256_fmadd_ps(d3, d3, s3);
  }
  for (; i + 8 <= dims; i += 8) {
    __m256 d = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
    s0 = _mm256_fmadd_ps(d, d, s0);
  }
  if (i < dims) {
    __m256i m = TailMask(dims - i);
    __m256 d = _mm256_sub_ps(_mm256_maskload_ps(a + i, m), _mm256_maskload_ps(b + i, m));
    s1 = _mm256_fmadd_ps(d, d, s1);
  }
  return HorizontalSum(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
}

// Checks the partial sum every 64 floats (dims < 256) or 128 floats; the
// check (a horizontal add) is cheap next to the cache lines it saves loading.
float L2SqrF32Bounded(const float* a, const float* b, size_t dims, float bound) {
  __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
  __m256 s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
  const size_t check = 64;
  size_t i = 0;
  while (i + 32 <= dims) {
    size_t stop = i + check <= dims ? i + check : dims;
    for (; i + 32 <= stop; i += 32) {
      __m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
      __m256 d1 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8));
      __m256 d2 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16));
      __m256 d3 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24));
      s0 = _mm256_fmadd_ps(d0, d0, s0);
      s1 = _mm256_fmadd_ps(d1, d1, s1);
      s2 = _mm256_fmadd_ps(d2, d2, s2);
      s3 = _mm256_fmadd_ps(d3, d3, s3);
    }
    if (i + 32 <= dims) {
      float partial = HorizontalSum(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
      if (partial >= bound) return partial;
    }
  }
  for (; i + 8 <= dims; i += 8) {
    __m256 d = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
    s0 = _mm256_fmadd_ps(d, d, s0);
  }
  if (i < dims) {
    __m256i m = TailMask(dims - i);
    __m256 d = _mm256_sub_ps(_mm256_maskload_ps(a + i, m), _mm256_maskload_ps(b + i, m));
    s1 = _mm256_fmadd_ps(d, d, s1);
  }
  return HorizontalSum(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
}

float DotF32(const float* a, const float* b, size_t dims) {
  __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
  __m256 s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
  size_t i = 0;
  for (; i + 32 <= dims; i += 32) {
    s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
    s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), s1);
    s2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16), s2);
    s3 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24), s3);
  }
  for (; i + 8 <= dims; i += 8) {
    s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
  }
  if (i < dims) {
    __m256i m = TailMask(dims - i);
    s1 = _mm256_fmadd_ps(_mm256_maskload_ps(a + i, m), _mm256_maskload_ps(b + i, m), s1);
  }
  return HorizontalSum(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
}

float NormSqF32(const float* a, size_t dims) { return DotF32(a, a, dims); }

// Four rows against one query: each query load feeds four FMAs.
template <bool kL2>
void Rows4(const float* q, const float* r0, const float* r1, const float* r2, const float* r3,
           size_t dims, float* out) {
  __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
  __m256 s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
  size_t i = 0;
  auto step = [&](__m256 qv, __m256 x0, __m256 x1, __m256 x2, __m256 x3) {
    if constexpr (kL2) {
      x0 = _mm256_sub_ps(qv, x0);
      x1 = _mm256_sub_ps(qv, x1);
      x2 = _mm256_sub_ps(qv, x2);
      x3 = _mm256_sub_ps(qv, x3);
      s0 = _mm256_fmadd_ps(x0, x0, s0);
      s1 = _mm256_fmadd_ps(x1, x1, s1);
      s2 = _mm256_fmadd_ps(x2, x2, s2);
      s3 = _mm256_fmadd_ps(x3, x3, s3);
    } else {
      s0 = _mm256_fmadd_ps(qv, x0, s0);
      s1 = _mm256_fmadd_ps(qv, x1, s1);
      s2 = _mm256_fmadd_ps(qv, x2, s2);
      s3 = _mm256_fmadd_ps(qv, x3, s3);
    }
  };
  for (; i + 8 <= dims; i += 8) {
    step(_mm256_loadu_ps(q + i), _mm256_loadu_ps(r0 + i), _mm256_loadu_ps(r1 + i),
         _mm256_loadu_ps(r2 + i), _mm256_loadu_ps(r3 + i));
  }
  if (i < dims) {
    __m256i m = TailMask(dims - i);
    step(_mm256_maskload_ps(q + i, m), _mm256_maskload_ps(r0 + i, m), _mm256_maskload_ps(r1 + i, m),
         _mm256_maskload_ps(r2 + i, m), _mm256_maskload_ps(r3 + i, m));
  }
  out[0] = HorizontalSum(s0);
  out[1] = HorizontalSum(s1);
  out[2] = HorizontalSum(s2);
  out[3] = HorizontalSum(s3);
}

void L2SqrF32Many(const float* q, const float* base, size_t count, size_t dims, float* out) {
  size_t i = 0;
  for (; i + 4 <= count; i += 4) {
    const float* r = base + i * dims;
    Rows4<true>(q, r, r + dims, r + 2 * dims, r + 3 * dims, dims, out + i);
  }
  for (; i < count; ++i) out[i] = L2SqrF32(q, base + i * dims, dims);
}

void DotF32Many(const float* q, const float* base, size_t count, size_t dims, float* out) {
  size_t i = 0;
  for (; i + 4 <= count; i += 4) {
    const float* r = base + i * dims;
    Rows4<false>(q, r, r + dims, r + 2 * dims, r + 3 * dims, dims, out + i);
  }
  for (; i < count; ++i) out[i] = DotF32(q, base + i * dims, dims);
}

inline __m256i Load16I8AsI16(const int8_t* p) {
  return _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}

int32_t L2SqrI8(const int8_t* a, const int8_t* b, size_t dims) {
  __m256i s0 = _mm256_setzero_si256(), s1 = _mm256_setzero_si256();
  size_t i = 0;
  for (; i + 32 <= dims; i += 32) {
    // int8 − int8 fits int16; madd of two squares fits int32.
    __m256i d0 = _mm256_sub_epi16(Load16I8AsI16(a + i), Load16I8AsI16(b + i));
    __m256i d1 = _mm256_sub_epi16(Load16I8AsI16(a + i + 16), Load16I8AsI16(b + i + 16));
    s0 = _mm256_add_epi32(s0, _mm256_madd_epi16(d0, d0));
    s1 = _mm256_add_epi32(s1, _mm256_madd_epi16(d1, d1));
  }
  for (; i + 16 <= dims; i += 16) {
    __m256i d0 = _mm256_sub_epi16(Load16I8AsI16(a + i), Load16I8AsI16(b + i));
    s0 = _mm256_add_epi32(s0, _mm256_madd_epi16(d0, d0));
  }
  int32_t sum = HorizontalSum(_mm256_add_epi32(s0, s1));
  for (; i < dims; ++i) {
    int32_t d = int32_t{a[i]} - int32_t{b[i]};
    sum += d * d;
  }
  return sum;
}

int32_t DotI8(const int8_t* a, const int8_t* b, size_t dims) {
  __m256i s0 = _mm256_setzero_si256(), s1 = _mm256_setzero_si256();
  size_t i = 0;
  for (; i + 32 <= dims; i += 32) {
    s0 = _mm256_add_epi32(s0, _mm256_madd_epi16(Load16I8AsI16(a + i), Load16I8AsI16(b + i)));
    s1 = _mm256_add_epi32(s1,
                          _mm256_madd_epi16(Load16I8AsI16(a + i + 16), Load16I8AsI16(b + i + 16)));
  }
  for (; i + 16 <= dims; i += 16) {
    s0 = _mm256_add_epi32(s0, _mm256_madd_epi16(Load16I8AsI16(a + i), Load16I8AsI16(b + i)));
  }
  int32_t sum = HorizontalSum(_mm256_add_epi32(s0, s1));
  for (; i < dims; ++i) sum += int32_t{a[i]} * int32_t{b[i]};
  return sum;
}

inline __m256i MaddU8I8(__m256i a, __m256i b, __m256i ones) {
  return _mm256_madd_epi16(_mm256_maddubs_epi16(a, b), ones);
}

int32_t DotU8I8(const uint8_t* a, const int8_t* b, size_t dims) {
  const __m256i ones = _mm256_set1_epi16(1);
  __m256i s0 = _mm256_setzero_si256(), s1 = _mm256_setzero_si256();
  size_t i = 0;
  for (; i + 64 <= dims; i += 64) {
    __m256i a0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i));
    __m256i b0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i));
    __m256i a1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i + 32));
    __m256i b1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i + 32));
    s0 = _mm256_add_epi32(s0, MaddU8I8(a0, b0, ones));
    s1 = _mm256_add_epi32(s1, MaddU8I8(a1, b1, ones));
  }
  for (; i + 32 <= dims; i += 32) {
    __m256i a0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i));
    __m256i b0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i));
    s0 = _mm256_add_epi32(s0, MaddU8I8(a0, b0, ones));
  }
  int32_t sum = HorizontalSum(_mm256_add_epi32(s0, s1));
  for (; i < dims; ++i) sum += int32_t{a[i]} * int32_t{b[i]};
  return sum;
}

void DotU8I8Many(const uint8_t* q, const int8_t* base, size_t count, size_t stride, size_t dims,
                 int32_t* out) {
  const __m256i ones = _mm256_set1_epi16(1);
  size_t r = 0;
  for (; r + 4 <= count; r += 4) {
    const int8_t* x0 = base + r * stride;
    const int8_t* x1 = x0 + stride;
    const int8_t* x2 = x1 + stride;
    const int8_t* x3 = x2 + stride;
    __m256i s0 = _mm256_setzero_si256(), s1 = _mm256_setzero_si256();
    __m256i s2 = _mm256_setzero_si256(), s3 = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 32 <= dims; i += 32) {
      __m256i qv = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q + i));
      s0 = _mm256_add_epi32(
          s0, MaddU8I8(qv, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x0 + i)), ones));
      s1 = _mm256_add_epi32(
          s1, MaddU8I8(qv, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x1 + i)), ones));
      s2 = _mm256_add_epi32(
          s2, MaddU8I8(qv, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x2 + i)), ones));
      s3 = _mm256_add_epi32(
          s3, MaddU8I8(qv, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x3 + i)), ones));
    }
    int32_t t0 = HorizontalSum(s0), t1 = HorizontalSum(s1);
    int32_t t2 = HorizontalSum(s2), t3 = HorizontalSum(s3);
    for (; i < dims; ++i) {
      int32_t qi = q[i];
      t0 += qi * x0[i];
      t1 += qi * x1[i];
      t2 += qi * x2[i];
      t3 += qi * x3[i];
    }
    out[r] = t0;
    out[r + 1] = t1;
    out[r + 2] = t2;
    out[r + 3] = t3;
  }
  for (; r < count; ++r) out[r] = DotU8I8(q, base + r * stride, dims);
}

}  // namespace

const DistanceKernels kAvx2Kernels = {
    SimdLevel::kAvx2, L2SqrF32, L2SqrF32Bounded, DotF32,  NormSqF32,   L2SqrF32Many,
    DotF32Many,       L2SqrI8,  DotI8,           DotU8I8, DotU8I8Many,
};

}  // namespace quiver::vector::internal
