// Merges of several segments with deletions, checked against a naive index
// rebuilt from the surviving documents.
#include "text/merge_source.h"

#include <gtest/gtest.h>

#include <random>

#include "text/text_test_util.h"

namespace quiver::text {
namespace {

using testing::BuildField;
using testing::CorpusOptions;
using testing::Doc;
using testing::MakeCorpus;
using testing::NaiveIndex;

struct MergeCase {
  IndexOptions input_options;
  IndexOptions output_options;
  bool has_norms;
};

void RunMerge(const MergeCase& c, uint64_t seed) {
  std::mt19937 rng(static_cast<uint32_t>(seed));
  const int num_inputs = 1 + static_cast<int>(rng() % 4);
  std::vector<std::vector<Doc>> segments;
  std::vector<std::unique_ptr<testing::BuiltField>> built;
  for (int i = 0; i < num_inputs; ++i) {
    CorpusOptions corpus;
    corpus.num_docs = 200 + rng() % 1500;
    corpus.vocabulary = 800;
    segments.push_back(MakeCorpus(seed * 10 + i, corpus));
    built.push_back(BuildField(segments.back(), c.input_options, c.has_norms));
    ASSERT_NE(built.back(), nullptr);
  }
  // Random deletions (some segments lose everything, one loses nothing).
  std::vector<std::vector<int32_t>> maps(num_inputs);
  std::vector<Doc> survivors;
  int32_t next = 0;
  for (int i = 0; i < num_inputs; ++i) {
    const double delete_ratio = i == 0 ? 0.0 : (rng() % 5 == 0 ? 1.0 : 0.3);
    for (const Doc& doc : segments[i]) {
      const bool deleted = std::uniform_real_distribution<double>(0, 1)(rng) < delete_ratio;
      maps[i].push_back(deleted ? -1 : next);
      if (!deleted) {
        ++next;
        survivors.push_back(doc);
      }
    }
  }
  std::vector<MergeInput> inputs;
  for (int i = 0; i < num_inputs; ++i) inputs.push_back(MergeInput{&built[i]->reader, maps[i]});
  auto source = MergeSource::Create(inputs, static_cast<uint32_t>(next), c.output_options);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  auto parts =
      WriteFieldIndex(**source, static_cast<uint32_t>(next), c.output_options, c.has_norms);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  auto merged = testing::OpenParts(std::move(parts).value());
  ASSERT_NE(merged, nullptr);
  testing::ExpectSameIndex(merged->reader,
                           NaiveIndex::Build(survivors, c.output_options, c.has_norms));
}

TEST(MergeSourceTest, MatchesNaiveRebuildWithDeletions) {
  const MergeCase cases[] = {
      {IndexOptions::kOffsets, IndexOptions::kOffsets, true},
      {IndexOptions::kPositions, IndexOptions::kPositions, false},
      {IndexOptions::kFreqs, IndexOptions::kFreqs, true},
      {IndexOptions::kDocs, IndexOptions::kDocs, true},
      {IndexOptions::kOffsets, IndexOptions::kFreqs, true},
  };
  uint64_t seed = 1;
  for (const MergeCase& c : cases) {
    for (int round = 0; round < 3; ++round) {
      SCOPED_TRACE(seed);
      RunMerge(c, seed++);
      if (HasFatalFailure()) return;
    }
  }
}

TEST(MergeSourceTest, RejectsBadDocMaps) {
  CorpusOptions corpus;
  corpus.num_docs = 50;
  auto docs = MakeCorpus(1, corpus);
  auto built = BuildField(docs, IndexOptions::kFreqs, true);
  std::vector<int32_t> short_map(10, 0);
  EXPECT_FALSE(
      MergeSource::Create({MergeInput{&built->reader, short_map}}, 50, IndexOptions::kFreqs).ok());
  std::vector<int32_t> backwards(50);
  for (int i = 0; i < 50; ++i) backwards[i] = 49 - i;
  EXPECT_FALSE(
      MergeSource::Create({MergeInput{&built->reader, backwards}}, 50, IndexOptions::kFreqs).ok());
  std::vector<int32_t> identity(50);
  for (int i = 0; i < 50; ++i) identity[i] = i;
  EXPECT_FALSE(
      MergeSource::Create({MergeInput{&built->reader, identity}}, 50, IndexOptions::kPositions)
          .ok());
  EXPECT_TRUE(
      MergeSource::Create({MergeInput{&built->reader, identity}}, 50, IndexOptions::kFreqs).ok());
}

TEST(MergeSourceTest, InputWithoutTheField) {
  CorpusOptions corpus;
  corpus.num_docs = 300;
  auto docs = MakeCorpus(2, corpus);
  auto built = BuildField(docs, IndexOptions::kPositions, true);
  std::vector<int32_t> empty_map(40);
  for (int i = 0; i < 40; ++i) empty_map[i] = i;
  std::vector<int32_t> map(300);
  for (int i = 0; i < 300; ++i) map[i] = 40 + i;
  auto source =
      MergeSource::Create({MergeInput{nullptr, empty_map}, MergeInput{&built->reader, map}}, 340,
                          IndexOptions::kPositions);
  ASSERT_TRUE(source.ok());
  auto parts = WriteFieldIndex(**source, 340, IndexOptions::kPositions, true);
  ASSERT_TRUE(parts.ok());
  auto merged = testing::OpenParts(std::move(parts).value());
  std::vector<Doc> all(40);
  all.insert(all.end(), docs.begin(), docs.end());
  testing::ExpectSameIndex(merged->reader, NaiveIndex::Build(all, IndexOptions::kPositions, true));
}

}  // namespace
}  // namespace quiver::text
