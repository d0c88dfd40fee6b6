#include "vector/distances.h"

#include <cstdlib>
#include <cstring>

#include "vector/distances_internal.h"

namespace quiver::vector {
namespace {

bool CpuSupports(SimdLevel level) {
  switch (level) {
    case SimdLevel::kScalar:
      return true;
    case SimdLevel::kAvx2:
#if defined(__x86_64__)
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
      return false;
#endif
    case SimdLevel::kAvx512:
#if defined(__x86_64__)
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
#else
      return false;
#endif
    case SimdLevel::kNeon:
#if defined(__aarch64__)
      return true;  // Advanced SIMD is mandatory on AArch64.
#else
      return false;
#endif
  }
  return false;
}

const DistanceKernels* Compiled(SimdLevel level) {
  switch (level) {
    case SimdLevel::kScalar:
      return &internal::kScalarKernels;
    case SimdLevel::kAvx2:
#if defined(QUIVER_VECTOR_HAVE_AVX2)
      return &internal::kAvx2Kernels;
#else
      return nullptr;
#endif
    case SimdLevel::kAvx512:
#if defined(QUIVER_VECTOR_HAVE_AVX512)
      return &internal::kAvx512Kernels;
#else
      return nullptr;
#endif
    case SimdLevel::kNeon:
#if defined(QUIVER_VECTOR_HAVE_NEON)
      return &internal::kNeonKernels;
#else
      return nullptr;
#endif
  }
  return nullptr;
}

const DistanceKernels& Choose() {
  // Highest level first; QUIVER_SIMD caps it.
  int cap = 3;
  if (const char* env = std::getenv("QUIVER_SIMD")) {
    if (std::strcmp(env, "scalar") == 0) cap = 0;
    if (std::strcmp(env, "avx2") == 0 || std::strcmp(env, "neon") == 0) cap = 1;
  }
  if (cap >= 2) {
    if (const auto* k = KernelsFor(SimdLevel::kAvx512)) return *k;
  }
  if (cap >= 1) {
    if (const auto* k = KernelsFor(SimdLevel::kAvx2)) return *k;
    if (const auto* k = KernelsFor(SimdLevel::kNeon)) return *k;
  }
  return internal::kScalarKernels;
}

}  // namespace

const char* SimdLevelName(SimdLevel level) {
  switch (level) {
    case SimdLevel::kScalar:
      return "scalar";
    case SimdLevel::kAvx2:
      return "avx2";
    case SimdLevel::kAvx512:
      return "avx512";
    case SimdLevel::kNeon:
      return "neon";
  }
  return "unknown";
}

const DistanceKernels* KernelsFor(SimdLevel level) {
  const DistanceKernels* k = Compiled(level);
  if (k == nullptr || !CpuSupports(level)) return nullptr;
  return k;
}

const DistanceKernels& Kernels() {
  static const DistanceKernels& chosen = Choose();
  return chosen;
}

}  // namespace quiver::vector
