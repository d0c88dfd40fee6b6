#include "text/text_test_util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "text/automaton.h"
#include "text/norm_encoding.h"

namespace quiver::text::testing {

std::vector<std::string> MakeVocabulary(std::mt19937_64& rng, uint32_t size, bool unicode) {
  static const uint32_t kUnicode[] = {0xe9,   0xfc,   0x3b1,   0x3b2,   0x416, 0x4e2d,
                                      0x6587, 0xac00, 0x1f600, 0x10348, 0xdf,  0x130};
  std::set<std::string> seen;
  std::vector<std::string> vocab;
  while (vocab.size() < size) {
    std::string term;
    const int len = 1 + static_cast<int>(rng() % 10);
    for (int i = 0; i < len; ++i) {
      if (unicode && rng() % 8 == 0) {
        AppendUtf8(static_cast<int32_t>(kUnicode[rng() % std::size(kUnicode)]), &term);
      } else {
        term.push_back(static_cast<char>('a' + rng() % 6 + (rng() % 4 == 0 ? rng() % 20 : 0)));
      }
    }
    if (seen.insert(term).second) vocab.push_back(term);
  }
  return vocab;
}

std::vector<Doc> MakeCorpus(uint64_t seed, const CorpusOptions& options) {
  std::mt19937_64 rng(seed);
  const std::vector<std::string> vocab = MakeVocabulary(rng, options.vocabulary, options.unicode);
  std::vector<double> cdf(vocab.size());
  double total = 0;
  for (size_t i = 0; i < vocab.size(); ++i) {
    total += 1.0 / std::pow(static_cast<double>(i + 1), options.zipf_s);
    cdf[i] = total;
  }
  std::uniform_real_distribution<double> uniform(0, total);
  std::vector<Doc> docs(options.num_docs);
  for (Doc& doc : docs) {
    if (std::uniform_real_distribution<double>(0, 1)(rng) < options.missing_field) continue;
    doc.has_field = true;
    const uint32_t n = static_cast<uint32_t>(rng() % (options.max_doc_tokens + 1));
    uint32_t position = 0;
    uint32_t offset = 0;
    uint32_t last_start = 0;
    for (uint32_t i = 0; i < n; ++i) {
      const double u = uniform(rng);
      const size_t t = std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin();
      const std::string& term = vocab[std::min(t, vocab.size() - 1)];
      const bool overlap =
          i > 0 && std::uniform_real_distribution<double>(0, 1)(rng) < options.overlap;
      if (!overlap) {
        if (i > 0) position += 1 + (rng() % 20 == 0 ? 2 : 0);
        ++doc.field_length;
      }
      // An overlapping token (a synonym) starts where the previous one did.
      const uint32_t start = overlap ? last_start : offset;
      doc.tokens.push_back(
          Token{term, position, start, start + static_cast<uint32_t>(term.size())});
      last_start = start;
      if (!overlap) offset += static_cast<uint32_t>(term.size()) + 1;
    }
  }
  return docs;
}

NaiveIndex NaiveIndex::Build(const std::vector<Doc>& docs, IndexOptions options, bool has_norms) {
  NaiveIndex index;
  index.options = options;
  index.has_norms = has_norms;
  index.num_docs = static_cast<uint32_t>(docs.size());
  index.norms.assign(docs.size(), 0);
  for (uint32_t d = 0; d < docs.size(); ++d) {
    const Doc& doc = docs[d];
    if (!doc.has_field) continue;
    std::set<std::string> unique;
    for (const Token& t : doc.tokens) {
      unique.insert(t.term);
      auto& postings = index.terms[t.term];
      if (postings.empty() || postings.back().doc != d) {
        postings.emplace_back();
        postings.back().doc = d;
      }
      NaivePosting& p = postings.back();
      p.positions.push_back(t.position);
      p.start_offsets.push_back(t.start_offset);
      p.end_offsets.push_back(t.end_offset);
    }
    if (has_norms) {
      const uint32_t length =
          options == IndexOptions::kDocs ? static_cast<uint32_t>(unique.size()) : doc.field_length;
      index.norms[d] = EncodeNorm(length);
    }
  }
  return index;
}

uint32_t NaiveIndex::doc_count() const {
  std::set<uint32_t> docs;
  for (const auto& [term, postings] : terms) {
    for (const auto& p : postings) docs.insert(p.doc);
  }
  return static_cast<uint32_t>(docs.size());
}

uint64_t NaiveIndex::sum_doc_freq() const {
  uint64_t n = 0;
  for (const auto& [term, postings] : terms) n += postings.size();
  return n;
}

uint64_t NaiveIndex::sum_total_term_freq() const {
  if (!HasFreqs(options)) return sum_doc_freq();
  uint64_t n = 0;
  for (const auto& [term, postings] : terms) {
    for (const auto& p : postings) n += p.positions.size();
  }
  return n;
}

std::unique_ptr<FieldInverter> Invert(const std::vector<Doc>& docs, IndexOptions options,
                                      bool has_norms) {
  auto inverter = std::make_unique<FieldInverter>(options, has_norms);
  for (uint32_t d = 0; d < docs.size(); ++d) {
    if (!docs[d].has_field) continue;
    for (const Token& t : docs[d].tokens) {
      inverter->AddToken(t.term, d, t.position, t.start_offset, t.end_offset);
    }
    inverter->EndField(d, docs[d].field_length);
  }
  return inverter;
}

std::unique_ptr<BuiltField> OpenParts(FieldIndexParts parts) {
  auto built = std::make_unique<BuiltField>();
  built->parts = std::move(parts);
  auto reader = FieldIndexReader::Open(
      {built->parts.terms, built->parts.postings, built->parts.positions, built->parts.norms});
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return nullptr;
  built->reader = std::move(reader).value();
  return built;
}

std::unique_ptr<BuiltField> BuildField(const std::vector<Doc>& docs, IndexOptions options,
                                       bool has_norms) {
  auto inverter = Invert(docs, options, has_norms);
  auto source = inverter->NewTermSource();
  auto parts = WriteFieldIndex(*source, static_cast<uint32_t>(docs.size()), options, has_norms);
  EXPECT_TRUE(parts.ok()) << parts.status().ToString();
  if (!parts.ok()) return nullptr;
  return OpenParts(std::move(parts).value());
}

}  // namespace quiver::text::testing

