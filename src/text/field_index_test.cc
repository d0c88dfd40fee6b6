// Round trips of random corpora through FieldInverter -> WriteFieldIndex ->
// FieldIndexReader, checked against a naive inverted index.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <tuple>

#include "text/norm_encoding.h"
#include "text/text_test_util.h"

namespace quiver::text {
namespace {

using testing::BuildField;
using testing::CorpusOptions;
using testing::MakeCorpus;
using testing::NaiveIndex;

class FieldIndexRoundTripTest : public ::testing::TestWithParam<std::tuple<IndexOptions, bool>> {};

TEST_P(FieldIndexRoundTripTest, MatchesNaiveIndex) {
  const auto [options, has_norms] = GetParam();
  for (uint64_t seed : {1, 2}) {
    CorpusOptions corpus;
    corpus.num_docs = seed == 1 ? 3000 : 700;
    const auto docs = MakeCorpus(seed, corpus);
    const NaiveIndex naive = NaiveIndex::Build(docs, options, has_norms);
    auto built = BuildField(docs, options, has_norms);
    ASSERT_NE(built, nullptr);
    testing::ExpectSameIndex(built->reader, naive);
    if (!HasPositions(options)) {
      EXPECT_TRUE(built->parts.positions.empty());
    }
    if (!has_norms) {
      EXPECT_TRUE(built->parts.norms.empty());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllOptions, FieldIndexRoundTripTest,
    ::testing::Combine(::testing::Values(IndexOptions::kDocs, IndexOptions::kFreqs,
                                         IndexOptions::kPositions, IndexOptions::kOffsets),
                       ::testing::Bool()));

// Positions must follow Advance: skipping whole blocks (through the skip
// table) and docs within a block, with or without reading positions.
TEST(FieldIndexTest, AdvanceToRandomTargets) {
  CorpusOptions corpus;
  corpus.num_docs = 6000;
  corpus.vocabulary = 500;
  const auto docs = MakeCorpus(5, corpus);
  const NaiveIndex naive = NaiveIndex::Build(docs, IndexOptions::kOffsets, true);
  auto built = BuildField(docs, IndexOptions::kOffsets, true);
  ASSERT_NE(built, nullptr);
  std::mt19937 rng(9);
  PostingsIterator it;
  for (const auto& [term, postings] : naive.terms) {
    if (postings.size() < 3) continue;
    TermState state;
    ASSERT_TRUE(*built->reader.SeekExact(term, &state));
    for (int round = 0; round < 3; ++round) {
      ASSERT_TRUE(built->reader.OpenPostings(state, IndexOptions::kOffsets, &it).ok());
      size_t i = 0;  // index in postings of the iterator's doc
      bool started = false;
      while (true) {
        uint32_t target;
        const uint32_t from = started ? postings[i].doc + 1 : 0;
        if (rng() % 3 == 0) {
          target = from + static_cast<uint32_t>(rng() % 4);
        } else {
          target = from + static_cast<uint32_t>(rng() % (naive.num_docs / (round + 2) + 1));
        }
        const uint32_t got = (rng() % 4 == 0) ? it.NextDoc() : it.Advance(target);
        size_t expected_index;
        if (got == kNoMoreDocs) {
          break;
        }
        // Find the expected doc: NextDoc -> next posting, Advance -> lower bound.
        auto lb =
            std::lower_bound(postings.begin() + (started ? i + 1 : 0), postings.end(), got,
                             [](const testing::NaivePosting& p, uint32_t d) { return p.doc < d; });
        ASSERT_NE(lb, postings.end());
        ASSERT_EQ(lb->doc, got) << term;
        expected_index = lb - postings.begin();
        i = expected_index;
        started = true;
        ASSERT_EQ(it.freq(), postings[i].positions.size());
        // Read some or all positions.
        const size_t read = rng() % (postings[i].positions.size() + 1);
        for (size_t k = 0; k < read; ++k) {
          ASSERT_EQ(it.NextPosition(), postings[i].positions[k]) << term << " doc " << got;
          ASSERT_EQ(it.start_offset(), postings[i].start_offsets[k]);
          ASSERT_EQ(it.end_offset(), postings[i].end_offsets[k]);
        }
      }
      ASSERT_TRUE(it.status().ok()) << it.status().ToString();
    }
    // Advance semantics exactly: lower bound for each target.
    for (int k = 0; k < 20; ++k) {
      ASSERT_TRUE(built->reader.OpenPostings(state, IndexOptions::kFreqs, &it).ok());
      const uint32_t target = static_cast<uint32_t>(rng() % (naive.num_docs + 10));
      auto lb =
          std::lower_bound(postings.begin(), postings.end(), target,
                           [](const testing::NaivePosting& p, uint32_t d) { return p.doc < d; });
      ASSERT_EQ(it.Advance(target), lb == postings.end() ? kNoMoreDocs : lb->doc);
    }
  }
}

// Block-max data must bound every doc of its block and be attained.
TEST(FieldIndexTest, ImpactsAreTightUpperBounds) {
  for (IndexOptions options : {IndexOptions::kDocs, IndexOptions::kFreqs}) {
    for (bool has_norms : {true, false}) {
      CorpusOptions corpus;
      corpus.num_docs = 5000;
      corpus.vocabulary = 400;
      corpus.max_doc_tokens = 80;
      const auto docs = MakeCorpus(13, corpus);
      const NaiveIndex naive = NaiveIndex::Build(docs, options, has_norms);
      auto built = BuildField(docs, options, has_norms);
      ASSERT_NE(built, nullptr);
      PostingsIterator it;
      std::vector<Impact> term_impacts;
      for (const auto& [term, postings] : naive.terms) {
        TermState state;
        ASSERT_TRUE(*built->reader.SeekExact(term, &state));
        ASSERT_TRUE(built->reader.OpenPostings(state, IndexOptions::kFreqs, &it).ok());
        auto freq_of = [&](const testing::NaivePosting& p) {
          return HasFreqs(options) ? static_cast<uint32_t>(p.positions.size()) : 1u;
        };
        auto norm_of = [&](const testing::NaivePosting& p) {
          return has_norms ? naive.norms[p.doc] : uint8_t{1};
        };
        auto check = [&](std::span<const Impact> impacts, size_t begin, size_t end) {
          ASSERT_FALSE(impacts.empty());
          for (size_t k = 1; k < impacts.size(); ++k) {
            ASSERT_LT(impacts[k - 1].freq, impacts[k].freq);
            ASSERT_LT(impacts[k - 1].norm, impacts[k].norm);
          }
          for (size_t j = begin; j < end; ++j) {
            const bool covered = std::any_of(impacts.begin(), impacts.end(), [&](const Impact& x) {
              return x.freq >= freq_of(postings[j]) && x.norm <= norm_of(postings[j]);
            });
            ASSERT_TRUE(covered) << term << " doc " << postings[j].doc;
          }
          for (const Impact& x : impacts) {
            bool attained = false;
            for (size_t j = begin; j < end; ++j) {
              attained |= freq_of(postings[j]) == x.freq && norm_of(postings[j]) == x.norm;
            }
            ASSERT_TRUE(attained) << term;
          }
        };
        // Walk the blocks with AdvanceShallow only.
        size_t begin = 0;
        uint32_t target = 0;
        while (begin < postings.size()) {
          const uint32_t upto = it.AdvanceShallow(target);
          ASSERT_NE(upto, kNoMoreDocs);
          size_t end = begin;
          while (end < postings.size() && postings[end].doc <= upto) ++end;
          ASSERT_EQ(postings[end - 1].doc, upto) << term;
          if (postings.size() >= 128 && end < postings.size()) {
            ASSERT_EQ(end - begin, 128u);
          }
          check(it.impacts(), begin, end);
          begin = end;
          target = upto + 1;
        }
        ASSERT_EQ(it.AdvanceShallow(target), kNoMoreDocs);
        ASSERT_TRUE(built->reader.TermImpacts(state, &term_impacts).ok());
        check(term_impacts, 0, postings.size());
        // AdvanceShallow never moved the doc cursor.
        ASSERT_EQ(it.NextDoc(), postings[0].doc);
      }
    }
  }
}

TEST(FieldIndexTest, SeekCeilMatchesSortedTerms) {
  CorpusOptions corpus;
  corpus.num_docs = 1500;
  const auto docs = MakeCorpus(21, corpus);
  const NaiveIndex naive = NaiveIndex::Build(docs, IndexOptions::kFreqs, true);
  auto built = BuildField(docs, IndexOptions::kFreqs, true);
  ASSERT_NE(built, nullptr);
  std::mt19937_64 rng(4);
  auto probes = testing::MakeVocabulary(rng, 3000, true);
  for (const auto& [term, postings] : naive.terms) {
    probes.push_back(term);
    probes.push_back(term + "a");
    probes.push_back(term.substr(0, term.size() - 1));
    std::string bumped = term;
    bumped.back() = static_cast<char>(bumped.back() + 1);
    probes.push_back(bumped);
  }
  probes.push_back("");
  probes.push_back("\xff\xff");
  TermsEnum sequential = built->reader.NewTermsEnum();
  std::sort(probes.begin(), probes.end());
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) std::shuffle(probes.begin(), probes.end(), rng);
    for (const std::string& probe : probes) {
      TermsEnum fresh = built->reader.NewTermsEnum();
      // pass 0 reuses one enum with ascending targets (forward scans within
      // a block); pass 1 seeks in random order.
      TermsEnum& e = pass == 0 ? sequential : fresh;
      const auto status = e.SeekCeil(probe);
      auto lb = naive.terms.lower_bound(probe);
      if (lb == naive.terms.end()) {
        ASSERT_EQ(status, TermsEnum::SeekStatus::kEnd) << probe;
        if (pass == 0) sequential = built->reader.NewTermsEnum();
        continue;
      }
      ASSERT_EQ(status, lb->first == probe ? TermsEnum::SeekStatus::kFound
                                           : TermsEnum::SeekStatus::kNotFound)
          << probe;
      ASSERT_EQ(e.term(), lb->first);
      ASSERT_EQ(e.doc_freq(), lb->second.size());
      TermState state;
      ASSERT_EQ(*built->reader.SeekExact(probe, &state), lb->first == probe);
      // Next continues in order.
      auto next = std::next(lb);
      if (next != naive.terms.end()) {
        ASSERT_TRUE(e.Next());
        ASSERT_EQ(e.term(), next->first);
      }
    }
  }
}

TEST(FieldIndexTest, EmptyField) {
  std::vector<testing::Doc> docs(10);
  auto built = BuildField(docs, IndexOptions::kPositions, true);
  ASSERT_NE(built, nullptr);
  EXPECT_EQ(built->reader.stats().num_terms, 0u);
  EXPECT_EQ(built->reader.stats().doc_count, 0u);
  TermsEnum e = built->reader.NewTermsEnum();
  EXPECT_FALSE(e.Next());
  EXPECT_EQ(e.SeekCeil("a"), TermsEnum::SeekStatus::kEnd);
  TermState state;
  EXPECT_FALSE(*built->reader.SeekExact("a", &state));
  EXPECT_EQ(built->reader.norm(3), 0);
}

TEST(FieldIndexTest, DocsOnlyNormIsUniqueTermCount) {
  // Lucene's BM25Similarity.computeNorm uses the number of distinct terms
  // for fields indexed with docs only.
  FieldInverter inverter(IndexOptions::kDocs, true);
  for (const char* t : {"a", "b", "a", "a", "c"}) inverter.AddToken(t, 0, 0, 0, 0);
  inverter.EndField(0, 5);
  inverter.AddToken("a", 1, 0, 0, 0);
  inverter.EndField(1, 1);
  auto source = inverter.NewTermSource();
  auto parts = WriteFieldIndex(*source, 2, IndexOptions::kDocs, true);
  ASSERT_TRUE(parts.ok());
  auto built = testing::OpenParts(std::move(parts).value());
  EXPECT_EQ(built->reader.norm(0), EncodeNorm(3));
  EXPECT_EQ(built->reader.norm(1), EncodeNorm(1));
  EXPECT_EQ(built->reader.stats().sum_total_term_freq, 4u);  // = sum_doc_freq
}

TEST(FieldIndexTest, InverterIsAllocationFrugal) {
  CorpusOptions corpus;
  corpus.num_docs = 20000;
  const auto docs = MakeCorpus(3, corpus);
  auto inverter = testing::Invert(docs, IndexOptions::kPositions, true);
  size_t tokens = 0;
  for (const auto& d : docs) tokens += d.tokens.size();
  // Postings, term bytes and per-term state stay within a few bytes per token.
  EXPECT_LT(inverter->ram_bytes(), tokens * 12 + (1 << 20));
}

}  // namespace
}  // namespace quiver::text

