// Test helpers for the inverted index: a seeded random corpus generator, a
// naive in-memory inverted index built from the same tokens, and builders
// that run a corpus through FieldInverter and WriteFieldIndex.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "text/field_index_reader.h"
#include "text/field_index_writer.h"
#include "text/field_inverter.h"
#include "text/index_options.h"

namespace quiver::text::testing {

struct Token {
  std::string term;
  uint32_t position;
  uint32_t start_offset;
  uint32_t end_offset;
};

struct Doc {
  bool has_field = false;
  std::vector<Token> tokens;
  uint32_t field_length = 0;  // tokens with a non-zero position increment
};

struct CorpusOptions {
  uint32_t num_docs = 2000;
  uint32_t vocabulary = 3000;
  uint32_t max_doc_tokens = 40;
  double zipf_s = 1.1;
  bool unicode = true;         // include multi-byte UTF-8 terms
  double missing_field = 0.1;  // fraction of docs without the field
  double overlap = 0.05;       // fraction of tokens at the previous position
};

// Terms drawn from a Zipfian vocabulary (so a few terms span many blocks
// and many are singletons), positions with occasional overlaps, offsets.
std::vector<Doc> MakeCorpus(uint64_t seed, const CorpusOptions& options);

// A vocabulary of random terms (ASCII and, optionally, 2-4 byte UTF-8).
std::vector<std::string> MakeVocabulary(std::mt19937_64& rng, uint32_t size, bool unicode);

struct NaivePosting {
  uint32_t doc = 0;
  std::vector<uint32_t> positions;
  std::vector<uint32_t> start_offsets;
  std::vector<uint32_t> end_offsets;
};

// The obvious inverted index: term -> postings, plus norms.
struct NaiveIndex {
  IndexOptions options = IndexOptions::kDocs;
  bool has_norms = false;
  uint32_t num_docs = 0;
  std::map<std::string, std::vector<NaivePosting>> terms;
  std::vector<uint8_t> norms;

  static NaiveIndex Build(const std::vector<Doc>& docs, IndexOptions options, bool has_norms);
  uint32_t doc_count() const;
  uint64_t sum_doc_freq() const;
  uint64_t sum_total_term_freq() const;
};

// Feeds `docs` to a FieldInverter.
std::unique_ptr<FieldInverter> Invert(const std::vector<Doc>& docs, IndexOptions options,
                                      bool has_norms);

// Owns the serialized parts and the reader over them.
struct BuiltField {
  FieldIndexParts parts;
  FieldIndexReader reader;
};
std::unique_ptr<BuiltField> BuildField(const std::vector<Doc>& docs, IndexOptions options,
                                       bool has_norms);
std::unique_ptr<BuiltField> OpenParts(FieldIndexParts parts);

}  // namespace quiver::text::testing

namespace quiver::text::testing {

// Checks stats, term order, lookups, postings (docs, freqs, positions,
// offsets, as the options index them) and norms against the naive index.
void ExpectSameIndex(const FieldIndexReader& reader, const NaiveIndex& naive);

}  // namespace quiver::text::testing
