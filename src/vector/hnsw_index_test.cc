#include "vector/hnsw_index.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "vector/hnsw_serializer.h"
#include "vector/test_util.h"

namespace quiver::vector {
namespace {

using namespace testing;

VectorIndexOptions HnswOptionsFor(IndexType type, Metric metric, uint32_t dims) {
  VectorIndexOptions o;
  o.type = type;
  o.metric = metric;
  o.dims = dims;
  o.hnsw.m = 16;
  o.hnsw.ef_construction = 100;
  return o;
}

struct Case {
  IndexType type;
  bool clustered;
};

TEST(HnswIndexTest, RecallAgainstFlatForEveryMetric) {
  for (Case c : {Case{IndexType::kHnsw, false}, Case{IndexType::kHnsw, true},
                 Case{IndexType::kInt8Hnsw, false}, Case{IndexType::kInt8Hnsw, true}}) {
    Dataset data =
        c.clustered ? ClusteredDataset(8000, 50, 32, 40, 7) : RandomDataset(8000, 50, 32, 7);
    for (Metric metric : {Metric::kL2, Metric::kInnerProduct, Metric::kCosine}) {
      SCOPED_TRACE(std::string(IndexTypeName(c.type)) + "/" + MetricName(metric) +
                   (c.clustered ? "/clustered" : "/random"));
      auto opened = Open(BuildIndex(data, HnswOptionsFor(c.type, metric, 32)));
      SearchParams p;
      p.k = 10;
      p.ef_search = 200;
      double recall = Recall(GroundTruth(data, metric, 10), SearchAll(*opened.index, data, p), 10);
      EXPECT_GE(recall, 0.95);
    }
  }
}

TEST(HnswIndexTest, Int8GraphIsSmallerThanFloat) {
  Dataset data = ClusteredDataset(5000, 1, 128, 20, 8);
  auto f = Open(BuildIndex(data, HnswOptionsFor(IndexType::kHnsw, Metric::kL2, 128)));
  auto q = Open(BuildIndex(data, HnswOptionsFor(IndexType::kInt8Hnsw, Metric::kL2, 128)));
  double ratio = static_cast<double>(q.index->Stats().search_memory_bytes) /
                 static_cast<double>(f.index->Stats().search_memory_bytes);
  EXPECT_LE(ratio, 0.35);
  EXPECT_EQ(q.index->Stats().hnsw_m, 16u);
}

TEST(HnswIndexTest, ParallelBuildKeepsRecall) {
  Dataset data = ClusteredDataset(10000, 40, 32, 40, 9);
  VectorIndexOptions o = HnswOptionsFor(IndexType::kHnsw, Metric::kL2, 32);
  o.num_threads = 2;
  auto opened = Open(BuildIndex(data, o));
  SearchParams p;
  p.k = 10;
  p.ef_search = 100;
  EXPECT_GE(Recall(GroundTruth(data, Metric::kL2, 10), SearchAll(*opened.index, data, p), 10),
            0.95);
}

TEST(HnswIndexTest, ConcurrentSearchesOnOneReaderAgree) {
  Dataset data = ClusteredDataset(5000, 40, 32, 20, 10);
  auto opened = Open(BuildIndex(data, HnswOptionsFor(IndexType::kInt8Hnsw, Metric::kCosine, 32)));
  SearchParams p;
  p.k = 10;
  auto expected = SearchAll(*opened.index, data, p);
  BitsetDocFilter odd(5000);
  for (uint32_t d = 1; d < 5000; d += 2) odd.Set(d);
  auto expected_filtered = SearchAll(*opened.index, data, p, &odd);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int rep = 0; rep < 5; ++rep) {
        auto got = SearchAll(*opened.index, data, p);
        auto got_f = SearchAll(*opened.index, data, p, &odd);
        for (size_t q = 0; q < got.size(); ++q) {
          for (size_t i = 0; i < got[q].size(); ++i) {
            if (got[q][i].doc != expected[q][i].doc) ++mismatches;
          }
          for (size_t i = 0; i < got_f[q].size(); ++i) {
            if (got_f[q][i].doc != expected_filtered[q][i].doc) ++mismatches;
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(HnswIndexTest, UnreorderedAndPackedEncodingsMatch) {
  // Same graph serialized both ways gives the same answers.
  Dataset data = ClusteredDataset(2000, 20, 16, 10, 12);
  StoredVectorsWriter v1(Metric::kL2, 16), v2(Metric::kL2, 16);
  for (uint32_t i = 0; i < data.size(); ++i) {
    v1.Add(i, data.Base(i));
    v2.Add(i, data.Base(i));
  }
  HnswBuilder b1(HnswOptions{}, v1.View());
  ASSERT_TRUE(b1.Build().ok());
  HnswBuilder b2(HnswOptions{}, v2.View());
  ASSERT_TRUE(b2.Build().ok());
  HnswSerializeOptions fixed, packed;
  fixed.encoding = format::Level0Encoding::kFixed;
  packed.encoding = format::Level0Encoding::kPacked;
  auto a = Open(SerializeHnswIndex(b1, &v1, fixed));
  auto b = Open(SerializeHnswIndex(b2, &v2, packed));
  SearchParams p;
  p.k = 10;
  auto ra = SearchAll(*a.index, data, p), rb = SearchAll(*b.index, data, p);
  for (size_t q = 0; q < ra.size(); ++q) {
    ASSERT_EQ(ra[q].size(), rb[q].size());
    for (size_t i = 0; i < ra[q].size(); ++i) EXPECT_EQ(ra[q][i].doc, rb[q][i].doc);
  }
}

}  // namespace
}  // namespace quiver::vector
