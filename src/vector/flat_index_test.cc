#include "vector/flat_index.h"

#include <gtest/gtest.h>

#include <cmath>

#include "vector/test_util.h"

namespace quiver::vector {
namespace {

using namespace testing;

TEST(FlatIndexTest, ExactForEveryMetric) {
  Dataset data = RandomDataset(3000, 30, 40, 1);
  for (Metric metric : {Metric::kL2, Metric::kInnerProduct, Metric::kCosine}) {
    VectorIndexOptions o;
    o.type = IndexType::kFlat;
    o.metric = metric;
    o.dims = 40;
    auto opened = Open(BuildIndex(data, o));
    SearchParams p;
    p.k = 10;
    auto results = SearchAll(*opened.index, data, p);
    EXPECT_GE(Recall(GroundTruth(data, metric, 10), results, 10), 0.999) << MetricName(metric);
    // Distances are the library convention and ascending.
    for (const auto& r : results) {
      ASSERT_EQ(r.size(), 10u);
      for (size_t i = 1; i < r.size(); ++i) EXPECT_LE(r[i - 1].distance, r[i].distance);
    }
  }
}

TEST(FlatIndexTest, CosineReturnsTrueCosine) {
  Dataset data = RandomDataset(200, 1, 8, 2);
  VectorIndexOptions o;
  o.type = IndexType::kFlat;
  o.metric = Metric::kCosine;
  o.dims = 8;
  auto opened = Open(BuildIndex(data, o));
  std::vector<float> q(data.Query(0), data.Query(0) + 8);
  auto r = opened.index->Search(q, SearchParams{});
  ASSERT_TRUE(r.ok());
  const float* x = data.Base((*r)[0].doc);
  double dot = 0, nq = 0, nx = 0;
  for (int i = 0; i < 8; ++i) {
    dot += q[i] * x[i];
    nq += q[i] * q[i];
    nx += x[i] * x[i];
  }
  EXPECT_NEAR(SimilarityFromDistance(Metric::kCosine, (*r)[0].distance), dot / std::sqrt(nq * nx),
              1e-5);
}

TEST(FlatIndexTest, Int8FlatRecallAfterRescoring) {
  for (bool clustered : {false, true}) {
    Dataset data =
        clustered ? ClusteredDataset(5000, 40, 64, 30, 3) : RandomDataset(5000, 40, 64, 3);
    for (Metric metric : {Metric::kL2, Metric::kInnerProduct, Metric::kCosine}) {
      VectorIndexOptions o;
      o.type = IndexType::kInt8Flat;
      o.metric = metric;
      o.dims = 64;
      auto opened = Open(BuildIndex(data, o));
      SearchParams p;
      p.k = 10;
      double recall = Recall(GroundTruth(data, metric, 10), SearchAll(*opened.index, data, p), 10);
      EXPECT_GE(recall, 0.95) << MetricName(metric) << " clustered=" << clustered;
      VectorIndexStats s = opened.index->Stats();
      EXPECT_EQ(s.rescore_memory_bytes, size_t{5000} * 64 * 4);
      EXPECT_LT(s.search_memory_bytes, size_t{5000} * 64 * 4 / 2);
    }
  }
}

}  // namespace
}  // namespace quiver::vector