namespace quiver::text {
namespace {

TEST(FieldInverterTest, ToleratesCallerBugsWithoutCorruptingPostings) {
  FieldInverter inverter(IndexOptions::kOffsets, true);
  inverter.AddToken("a", 5, 3, 10, 12);
  inverter.AddToken("a", 2, 1, 0, 1);  // doc goes backwards: counted in doc 5
  inverter.AddToken("a", 5, 0, 4, 2);  // position and offsets go backwards
  inverter.EndField(5, 3);
  auto source = inverter.NewTermSource();
  auto parts = WriteFieldIndex(*source, 6, IndexOptions::kOffsets, true);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  auto built = testing::OpenParts(std::move(parts).value());
  TermState state;
  ASSERT_TRUE(*built->reader.SeekExact("a", &state));
  PostingsIterator it;
  ASSERT_TRUE(built->reader.OpenPostings(state, IndexOptions::kOffsets, &it).ok());
  ASSERT_EQ(it.NextDoc(), 5u);
  ASSERT_EQ(it.freq(), 3u);
  uint32_t last = 0;
  for (int i = 0; i < 3; ++i) {
    const uint32_t p = it.NextPosition();
    EXPECT_GE(p, last);
    EXPECT_LE(it.start_offset(), it.end_offset());
    last = p;
  }
  EXPECT_EQ(it.NextDoc(), kNoMoreDocs);
}

}  // namespace
}  // namespace quiver::text
