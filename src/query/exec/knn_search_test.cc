// kNN through the segment layer: vector indexes built by the segment builder
// at refresh, reopened from the segment bytes, merged with deletions, and
// searched with filters; recall is checked against exact search.
#include "query/exec/knn_search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "query/exec/exec_test_util.h"
#include "segment/segment_merger.h"

namespace quiver::query {
namespace {

constexpr int kDims = 16;
constexpr int kDocs = 600;  // two segments of 300

std::vector<std::vector<float>> RandomVectors(int n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> dist(0, 1);
  std::vector<std::vector<float>> out(n, std::vector<float>(kDims));
  for (auto& v : out) {
    // Clustered: 8 centres plus noise, so IVF lists are meaningful.
    int c = static_cast<int>(rng() % 8);
    for (int d = 0; d < kDims; ++d) v[d] = static_cast<float>(c * (d % 3)) + dist(rng) * 0.5f;
  }
  return out;
}

std::string VectorJson(const std::vector<float>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i > 0) s += ",";
    s += std::to_string(v[i]);
  }
  return s + "]";
}

float L2(const std::vector<float>& a, const std::vector<float>& b) {
  float s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += (a[i] - b[i]) * (a[i] - b[i]);
  return s;
}

class KnnSearchTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string type = GetParam();
    shard_ = std::make_unique<TestShard>(
        R"({"properties":{"tag":{"type":"keyword"},"v":{"type":"dense_vector","dims":)" +
        std::to_string(kDims) + R"(,"similarity":"l2_norm","index_options":{"type":")" + type +
        "\"" + (type.find("ivf") != std::string::npos ? R"(,"nlist":4,"nprobe":4)" : "") + "}}}}");
    vectors_ = RandomVectors(kDocs, 7);
    for (int seg = 0; seg < 2; ++seg) {
      std::vector<std::string> docs;
      for (int i = seg * kDocs / 2; i < (seg + 1) * kDocs / 2; ++i) {
        // Doc 17 of each ten-block has no vector: absent from the index.
        if (i % 50 == 17) {
          docs.push_back(R"({"tag":"none"})");
          continue;
        }
        docs.push_back(R"({"tag":")" + std::string(i % 10 == 3 ? "ten" : "other") + R"(","v":)" +
                       VectorJson(vectors_[i]) + "}");
      }
      shard_->AddSegment(docs);
    }
  }

  // The vector index (= _id) of a hit.
  int IdOf(const segment::SegmentSet& set, const ScoredSegmentDoc& h) {
    return std::stoi(std::string(set.segments[h.segment].reader->ids().id(h.doc)));
  }
  bool Deleted(int id) const { return deleted_.count(id) > 0; }

  std::vector<int> Exact(const std::vector<float>& q, size_t k, bool only_ten) {
    std::vector<std::pair<float, int>> all;
    for (int i = 0; i < kDocs; ++i) {
      if (i % 50 == 17 || Deleted(i) || (only_ten && i % 10 != 3)) continue;
      all.push_back({L2(q, vectors_[i]), i});
    }
    std::sort(all.begin(), all.end());
    std::vector<int> out;
    for (size_t i = 0; i < k && i < all.size(); ++i) out.push_back(all[i].second);
    return out;
  }

  // Average recall@10 over queries, checking every hit's score and filter.
  double Recall(const std::shared_ptr<const segment::SegmentSet>& set, bool only_ten) {
    auto queries = RandomVectors(30, 99);
    double found = 0, total = 0;
    for (const auto& q : queries) {
      KnnQuery knn;
      knn.field = "v";
      knn.vector = q;
      knn.k = 10;
      knn.num_candidates = 100;
      if (only_ten) knn.filter = MakeQuery(TermQuery{"tag", "ten"});
      auto hits = SearchKnnShard(set, knn);
      EXPECT_TRUE(hits.ok()) << hits.status().ToString();
      if (!hits.ok()) return 0;
      std::vector<int> exact = Exact(q, 10, only_ten);
      std::set<int> truth(exact.begin(), exact.end());
      EXPECT_EQ(hits->size(), exact.size());
      for (size_t i = 0; i < hits->size(); ++i) {
        int id = IdOf(*set, (*hits)[i]);
        EXPECT_FALSE(Deleted(id)) << id;
        if (only_ten) EXPECT_EQ(id % 10, 3) << id;
        if (i > 0) EXPECT_LE((*hits)[i].score, (*hits)[i - 1].score);
        // ES l2_norm score: 1 / (1 + ‖q − x‖²); int8 types rescore with floats.
        EXPECT_NEAR((*hits)[i].score, 1.0f / (1.0f + L2(q, vectors_[id])), 1e-3);
        found += truth.count(id);
      }
      total += static_cast<double>(exact.size());
    }
    return found / total;
  }

  void Delete(int id) {
    const auto& set = *shard_->set();
    int seg = id < kDocs / 2 ? 0 : 1;
    shard_->Delete(static_cast<size_t>(seg), static_cast<uint32_t>(id - seg * kDocs / 2));
    deleted_.insert(id);
    (void)set;
  }

  std::unique_ptr<TestShard> shard_;
  std::vector<std::vector<float>> vectors_;
  std::set<int> deleted_;
};