namespace quiver::text::testing {

void ExpectSameIndex(const FieldIndexReader& reader, const NaiveIndex& naive) {
  const FieldStats stats = reader.stats();
  EXPECT_EQ(stats.num_docs, naive.num_docs);
  EXPECT_EQ(stats.num_terms, naive.terms.size());
  EXPECT_EQ(stats.doc_count, naive.doc_count());
  EXPECT_EQ(stats.sum_doc_freq, naive.sum_doc_freq());
  EXPECT_EQ(stats.sum_total_term_freq, naive.sum_total_term_freq());
  EXPECT_EQ(reader.index_options(), naive.options);
  EXPECT_EQ(reader.has_norms(), naive.has_norms);
  for (uint32_t d = 0; d < naive.num_docs; ++d) {
    ASSERT_EQ(reader.norm(d), naive.has_norms ? naive.norms[d] : 0) << "doc " << d;
  }

  TermsEnum terms = reader.NewTermsEnum();
  PostingsIterator it;
  uint64_t ord = 0;
  for (const auto& [term, postings] : naive.terms) {
    ASSERT_TRUE(terms.Next()) << "missing term " << term;
    ASSERT_EQ(terms.term(), term);
    EXPECT_EQ(terms.ord(), ord++);
    const TermState state = terms.state();
    ASSERT_EQ(state.doc_freq, postings.size()) << term;
    uint64_t ttf = 0;
    for (const auto& p : postings) ttf += HasFreqs(naive.options) ? p.positions.size() : 1;
    ASSERT_EQ(state.total_term_freq, ttf) << term;

    TermState looked_up;
    auto found = reader.SeekExact(term, &looked_up);
    ASSERT_TRUE(found.ok());
    ASSERT_TRUE(*found) << term;
    ASSERT_EQ(looked_up.doc_offset, state.doc_offset);
    ASSERT_EQ(looked_up.ord, state.ord);

    ASSERT_TRUE(reader.OpenPostings(state, IndexOptions::kOffsets, &it).ok());
    for (const auto& p : postings) {
      ASSERT_EQ(it.NextDoc(), p.doc) << term << " " << it.status().ToString();
      const uint32_t freq = HasFreqs(naive.options) ? static_cast<uint32_t>(p.positions.size()) : 1;
      ASSERT_EQ(it.freq(), freq) << term << " doc " << p.doc;
      if (HasPositions(naive.options)) {
        for (size_t i = 0; i < p.positions.size(); ++i) {
          ASSERT_EQ(it.NextPosition(), p.positions[i]) << term << " doc " << p.doc << " #" << i;
          if (HasOffsets(naive.options)) {
            ASSERT_EQ(it.start_offset(), p.start_offsets[i]) << term << " doc " << p.doc;
            ASSERT_EQ(it.end_offset(), p.end_offsets[i]) << term << " doc " << p.doc;
          }
        }
      }
    }
    ASSERT_EQ(it.NextDoc(), kNoMoreDocs) << term;
    ASSERT_TRUE(it.status().ok()) << it.status().ToString();
  }
  EXPECT_FALSE(terms.Next());
  EXPECT_TRUE(terms.status().ok());
}

}  // namespace quiver::text::testing
