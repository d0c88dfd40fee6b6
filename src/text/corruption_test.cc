// Random byte flips and truncations of every component must never crash or
// read out of bounds (run under -DQUIVER_SANITIZE=address,undefined): they
// fail at Open or give kCorruption (or wrong but bounded answers) later.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <random>

#include "text/automaton_terms_enum.h"
#include "text/filtered_terms_enum.h"
#include "text/text_test_util.h"
#include "text/wildcard.h"

namespace quiver::text {
namespace {

// Touches everything a query could touch; returns a checksum so the work
// is not optimised away.
uint64_t Exercise(const FieldIndexReader& reader, std::mt19937& rng,
                  const CompiledAutomaton& wildcard) {
  uint64_t sum = 0;
  const FieldStats stats = reader.stats();
  sum += stats.num_terms + stats.doc_count;
  for (uint32_t d = 0; d < stats.num_docs + 3; ++d) sum += reader.norm(d);
  TermsEnum terms = reader.NewTermsEnum();
  PostingsIterator it;
  std::vector<Impact> impacts;
  int visited = 0;
  while (terms.Next() && visited++ < 5000) {
    sum += terms.term().size();
    const TermState state = terms.state();
    if (!terms.status().ok()) break;
    sum += state.doc_freq;
    (void)reader.TermImpacts(state, &impacts);
    for (IndexOptions features : {IndexOptions::kDocs, IndexOptions::kOffsets}) {
      if (!reader.OpenPostings(state, features, &it).ok()) continue;
      int docs = 0;
      for (uint32_t doc = it.NextDoc(); doc != kNoMoreDocs && docs < 5000;
           doc = rng() % 4 ? it.NextDoc() : it.Advance(doc + 1 + rng() % 50)) {
        sum += doc + it.freq();
        ++docs;
        const uint32_t n = std::min<uint32_t>(it.freq(), 64);
        for (uint32_t i = 0; i < n; ++i) sum += it.NextPosition() + it.start_offset();
      }
    }
    if (reader.OpenPostings(state, IndexOptions::kFreqs, &it).ok()) {
      uint32_t target = 0;
      for (int b = 0; b < 100; ++b) {
        const uint32_t upto = it.AdvanceShallow(target);
        if (upto == kNoMoreDocs) break;
        for (const Impact& x : it.impacts()) sum += x.freq + x.norm;
        target = upto + 1;
      }
    }
  }
  for (const char* probe : {"", "a", "ab", "zz", "\xce\xb1", "e"}) {
    TermState state;
    auto found = reader.SeekExact(probe, &state);
    sum += found.ok() && *found;
    TermsEnum e = reader.NewTermsEnum();
    sum += static_cast<uint64_t>(e.SeekCeil(probe));
  }
  PrefixTermsEnum prefix(reader, "a");
  for (int i = 0; i < 5000 && prefix.Next(); ++i) sum += prefix.term().size();
  AutomatonTermsEnum automaton(reader, wildcard);
  for (int i = 0; i < 5000 && automaton.Next(); ++i) sum += automaton.term().size();
  return sum;
}

TEST(CorruptionTest, FlippedAndTruncatedComponentsNeverCrash) {
  testing::CorpusOptions corpus;
  corpus.num_docs = 1500;
  corpus.vocabulary = 600;
  const auto docs = testing::MakeCorpus(99, corpus);
  auto built = testing::BuildField(docs, IndexOptions::kOffsets, true);
  ASSERT_NE(built, nullptr);
  auto wildcard = CompileWildcard("a*b?", false);
  ASSERT_TRUE(wildcard.ok());
  std::mt19937 rng(12345);
  uint64_t sink = Exercise(built->reader, rng, *wildcard);
  int opened = 0;
  int rejected = 0;
  // QUIVER_CORRUPTION_ITERATIONS runs a longer fuzz pass (e.g. under ASan).
  const char* env = std::getenv("QUIVER_CORRUPTION_ITERATIONS");
  const int iterations = env != nullptr ? std::atoi(env) : 400;
  for (int iter = 0; iter < iterations; ++iter) {
    FieldIndexParts parts = built->parts;
    std::string* target = nullptr;
    switch (iter % 4) {
      case 0:
        target = &parts.terms;
        break;
      case 1:
        target = &parts.postings;
        break;
      case 2:
        target = &parts.positions;
        break;
      default:
        target = &parts.norms;
        break;
    }
    const int mode = static_cast<int>(rng() % 3);
    if (mode == 0 && !target->empty()) {
      target->resize(rng() % target->size());
    } else {
      const int flips = 1 + static_cast<int>(rng() % 8);
      for (int f = 0; f < flips && !target->empty(); ++f) {
        (*target)[rng() % target->size()] ^= static_cast<char>(1 + rng() % 255);
      }
      if (mode == 2 && !target->empty()) {
        // A burst of garbage.
        const size_t at = rng() % target->size();
        for (size_t i = at; i < std::min(target->size(), at + 64); ++i) {
          (*target)[i] = static_cast<char>(rng());
        }
      }
    }
    // Copy into exactly-sized heap buffers so ASan sees any overrun.
    auto exact = [](const std::string& s) {
      auto p = std::make_unique<char[]>(s.size() + 1);
      std::memcpy(p.get(), s.data(), s.size());
      return p;
    };
    auto t = exact(parts.terms), p = exact(parts.postings), q = exact(parts.positions),
         n = exact(parts.norms);
    auto reader = FieldIndexReader::Open({std::string_view(t.get(), parts.terms.size()),
                                          std::string_view(p.get(), parts.postings.size()),
                                          std::string_view(q.get(), parts.positions.size()),
                                          std::string_view(n.get(), parts.norms.size())});
    if (!reader.ok()) {
      EXPECT_EQ(reader.status().code(), StatusCode::kCorruption) << reader.status().ToString();
      ++rejected;
      continue;
    }
    ++opened;
    sink += Exercise(*reader, rng, *wildcard);
  }
  EXPECT_GT(opened, 0);
  EXPECT_GT(rejected, 0);
  EXPECT_NE(sink, 0u);
}

TEST(CorruptionTest, RandomBytesNeverCrash) {
  std::mt19937 rng(7);
  auto wildcard = CompileWildcard("*", false);
  for (int iter = 0; iter < 300; ++iter) {
    std::string parts[4];
    for (auto& s : parts) {
      s.resize(rng() % 300);
      for (char& c : s) c = static_cast<char>(rng() % 4 == 0 ? 0 : rng());
    }
    // Plausible headers so that Open gets past the version checks.
    if (parts[0].size() >= 64) {
      parts[0][0] = 1;
      parts[0][1] = static_cast<char>(rng() % 4);
    }
    if (parts[1].size() >= 8) {
      parts[1][0] = 1;
      parts[1][1] = parts[0].size() >= 2 ? parts[0][1] : 0;
    }
    auto reader = FieldIndexReader::Open({parts[0], parts[1], parts[2], parts[3]});
    if (reader.ok()) (void)Exercise(*reader, rng, *wildcard);
  }
}

}  // namespace
}  // namespace quiver::text
