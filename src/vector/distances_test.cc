#include "vector/distances.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <random>
#include <vector>

namespace quiver::vector {
namespace {

std::vector<size_t> Lengths() {
  std::vector<size_t> lengths;
  for (size_t n = 1; n <= 130; ++n) lengths.push_back(n);
  for (size_t n :
       {255u, 256u, 257u, 383u, 512u, 777u, 784u, 1000u, 1023u, 1536u, 2049u, 4095u, 4096u}) {
    lengths.push_back(n);
  }
  return lengths;
}

std::vector<const DistanceKernels*> SimdLevels() {
  std::vector<const DistanceKernels*> out;
  for (SimdLevel l : {SimdLevel::kAvx2, SimdLevel::kAvx512, SimdLevel::kNeon}) {
    if (const DistanceKernels* k = KernelsFor(l)) out.push_back(k);
  }
  return out;
}

void ExpectClose(float expected, float actual, size_t n, const char* what) {
  EXPECT_NEAR(expected, actual, 1e-4f * (std::fabs(expected) + 1.0f) * std::sqrt(float(n)))
      << what << " n=" << n;
}

TEST(DistancesTest, DispatchPicksAvailableLevel) {
  const DistanceKernels& k = Kernels();
  EXPECT_NE(KernelsFor(k.level), nullptr);
  EXPECT_NE(KernelsFor(SimdLevel::kScalar), nullptr);
#if defined(__x86_64__)
  if (std::getenv("QUIVER_SIMD") == nullptr && __builtin_cpu_supports("avx2") &&
      __builtin_cpu_supports("fma")) {
    EXPECT_NE(k.level, SimdLevel::kScalar) << "AVX2 CPU should not use scalar kernels";
  }
#endif
}

TEST(DistancesTest, FloatKernelsMatchScalar) {
  const DistanceKernels& ref = *KernelsFor(SimdLevel::kScalar);
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-2.0f, 2.0f);
  for (const DistanceKernels* k : SimdLevels()) {
    SCOPED_TRACE(SimdLevelName(k->level));
    for (size_t n : Lengths()) {
      std::vector<float> a(n), b(n);
      for (auto& v : a) v = u(rng);
      for (auto& v : b) v = u(rng);
      ExpectClose(ref.l2sq_f32(a.data(), b.data(), n), k->l2sq_f32(a.data(), b.data(), n), n, "l2");
      ExpectClose(ref.dot_f32(a.data(), b.data(), n), k->dot_f32(a.data(), b.data(), n), n, "dot");
      ExpectClose(ref.norm_sq_f32(a.data(), n), k->norm_sq_f32(a.data(), n), n, "norm");
      // Bounded: exact below the bound, ≥ bound otherwise.
      float exact = ref.l2sq_f32(a.data(), b.data(), n);
      for (float bound : {exact * 0.3f, exact * 0.9f, exact * 1.1f, 1e30f}) {
        float got = k->l2sq_f32_bounded(a.data(), b.data(), n, bound);
        if (exact < bound * 0.999f) {
          ExpectClose(exact, got, n, "bounded");
        } else if (exact > bound * 1.001f) {
          EXPECT_GE(got, bound * 0.999f) << "bounded n=" << n;
        }
      }
    }
  }
}

TEST(DistancesTest, BatchedFloatKernelsMatchScalar) {
  const DistanceKernels& ref = *KernelsFor(SimdLevel::kScalar);
  std::mt19937 rng(2);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<const DistanceKernels*> all = SimdLevels();
  all.push_back(&ref);
  for (const DistanceKernels* k : all) {
    SCOPED_TRACE(SimdLevelName(k->level));
    for (size_t n : {1u, 3u, 7u, 8u, 9u, 16u, 31u, 100u, 128u, 784u}) {
      for (size_t rows : {1u, 3u, 4u, 5u, 9u}) {
        std::vector<float> q(n), base(n * rows), l2(rows), dot(rows);
        for (auto& v : q) v = u(rng);
        for (auto& v : base) v = u(rng);
        k->l2sq_f32_many(q.data(), base.data(), rows, n, l2.data());
        k->dot_f32_many(q.data(), base.data(), rows, n, dot.data());
        for (size_t r = 0; r < rows; ++r) {
          ExpectClose(ref.l2sq_f32(q.data(), base.data() + r * n, n), l2[r], n, "l2 many");
          ExpectClose(ref.dot_f32(q.data(), base.data() + r * n, n), dot[r], n, "dot many");
        }
      }
    }
  }
}

TEST(DistancesTest, Int8KernelsMatchScalarExactly) {
  const DistanceKernels& ref = *KernelsFor(SimdLevel::kScalar);
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> full(-128, 127), code(0, 127);
  for (const DistanceKernels* k : SimdLevels()) {
    SCOPED_TRACE(SimdLevelName(k->level));
    for (size_t n : Lengths()) {
      std::vector<int8_t> a(n), b(n);
      std::vector<uint8_t> ua(n);
      for (auto& v : a) v = static_cast<int8_t>(full(rng));
      for (auto& v : b) v = static_cast<int8_t>(full(rng));
      EXPECT_EQ(ref.l2sq_i8(a.data(), b.data(), n), k->l2sq_i8(a.data(), b.data(), n)) << n;
      EXPECT_EQ(ref.dot_i8(a.data(), b.data(), n), k->dot_i8(a.data(), b.data(), n)) << n;
      // 7-bit codes for the u8 × i8 kernel (its documented precondition).
      for (auto& v : ua) v = static_cast<uint8_t>(code(rng));
      for (auto& v : b) v = static_cast<int8_t>(code(rng));
      EXPECT_EQ(ref.dot_u8i8(ua.data(), b.data(), n), k->dot_u8i8(ua.data(), b.data(), n)) << n;
      // Extremes.
      std::fill(a.begin(), a.end(), -128);
      std::fill(b.begin(), b.end(), 127);
      EXPECT_EQ(ref.l2sq_i8(a.data(), b.data(), n), k->l2sq_i8(a.data(), b.data(), n)) << n;
      EXPECT_EQ(ref.dot_i8(a.data(), a.data(), n), k->dot_i8(a.data(), a.data(), n)) << n;
    }
  }
}

TEST(DistancesTest, BatchedInt8KernelMatchesScalar) {
  const DistanceKernels& ref = *KernelsFor(SimdLevel::kScalar);
  std::mt19937 rng(4);
  std::uniform_int_distribution<int> code(0, 127);
  std::vector<const DistanceKernels*> all = SimdLevels();
  all.push_back(&ref);
  for (const DistanceKernels* k : all) {
    for (size_t n : {1u, 17u, 32u, 33u, 64u, 100u, 784u}) {
      size_t stride = n + 3, rows = 7;
      std::vector<uint8_t> q(n);
      std::vector<int8_t> base(stride * rows);
      std::vector<int32_t> out(rows);
      for (auto& v : q) v = static_cast<uint8_t>(code(rng));
      for (auto& v : base) v = static_cast<int8_t>(code(rng));
      k->dot_u8i8_many(q.data(), base.data(), rows, stride, n, out.data());
      for (size_t r = 0; r < rows; ++r) {
        EXPECT_EQ(ref.dot_u8i8(q.data(), base.data() + r * stride, n), out[r]);
      }
    }
  }
}

}  // namespace
}  // namespace quiver::vector
