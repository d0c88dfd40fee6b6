// Portable reference kernels. The loops are written so the compiler can
// auto-vectorize them with the baseline ISA (SSE2 / NEON), and they are the
// oracle the SIMD kernels are tested against.
#include "vector/distances_internal.h"

namespace quiver::vector::internal {
namespace {

float L2SqrF32(const float* a, const float* b, size_t dims) {
  float sum = 0;
  for (size_t i = 0; i < dims; ++i) {
    float d = a[i] - b[i];
    sum += d * d;
  }
  return sum;
}

float L2SqrF32Bounded(const float* a, const float* b, size_t dims, float bound) {
  float sum = 0;
  size_t i = 0;
  while (i < dims) {
    size_t end = i + 64 < dims ? i + 64 : dims;
    for (; i < end; ++i) {
      float d = a[i] - b[i];
      sum += d * d;
    }
    if (sum >= bound) return sum;
  }
  return sum;
}

float DotF32(const float* a, const float* b, size_t dims) {
  float sum = 0;
  for (size_t i = 0; i < dims; ++i) sum += a[i] * b[i];
  return sum;
}

float NormSqF32(const float* a, size_t dims) { return DotF32(a, a, dims); }

void L2SqrF32Many(const float* q, const float* base, size_t count, size_t dims, float* out) {
  for (size_t i = 0; i < count; ++i) out[i] = L2SqrF32(q, base + i * dims, dims);
}

void DotF32Many(const float* q, const float* base, size_t count, size_t dims, float* out) {
  for (size_t i = 0; i < count; ++i) out[i] = DotF32(q, base + i * dims, dims);
}

int32_t L2SqrI8(const int8_t* a, const int8_t* b, size_t dims) {
  int32_t sum = 0;
  for (size_t i = 0; i < dims; ++i) {
    int32_t d = int32_t{a[i]} - int32_t{b[i]};
    sum += d * d;
  }
  return sum;
}

int32_t DotI8(const int8_t* a, const int8_t* b, size_t dims) {
  int32_t sum = 0;
  for (size_t i = 0; i < dims; ++i) sum += int32_t{a[i]} * int32_t{b[i]};
  return sum;
}

int32_t DotU8I8(const uint8_t* a, const int8_t* b, size_t dims) {
  int32_t sum = 0;
  for (size_t i = 0; i < dims; ++i) sum += int32_t{a[i]} * int32_t{b[i]};
  return sum;
}

void DotU8I8Many(const uint8_t* q, const int8_t* base, size_t count, size_t stride, size_t dims,
                 int32_t* out) {
  for (size_t i = 0; i < count; ++i) out[i] = DotU8I8(q, base + i * stride, dims);
}

}  // namespace

const DistanceKernels kScalarKernels = {
    SimdLevel::kScalar, L2SqrF32, L2SqrF32Bounded, DotF32,  NormSqF32,   L2SqrF32Many,
    DotF32Many,         L2SqrI8,  DotI8,           DotU8I8, DotU8I8Many,
};

}  // namespace quiver::vector::internal
