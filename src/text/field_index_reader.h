// FieldIndexReader: the inverted index of one field of one segment, opened
// over its components' bytes without copying them (docs/formats/
// inverted-index.md). It answers what the query layer needs: Lucene's
// per-segment field statistics, exact term lookup, ordered term
// enumeration (TermsEnum; prefix, range and automaton enumerations in
// filtered_terms_enum.h and automaton_terms_enum.h), postings with
// block-max impacts, and norms.
//
// Immutable and thread-safe; every iterator it hands out is single-threaded.
// The component bytes must outlive the reader and everything it hands out,
// and enumerators keep a pointer to the reader, so it must not move while
// they exist. Corrupt bytes give kCorruption at Open or from the failing
// call, never an out-of-bounds read.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "text/impacts.h"
#include "text/index_options.h"
#include "text/norms_reader.h"
#include "text/postings_iterator.h"
#include "text/term_dictionary_reader.h"
#include "text/terms_enum.h"

namespace quiver::text {

// The bytes of a field's components, as the segment container hands them
// out. `positions` and `norms` may be empty when the field has none.
struct FieldIndexComponents {
  std::string_view terms;
  std::string_view postings;
  std::string_view positions;
  std::string_view norms;
};

// Per-segment field statistics, as Lucene's Terms reports them.
struct FieldStats {
  uint32_t num_docs = 0;   // docs in the segment
  uint32_t doc_count = 0;  // docs with at least one term in the field
  uint64_t num_terms = 0;
  uint64_t sum_doc_freq = 0;         // Σ doc_freq
  uint64_t sum_total_term_freq = 0;  // Σ total_term_freq (= sum_doc_freq without freqs)
};

class FieldIndexReader {
 public:
  FieldIndexReader() = default;
  static Result<FieldIndexReader> Open(const FieldIndexComponents& components);

  FieldStats stats() const;
  IndexOptions index_options() const { return dict_.index_options(); }
  bool has_norms() const { return dict_.has_norms(); }
  uint32_t num_docs() const { return dict_.num_docs(); }
  const TermDictionaryReader& dictionary() const { return dict_; }

  // Exact lookup: true and *state filled when the term exists.
  Result<bool> SeekExact(std::string_view term, TermState* state) const {
    bool found;
    QUIVER_RETURN_IF_ERROR(dict_.SeekExact(term, state, &found));
    return found;
  }

  // All terms in byte order (positioned before the first).
  TermsEnum NewTermsEnum() const { return TermsEnum(&dict_); }

  // Opens (or reuses) `it` over the term's postings; `features` says what
  // will be read (capped at index_options()).
  Status OpenPostings(const TermState& term, IndexOptions features, PostingsIterator* it) const {
    return it->Reset(postings_data(), term, features);
  }
  Result<std::unique_ptr<PostingsIterator>> Postings(const TermState& term,
                                                     IndexOptions features) const;

  // Competitive (freq, norm) pairs over all the term's docs: the maximum
  // BM25 over them bounds the term's score in this segment.
  Status TermImpacts(const TermState& term, std::vector<Impact>* out) const;

  // The doc's encoded norm (norm_encoding.h); 0 when it has none.
  uint8_t norm(uint32_t doc) const { return norms_.norm(doc); }

  // What PostingsIterator reads.
  PostingsData postings_data() const;

 private:
  TermDictionaryReader dict_;
  NormsReader norms_;
  std::string_view postings_;
  std::string_view positions_;
};

}  // namespace quiver::text
