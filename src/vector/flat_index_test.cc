#include "vector/flat_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <span>

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

// Rows of ≥ 96 dimensions are scanned with the early-abandoning kernel once
// the top k is full: the result must equal a full-distance scan exactly
// (docs and tie order; distances up to the rounding of the batched kernel
// that scores the first rows), including a tail not a multiple of 8.
TEST(FlatIndexTest, EarlyAbandoningScanMatchesFullScan) {
  for (uint32_t dims : {96u, 203u}) {
    Dataset data = ClusteredDataset(3000, 20, dims, 15, 4);
    VectorIndexOptions o;
    o.type = IndexType::kFlat;
    o.metric = Metric::kL2;
    o.dims = dims;
    auto opened = Open(BuildIndex(data, o));
    const VectorStore& store = opened.index->store();
    SearchParams p;
    p.k = 10;
    for (uint32_t q = 0; q < data.num_queries(); ++q) {
      PreparedQuery prepared(store, std::span<const float>(data.Query(q), dims));
      std::vector<DistId> all;
      for (uint32_t ord = 0; ord < store.num_vectors; ++ord) {
        all.push_back(DistId{Kernels().l2sq_f32(prepared.floats(), store.Vector(ord), dims), ord});
      }
      std::sort(all.begin(), all.end());
      auto r = opened.index->Search(std::span<const float>(data.Query(q), dims), p);
      ASSERT_TRUE(r.ok());
      ASSERT_EQ(r->size(), 10u);
      for (size_t i = 0; i < 10; ++i) {
        EXPECT_EQ((*r)[i].doc, store.doc_ids[all[i].id]) << "dims " << dims << " query " << q;
        EXPECT_FLOAT_EQ((*r)[i].distance, all[i].distance);
      }
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
