#include "vector/metric.h"

#include <gtest/gtest.h>

namespace quiver::vector {
namespace {

TEST(MetricTest, ParsesEsAndSeedNames) {
  EXPECT_EQ(*ParseMetric("l2_norm"), Metric::kL2);
  EXPECT_EQ(*ParseMetric("l2"), Metric::kL2);
  EXPECT_EQ(*ParseMetric("dot"), Metric::kInnerProduct);
  EXPECT_EQ(*ParseMetric("max_inner_product"), Metric::kInnerProduct);
  EXPECT_EQ(*ParseMetric("cosine"), Metric::kCosine);
  EXPECT_FALSE(ParseMetric("hamming").ok());
  EXPECT_EQ(MetricFor(*ParseEsSimilarity("dot_product")), Metric::kInnerProduct);
}

TEST(MetricTest, EsScoresFollowEsFormulas) {
  // l2_norm: 1 / (1 + d²); the distance is already squared.
  EXPECT_FLOAT_EQ(EsScore(EsSimilarity::kL2Norm, 4.0f, ElementType::kFloat, 3), 0.2f);
  // cosine: (1 + cos) / 2, distance = −cos.
  EXPECT_FLOAT_EQ(EsScore(EsSimilarity::kCosine, -0.5f, ElementType::kFloat, 3), 0.75f);
  // dot_product float: (1 + dot) / 2; byte: 0.5 + dot / (32768 · dims).
  EXPECT_FLOAT_EQ(EsScore(EsSimilarity::kDotProduct, -0.2f, ElementType::kFloat, 3), 0.6f);
  EXPECT_FLOAT_EQ(EsScore(EsSimilarity::kDotProduct, -1000.0f, ElementType::kByte, 4),
                  0.5f + 1000.0f / (32768.0f * 4));
  // max_inner_product: dot < 0 ? 1 / (1 − dot) : dot + 1.
  EXPECT_FLOAT_EQ(EsScore(EsSimilarity::kMaxInnerProduct, 3.0f, ElementType::kFloat, 3), 0.25f);
  EXPECT_FLOAT_EQ(EsScore(EsSimilarity::kMaxInnerProduct, -3.0f, ElementType::kFloat, 3), 4.0f);
  EXPECT_FLOAT_EQ(SimilarityFromDistance(Metric::kInnerProduct, -2.0f), 2.0f);
}

}  // namespace
}  // namespace quiver::vector
