#include "vector/scalar_quantizer.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "vector/distances.h"

namespace quiver::vector {
namespace {

TEST(ScalarQuantizerTest, CodesAreSevenBitAndDistancesApproximate) {
  const uint32_t dims = 64, n = 500;
  std::mt19937 rng(5);
  std::normal_distribution<float> g(0.3f, 1.0f);
  std::vector<float> data(size_t{n} * dims);
  for (float& v : data) v = g(rng);
  for (Metric metric : {Metric::kL2, Metric::kInnerProduct}) {
    ScalarQuantizer q = ScalarQuantizer::Train(data.data(), n, dims, metric);
    EXPECT_LT(q.min(), q.max());
    std::vector<int8_t> codes(size_t{n} * dims);
    std::vector<float> corr(n);
    for (uint32_t i = 0; i < n; ++i)
      q.Encode(&data[size_t{i} * dims], &codes[size_t{i} * dims], &corr[i]);
    for (int8_t c : codes) {
      EXPECT_GE(c, 0);
      EXPECT_LE(c, 127);
    }
    double err = 0, scale = 0;
    for (uint32_t i = 1; i < n; ++i) {
      const float* a = &data[0];
      const float* b = &data[size_t{i} * dims];
      float exact = metric == Metric::kL2 ? L2Sqr(a, b, dims) : -Dot(a, b, dims);
      int32_t dot = Kernels().dot_u8i8(reinterpret_cast<const uint8_t*>(&codes[0]),
                                       &codes[size_t{i} * dims], dims);
      float approx = q.Distance(dot, corr[0], corr[i]);
      err += std::fabs(exact - approx);
      scale += std::fabs(exact);
    }
    EXPECT_LT(err / scale, 0.08) << MetricName(metric);
  }
}

}  // namespace
}  // namespace quiver::vector
