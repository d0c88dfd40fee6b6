// NEON kernels for AArch64 (Advanced SIMD is part of the base ISA there, so
// no extra compiler flags are needed). Compiled only on aarch64.
#include <arm_neon.h>

#include "vector/distances_internal.h"

namespace quiver::vector::internal {
namespace {

float L2SqrF32(const float* a, const float* b, size_t dims) {
  float32x4_t s0 = vdupq_n_f32(0), s1 = vdupq_n_f32(0);
  size_t i = 0;
  for (; i + 8 <= dims; i += 8) {
    float32x4_t d0 = vsubq_f32(vld1q_f32(a + i), vld1q_f32(b + i));
    float32x4_t d1 = vsubq_f32(vld1q_f32(a + i + 4), vld1q_f32(b + i + 4));
    s0 = vfmaq_f32(s0, d0, d0);
    s1 = vfmaq_f32(s1, d1, d1);
  }
  float sum = vaddvq_f32(vaddq_f32(s0, s1));
  for (; i < dims; ++i) {
    float d = a[i] - b[i];
    sum += d * d;
  }
  return sum;
}

float DotF32(const float* a, const float* b, size_t dims) {
  float32x4_t s0 = vdupq_n_f32(0), s1 = vdupq_n_f32(0);
  size_t i = 0;
  for (; i + 8 <= dims; i += 8) {
    s0 = vfmaq_f32(s0, vld1q_f32(a + i), vld1q_f32(b + i));
    s1 = vfmaq_f32(s1, vld1q_f32(a + i + 4), vld1q_f32(b + i + 4));
  }
  float sum = vaddvq_f32(vaddq_f32(s0, s1));
  for (; i < dims; ++i) sum += a[i] * b[i];
  return sum;
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

int32_t L2SqrI8(const int8_t* a, const int8_t* b, size_t dims) {
  int32x4_t s = vdupq_n_s32(0);
  size_t i = 0;
  for (; i + 8 <= dims; i += 8) {
    int16x8_t d = vsubl_s8(vld1_s8(a + i), vld1_s8(b + i));
    s = vmlal_s16(s, vget_low_s16(d), vget_low_s16(d));
    s = vmlal_s16(s, vget_high_s16(d), vget_high_s16(d));
  }
  int32_t sum = vaddvq_s32(s);
  for (; i < dims; ++i) {
    int32_t d = int32_t{a[i]} - int32_t{b[i]};
    sum += d * d;
  }
  return sum;
}

int32_t DotI8(const int8_t* a, const int8_t* b, size_t dims) {
  int32x4_t s = vdupq_n_s32(0);
  size_t i = 0;
  for (; i + 8 <= dims; i += 8) {
    int16x8_t p = vmull_s8(vld1_s8(a + i), vld1_s8(b + i));
    s = vpadalq_s16(s, p);
  }
  int32_t sum = vaddvq_s32(s);
  for (; i < dims; ++i) sum += int32_t{a[i]} * int32_t{b[i]};
  return sum;
}

int32_t DotU8I8(const uint8_t* a, const int8_t* b, size_t dims) {
  int32x4_t s = vdupq_n_s32(0);
  size_t i = 0;
  for (; i + 8 <= dims; i += 8) {
    int16x8_t av = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(a + i)));
    int16x8_t bv = vmovl_s8(vld1_s8(b + i));
    s = vmlal_s16(s, vget_low_s16(av), vget_low_s16(bv));
    s = vmlal_s16(s, vget_high_s16(av), vget_high_s16(bv));
  }
  int32_t sum = vaddvq_s32(s);
  for (; i < dims; ++i) sum += int32_t{a[i]} * int32_t{b[i]};
  return sum;
}

void DotU8I8Many(const uint8_t* q, const int8_t* base, size_t count, size_t stride, size_t dims,
                 int32_t* out) {
  for (size_t r = 0; r < count; ++r) out[r] = DotU8I8(q, base + r * stride, dims);
}

}  // namespace

const DistanceKernels kNeonKernels = {
    SimdLevel::kNeon, L2SqrF32, L2SqrF32Bounded, DotF32,  NormSqF32,   L2SqrF32Many,
    DotF32Many,       L2SqrI8,  DotI8,           DotU8I8, DotU8I8Many,
};

}  // namespace quiver::vector::internal