TEST_P(KnnSearchTest, RecallFiltersDeletesAndMerge) {
  auto set = shard_->set();
  ASSERT_EQ(set->segments.size(), 2u);
  const segment::FieldReaders* f = set->segments[0].reader->field("v");
  ASSERT_NE(f, nullptr);
  ASSERT_TRUE(f->vectors);
  EXPECT_EQ(f->vectors->size(), 294u);  // 300 docs, 6 without a vector
  EXPECT_EQ(std::string(vector::IndexTypeName(f->info.vector->index.type)),
            GetParam() == "int4_hnsw" ? "int8_hnsw" : GetParam());

  EXPECT_GE(Recall(shard_->set(), false), 0.9);
  EXPECT_GE(Recall(shard_->set(), true), 0.9);

  // Deleted docs are never returned: delete the current best hits.
  for (int i = 0; i < kDocs; i += 3) Delete(i);
  EXPECT_GE(Recall(shard_->set(), false), 0.9);
  EXPECT_GE(Recall(shard_->set(), true), 0.9);

  // Merge both segments (purging deletions) and search the merged segment.
  std::string bytes;
  segment::StringSink sink(&bytes);
  segment::SegmentFileWriter w(&sink, 9);
  auto merged = segment::MergeSegments(shard_->set()->segments, 0, &w);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  ASSERT_TRUE(w.Finish().ok());
  auto reader = segment::SegmentReader::Open(std::make_shared<StringBlob>(std::move(bytes)));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const segment::FieldReaders* mf = (*reader)->field("v");
  ASSERT_NE(mf, nullptr);
  ASSERT_TRUE(mf->vectors);
  EXPECT_EQ(mf->vectors->size(), 588u - 200u + 4u);  // live docs with a vector
  auto set2 = std::make_shared<segment::SegmentSet>();
  set2->segments.push_back(
      {*reader, std::make_shared<const segment::LiveDocs>((*reader)->num_docs())});
  EXPECT_GE(Recall(set2, false), 0.9);
  EXPECT_GE(Recall(set2, true), 0.9);
}

TEST_P(KnnSearchTest, SimilarityThresholdAndWrongDims) {
  KnnQuery knn;
  knn.field = "v";
  knn.vector = vectors_[5];
  knn.k = 5;
  knn.num_candidates = 50;
  knn.similarity = 0.001f;  // l2_norm: at most this distance, so only doc 5 itself
  auto hits = SearchKnnShard(shard_->set(), knn);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ(IdOf(*shard_->set(), (*hits)[0]), 5);
  EXPECT_NEAR((*hits)[0].score, 1.0f, 1e-3);
  knn.vector.pop_back();
  EXPECT_FALSE(SearchKnnShard(shard_->set(), knn).ok());
}

INSTANTIATE_TEST_SUITE_P(Types, KnnSearchTest,
                         ::testing::Values("hnsw", "int8_hnsw", "flat", "int8_flat", "ivf",
                                           "int8_ivf"));

// An unfitted IVF (fewer than 39 × nlist vectors) answers exactly.
TEST(KnnSearchIvfTest, UntrainedIvfIsExact) {
  TestShard shard(R"({"properties":{"v":{"type":"dense_vector","dims":4,"similarity":"l2_norm",)"
                  R"("index_options":{"type":"ivf","nlist":100,"nprobe":1}}}})");
  std::vector<std::string> docs;
  for (int i = 0; i < 100; ++i) {
    docs.push_back(R"({"v":[)" + std::to_string(i) + ",0,0,0]}");
  }
  shard.AddSegment(docs);
  const auto* f = shard.set()->segments[0].reader->field("v");
  ASSERT_TRUE(f && f->vectors);
  EXPECT_FALSE(f->vectors->Stats().is_trained);
  KnnQuery knn;
  knn.field = "v";
  knn.vector = {41.2f, 0, 0, 0};
  knn.k = 3;
  knn.num_candidates = 3;
  auto hits = SearchKnnShard(shard.set(), knn);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 3u);
  EXPECT_EQ((*hits)[0].doc, 41u);
  EXPECT_EQ((*hits)[1].doc, 42u);
  EXPECT_EQ((*hits)[2].doc, 40u);
}

}  // namespace
}  // namespace quiver::query
