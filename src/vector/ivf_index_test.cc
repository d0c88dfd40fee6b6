#include "vector/ivf_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <span>

#include "vector/kmeans.h"
#include "vector/test_util.h"

namespace quiver::vector {
namespace {

using namespace testing;

VectorIndexOptions IvfOptionsFor(IndexType type, Metric metric, uint32_t dims, uint32_t nlist) {
  VectorIndexOptions o;
  o.type = type;
  o.metric = metric;
  o.dims = dims;
  o.ivf.nlist = nlist;
  o.ivf.nprobe = 10;
  return o;
}

TEST(IvfIndexTest, RecallAgainstFlatForEveryMetric) {
  for (IndexType type : {IndexType::kIvf, IndexType::kInt8Ivf}) {
    for (bool clustered : {false, true}) {
      Dataset data =
          clustered ? ClusteredDataset(8000, 40, 32, 40, 13) : RandomDataset(8000, 40, 32, 13);
      for (Metric metric : {Metric::kL2, Metric::kInnerProduct, Metric::kCosine}) {
        SCOPED_TRACE(std::string(IndexTypeName(type)) + "/" + MetricName(metric) +
                     (clustered ? "/clustered" : "/random"));
        auto opened = Open(BuildIndex(data, IvfOptionsFor(type, metric, 32, 64)));
        auto* ivf = dynamic_cast<const IvfIndex*>(opened.index.get());
        ASSERT_NE(ivf, nullptr);
        EXPECT_TRUE(ivf->is_trained());
        SearchParams p;
        p.k = 10;
        // Uniform random data has no cluster structure: probe more lists.
        p.nprobe = clustered ? 8 : 40;
        double recall =
            Recall(GroundTruth(data, metric, 10), SearchAll(*opened.index, data, p), 10);
        EXPECT_GE(recall, 0.95);
      }
    }
  }
}

TEST(IvfIndexTest, UntrainedIndexSearchesExactly) {
  Dataset data = RandomDataset(1000, 20, 16, 14);
  // 1000 < 39 × 100: not trained.
  auto opened = Open(BuildIndex(data, IvfOptionsFor(IndexType::kIvf, Metric::kL2, 16, 100)));
  auto* ivf = dynamic_cast<const IvfIndex*>(opened.index.get());
  ASSERT_NE(ivf, nullptr);
  EXPECT_FALSE(ivf->is_trained());
  VectorIndexStats s = ivf->Stats();
  EXPECT_FALSE(s.is_trained);
  EXPECT_EQ(s.nlist, 0u);
  EXPECT_EQ(s.num_vectors, 1000u);
  SearchParams p;
  p.k = 10;
  p.nprobe = 1;
  EXPECT_DOUBLE_EQ(Recall(GroundTruth(data, Metric::kL2, 10), SearchAll(*ivf, data, p), 10), 1.0);
}

// Wide L2 vectors take the early-abandoning paths (centroid ranking and list
// scan): the probed lists must be the exact nearest centroids and the result
// the exact top k of those lists (distances up to kernel rounding).
TEST(IvfIndexTest, EarlyAbandoningMatchesExactScanOfProbedLists) {
  const uint32_t dims = 136;
  Dataset data = ClusteredDataset(6000, 20, dims, 24, 17);
  auto opened = Open(BuildIndex(data, IvfOptionsFor(IndexType::kIvf, Metric::kL2, dims, 32)));
  auto* ivf = dynamic_cast<const IvfIndex*>(opened.index.get());
  ASSERT_NE(ivf, nullptr);
  ASSERT_TRUE(ivf->is_trained());
  const VectorStore& store = ivf->store();
  const auto l2 = Kernels().l2sq_f32;
  for (uint32_t nprobe : {1u, 3u}) {
    for (uint32_t q = 0; q < data.num_queries(); ++q) {
      std::span<const float> query(data.Query(q), dims);
      PreparedQuery prepared(store, query);
      std::vector<DistId> lists;
      for (uint32_t l = 0; l < ivf->nlist(); ++l) {
        lists.push_back(
            DistId{l2(prepared.floats(), ivf->centroids() + size_t{l} * dims, dims), l});
      }
      std::sort(lists.begin(), lists.end());
      std::vector<uint32_t> probe = ivf->ProbeOrder(query, nprobe);
      ASSERT_EQ(probe.size(), nprobe);
      std::vector<DistId> hits;
      for (uint32_t i = 0; i < nprobe; ++i) {
        EXPECT_EQ(probe[i], lists[i].id) << "query " << q;
        uint32_t begin = 0;
        for (uint32_t l = 0; l < lists[i].id; ++l) begin += ivf->ListSize(l);
        for (uint32_t ord = begin; ord < begin + ivf->ListSize(lists[i].id); ++ord) {
          hits.push_back(DistId{l2(prepared.floats(), store.Vector(ord), dims), ord});
        }
      }
      std::sort(hits.begin(), hits.end());
      SearchParams p;
      p.k = 10;
      p.nprobe = nprobe;
      auto r = ivf->Search(query, p);
      ASSERT_TRUE(r.ok());
      ASSERT_EQ(r->size(), std::min<size_t>(10, hits.size()));
      for (size_t i = 0; i < r->size(); ++i) {
        EXPECT_EQ((*r)[i].doc, store.doc_ids[hits[i].id]) << "query " << q << " nprobe " << nprobe;
        EXPECT_FLOAT_EQ((*r)[i].distance, hits[i].distance);
      }
    }
  }
}

TEST(IvfIndexTest, StatsDescribeLists) {
  Dataset data = ClusteredDataset(4000, 1, 16, 10, 15);
  auto opened = Open(BuildIndex(data, IvfOptionsFor(IndexType::kIvf, Metric::kL2, 16, 50)));
  VectorIndexStats s = opened.index->Stats();
  EXPECT_TRUE(s.is_trained);
  EXPECT_EQ(s.nlist, 50u);
  EXPECT_EQ(s.default_nprobe, 10u);
  EXPECT_EQ(s.dims, 16u);
  EXPECT_DOUBLE_EQ(s.avg_list_size, 80.0);
  EXPECT_LE(s.min_list_size, 80u);
  EXPECT_GE(s.max_list_size, 80u);
  auto* ivf = dynamic_cast<const IvfIndex*>(opened.index.get());
  uint32_t total = 0;
  for (uint32_t l = 0; l < ivf->nlist(); ++l) total += ivf->ListSize(l);
  EXPECT_EQ(total, 4000u);
}

}  // namespace
}  // namespace quiver::vector

namespace quiver::vector {
namespace {

using namespace testing;

TEST(IvfIndexTest, PretrainedCentroidsWorkForSmallSegments) {
  // Centroids trained once (the seed plugin's _ivf/train) and reused for a
  // segment smaller than nlist: still opens and searches.
  Dataset train = ClusteredDataset(4000, 0, 64, 16, 16);
  KMeansOptions km;
  km.num_clusters = 32;
  std::vector<float> centroids = TrainKMeans(train.base.data(), train.size(), 64, Metric::kL2, km);
  Dataset small = ClusteredDataset(20, 5, 64, 16, 16);
  VectorIndexOptions o = IvfOptionsFor(IndexType::kIvf, Metric::kL2, 64, 32);
  o.ivf.centroids = centroids;
  auto opened = Open(BuildIndex(small, o));
  ASSERT_TRUE(opened.index);
  EXPECT_TRUE(opened.index->Stats().is_trained);
  SearchParams p;
  p.k = 5;
  p.nprobe = 32;
  EXPECT_DOUBLE_EQ(
      Recall(GroundTruth(small, Metric::kL2, 5), SearchAll(*opened.index, small, p), 5), 1.0);
}

}  // namespace
}  // namespace quiver::vector
