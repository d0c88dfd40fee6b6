// Filters applied during traversal: recall at 1%, 10% and 50% selectivity for
// every index type, and deleted docs never returned.
#include <gtest/gtest.h>

#include <random>

#include "vector/test_util.h"

namespace quiver::vector {
namespace {

using namespace testing;

const IndexType kAllTypes[] = {IndexType::kFlat,     IndexType::kInt8Flat, IndexType::kHnsw,
                               IndexType::kInt8Hnsw, IndexType::kIvf,      IndexType::kInt8Ivf};

VectorIndexOptions OptionsFor(IndexType type, Metric metric, uint32_t dims) {
  VectorIndexOptions o;
  o.type = type;
  o.metric = metric;
  o.dims = dims;
  o.ivf.nlist = 64;
  o.ivf.nprobe = 8;
  return o;
}

BitsetDocFilter RandomFilter(uint32_t num_docs, uint32_t doc_stride, double selectivity,
                             uint64_t seed) {
  BitsetDocFilter f(num_docs * doc_stride);
  std::mt19937_64 rng(seed);
  std::bernoulli_distribution keep(selectivity);
  for (uint32_t i = 0; i < num_docs; ++i) {
    if (keep(rng)) f.Set(i * doc_stride);
  }
  return f;
}

TEST(FilteredSearchTest, RecallAtEverySelectivity) {
  // Doc ids are sparse (stride 3) as in a segment where not every doc has a
  // vector.
  const uint32_t n = 10000, stride = 3;
  Dataset data = ClusteredDataset(n, 30, 32, 40, 31);
  for (IndexType type : kAllTypes) {
    auto opened = Open(BuildIndex(data, OptionsFor(type, Metric::kL2, 32), stride));
    for (double selectivity : {0.01, 0.1, 0.5}) {
      SCOPED_TRACE(std::string(IndexTypeName(type)) + " selectivity " +
                   std::to_string(selectivity));
      BitsetDocFilter filter = RandomFilter(n, stride, selectivity, 77);
      SearchParams p;
      p.k = 10;
      p.ef_search = 100;
      auto results = SearchAll(*opened.index, data, p, &filter);
      for (const auto& r : results) {
        for (const ScoredDoc& d : r) ASSERT_TRUE(filter.Accept(d.doc)) << d.doc;
      }
      double recall = Recall(GroundTruth(data, Metric::kL2, 10, &filter, stride), results, 10);
      EXPECT_GE(recall, 0.95);
    }
  }
}

TEST(FilteredSearchTest, DeletedDocsAreNeverReturned) {
  const uint32_t n = 3000;
  Dataset data = ClusteredDataset(n, 20, 16, 10, 32);
  for (IndexType type : kAllTypes) {
    SCOPED_TRACE(IndexTypeName(type));
    auto opened = Open(BuildIndex(data, OptionsFor(type, Metric::kCosine, 16)));
    // Delete each query's current top-5, then search again.
    SearchParams p;
    p.k = 5;
    auto before = SearchAll(*opened.index, data, p);
    BitsetDocFilter live(n, true);
    for (const auto& r : before) {
      for (const ScoredDoc& d : r) live.Clear(d.doc);
    }
    auto after = SearchAll(*opened.index, data, p, &live);
    for (const auto& r : after) {
      EXPECT_EQ(r.size(), 5u);
      for (const ScoredDoc& d : r) EXPECT_TRUE(live.Accept(d.doc));
    }
    // A filter accepting nothing returns nothing.
    BitsetDocFilter none(n);
    for (const auto& r : SearchAll(*opened.index, data, p, &none)) EXPECT_TRUE(r.empty());
  }
}

}  // namespace
}  // namespace quiver::vector
