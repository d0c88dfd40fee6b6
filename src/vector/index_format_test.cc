// Serialization round trips and corruption handling for every index type.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>

#include "vector/test_util.h"
#include "vector/vector_index_reader.h"

namespace quiver::vector {
namespace {

using testing::BuildIndex;
using testing::ClusteredDataset;
using testing::Dataset;
using testing::SearchAll;

const IndexType kAllTypes[] = {IndexType::kFlat,     IndexType::kInt8Flat, IndexType::kHnsw,
                               IndexType::kInt8Hnsw, IndexType::kIvf,      IndexType::kInt8Ivf};

VectorIndexOptions Options(IndexType type, Metric metric, uint32_t dims) {
  VectorIndexOptions o;
  o.type = type;
  o.metric = metric;
  o.dims = dims;
  o.ivf.nlist = 8;
  o.ivf.nprobe = 3;
  return o;
}

bool SameResults(const std::vector<std::vector<ScoredDoc>>& a,
                 const std::vector<std::vector<ScoredDoc>>& b) {
  if (a.size() != b.size()) return false;
  for (size_t q = 0; q < a.size(); ++q) {
    if (a[q].size() != b[q].size()) return false;
    for (size_t i = 0; i < a[q].size(); ++i) {
      if (a[q][i].doc != b[q][i].doc || a[q][i].distance != b[q][i].distance) return false;
    }
  }
  return true;
}

TEST(IndexFormatTest, RoundTripGivesIdenticalResultsAndAlignedSections) {
  Dataset data = ClusteredDataset(800, 10, 24, 10, 11);
  for (IndexType type : kAllTypes) {
    for (Metric metric : {Metric::kL2, Metric::kInnerProduct, Metric::kCosine}) {
      SCOPED_TRACE(std::string(IndexTypeName(type)) + "/" + MetricName(metric));
      std::string bytes = BuildIndex(data, Options(type, metric, 24));
      ASSERT_EQ(bytes.size() % 64, 0u);
      auto a = testing::Open(bytes);
      auto b = testing::Open(bytes);
      ASSERT_TRUE(a.index && b.index);
      EXPECT_EQ(a.index->type(), type);
      EXPECT_EQ(a.index->size(), 800u);
      SearchParams p;
      p.k = 10;
      EXPECT_TRUE(SameResults(SearchAll(*a.index, data, p), SearchAll(*b.index, data, p)));
      // Every doc is stored once and its original vector comes back.
      std::vector<bool> seen(800, false);
      std::vector<float> v(24);
      for (uint32_t ord = 0; ord < a.index->size(); ++ord) {
        uint32_t doc = a.index->DocAt(ord);
        ASSERT_LT(doc, 800u);
        EXPECT_FALSE(seen[doc]);
        seen[doc] = true;
        a.index->GetVector(ord, v.data());
        for (uint32_t j = 0; j < 24; ++j) EXPECT_NEAR(v[j], data.Base(doc)[j], 1e-4f);
      }
    }
  }
}

TEST(IndexFormatTest, EmptyIndexRoundTrips) {
  for (IndexType type : kAllTypes) {
    VectorIndexWriter writer(Options(type, Metric::kL2, 8));
    auto bytes = writer.Finish();
    ASSERT_TRUE(bytes.ok()) << IndexTypeName(type);
    auto opened = testing::Open(*bytes);
    ASSERT_TRUE(opened.index);
    std::vector<float> q(8, 0.5f);
    auto r = opened.index->Search(q, SearchParams{});
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->empty());
  }
}

TEST(IndexFormatTest, RejectsBadQueries) {
  Dataset data = ClusteredDataset(100, 1, 8, 4, 3);
  auto opened = testing::Open(BuildIndex(data, Options(IndexType::kHnsw, Metric::kL2, 8)));
  std::vector<float> wrong(7, 0.0f);
  EXPECT_EQ(opened.index->Search(wrong, SearchParams{}).status().code(),
            StatusCode::kInvalidArgument);
  std::vector<float> nan(8, std::numeric_limits<float>::quiet_NaN());
  EXPECT_FALSE(opened.index->Search(nan, SearchParams{}).ok());
  SearchParams zero;
  zero.k = 0;
  EXPECT_FALSE(opened.index->Search(std::vector<float>(8, 0.f), zero).ok());
}

// A flipped byte is either detected on open, or lands in padding and changes
// nothing; a truncated buffer is always rejected. Never a crash.
TEST(IndexFormatTest, CorruptionIsDetectedNeverCrashes) {
  Dataset data = ClusteredDataset(300, 5, 16, 6, 21);
  std::mt19937 rng(99);
  SearchParams p;
  p.k = 5;
  for (IndexType type : kAllTypes) {
    SCOPED_TRACE(IndexTypeName(type));
    std::string bytes = BuildIndex(data, Options(type, Metric::kCosine, 16));
    auto clean = testing::Open(bytes);
    auto expected = SearchAll(*clean.index, data, p);
    int detected = 0;
    for (int trial = 0; trial < 150; ++trial) {
      std::string bad = bytes;
      size_t pos = std::uniform_int_distribution<size_t>(0, bad.size() - 1)(rng);
      bad[pos] = static_cast<char>(bad[pos] ^ (1 + rng() % 255));
      void* mem = std::aligned_alloc(64, bad.size());
      std::memcpy(mem, bad.data(), bad.size());
      auto index = OpenVectorIndex(std::string_view(static_cast<char*>(mem), bad.size()));
      if (!index.ok()) {
        ++detected;
        EXPECT_EQ(index.status().code(), StatusCode::kCorruption);
      } else {
        EXPECT_TRUE(SameResults(expected, SearchAll(**index, data, p))) << "byte " << pos;
      }
      std::free(mem);
    }
    EXPECT_GT(detected, 100);
    for (size_t len : {size_t{0}, size_t{10}, size_t{63}, size_t{64}, size_t{200}, bytes.size() / 2,
                       bytes.size() - 64, bytes.size() - 1}) {
      void* mem = std::aligned_alloc(64, bytes.size());
      std::memcpy(mem, bytes.data(), bytes.size());
      auto index = OpenVectorIndex(std::string_view(static_cast<char*>(mem), len));
      EXPECT_FALSE(index.ok()) << "truncated to " << len;
      std::free(mem);
    }
  }
}

TEST(IndexFormatTest, PayloadChecksumCanBeSkippedButIndicesAreAlwaysChecked) {
  Dataset data = ClusteredDataset(300, 1, 16, 6, 22);
  std::string bytes = BuildIndex(data, Options(IndexType::kHnsw, Metric::kL2, 16));
  auto opened = testing::Open(bytes);
  // Flip a byte inside the vectors section (after doc ids): detected only with
  // verify_checksums.
  size_t vec_pos = bytes.size() / 4;
  std::string bad = bytes;
  bad[vec_pos] ^= 0x40;
  void* mem = std::aligned_alloc(64, bad.size());
  std::memcpy(mem, bad.data(), bad.size());
  std::string_view view(static_cast<char*>(mem), bad.size());
  EXPECT_FALSE(OpenVectorIndex(view).ok());
  OpenOptions fast;
  fast.verify_checksums = false;
  auto r = OpenVectorIndex(view, fast);
  if (r.ok()) {
    std::vector<float> q(data.Query(0), data.Query(0) + 16);
    EXPECT_TRUE((*r)->Search(q, SearchParams{}).ok());
  }
  std::free(mem);
}

}  // namespace
}  // namespace quiver::vector
