// FieldInverter: the in-memory inverted index of one field of a shard's
// indexing buffer. The document parser feeds it the analyzed tokens of each
// document (AddToken, then EndField); at refresh NewTermSource() hands the
// buffered postings, terms sorted, to WriteFieldIndex.
//
// Allocation-frugal like Lucene's FreqProxTermsWriterPerField: terms are
// interned once (TermHash), each term's doc and position streams grow as
// chained slices in a shared ByteSlicePool, and per-term state sits in one
// flat array, so adding a token allocates nothing in the common case.
//
// Norms follow Lucene's BM25Similarity.computeNorm: the caller passes the
// field length with overlapping tokens (position increment 0) discounted;
// for fields indexed with IndexOptions::kDocs the norm is instead the
// number of distinct terms of the document, as Lucene does.
//
// Not thread-safe: one writer. NewTermSource() reads the buffer, which must
// not change while the source is in use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "text/byte_slice_pool.h"
#include "text/index_options.h"
#include "text/term_hash.h"
#include "text/term_source.h"

namespace quiver::text {

class FieldInverter {
 public:
  FieldInverter(IndexOptions options, bool has_norms);
  FieldInverter(const FieldInverter&) = delete;
  FieldInverter& operator=(const FieldInverter&) = delete;

  // One token. Docs arrive in non-decreasing order and positions in
  // non-decreasing order within a doc; offsets satisfy start <= end and
  // starts do not go backwards within a doc (violations are clamped).
  // Positions and offsets are ignored when the options do not index them.
  void AddToken(std::string_view term, uint32_t doc, uint32_t position, uint32_t start_offset,
                uint32_t end_offset);

  // Ends the field of `doc` (once per doc that has the field, after its
  // tokens). `field_length` is the token count without overlaps.
  void EndField(uint32_t doc, uint32_t field_length);

  // Heap bytes held (drives refresh on memory pressure).
  size_t ram_bytes() const;

  uint32_t num_terms() const { return terms_.size(); }
  IndexOptions index_options() const { return options_; }
  bool has_norms() const { return has_norms_; }

  // The buffered terms in byte order with their postings, and the norms.
  std::unique_ptr<TermSource> NewTermSource() const;

 private:
  friend class InverterTermSource;
  friend class InverterPostings;

  static constexpr uint32_t kNoStream = 0xffffffffu;

  // Per-term indexing state (Lucene's ParallelPostingsArray).
  struct TermState {
    uint32_t doc_start;   // first address of the doc stream, or kNoStream
    uint32_t doc_cursor;  // its write cursor
    uint32_t prox_start;  // position stream (kNoStream without positions)
    uint32_t prox_cursor;
    uint32_t last_doc;      // the doc being accumulated (not yet in the doc stream)
    uint32_t pending_code;  // its gap code: (doc - previous doc - 1) << 1 with freqs
    uint32_t freq;          // its occurrences so far
    uint32_t last_position;
    uint32_t last_start_offset;
  };

  void StartDoc(TermState& t, uint32_t doc);
  void FlushPendingDoc(TermState& t);
  void AddProx(TermState& t, uint32_t position, uint32_t start_offset, uint32_t end_offset);

  const IndexOptions options_;
  const bool has_norms_;
  TermHash terms_;
  std::vector<TermState> states_;
  ByteSlicePool pool_;
  std::vector<uint8_t> norms_;  // by doc; 0 = no value
  uint32_t unique_doc_ = 0xffffffffu;
  uint32_t unique_terms_ = 0;  // distinct terms of unique_doc_ so far
};

}  // namespace quiver::text
