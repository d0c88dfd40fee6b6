// PostingsWriter: encodes the postings of one term at a time into the
// postings and positions components (docs/formats/inverted-index.md): doc
// blocks of 128 with PFOR doc gaps and freqs, a skip table and competitive
// impacts per block, positions (and offsets) in blocks of 128. Singleton
// terms write no postings (their doc goes into the term dictionary).
// Not thread-safe; one per WriteFieldIndex call.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "text/impacts.h"
#include "text/index_options.h"
#include "text/postings_format.h"
#include "text/term_meta.h"

namespace quiver::text {

class PostingsWriter {
 public:
  // `postings` and `positions` receive the components' bytes (their
  // headers are written here).
  PostingsWriter(IndexOptions options, uint32_t num_docs, std::string* postings,
                 std::string* positions);

  void StartTerm();
  // Docs strictly ascending and below num_docs. `freq` is ignored without
  // freqs; `norm` is the encoded norm for impacts (1 without norms).
  Status AddDoc(uint32_t doc, uint32_t freq, uint8_t norm);
  // freq(doc) positions after each AddDoc when the options have positions.
  void AddPosition(uint32_t position, uint32_t start_offset, uint32_t end_offset);
  // Writes the term's postings. doc_freq 0 means the term had no docs and
  // nothing was written for it.
  Result<TermMeta> FinishTerm();

 private:
  void FlushDocBlock();
  void FlushPositionBlock();
  void WriteTailDocs(std::string* out);
  Status WriteLargeTerm(TermMeta* meta);

  const IndexOptions options_;
  const uint32_t num_docs_;
  std::string* const postings_;
  std::string* const positions_;

  // Current term.
  uint32_t doc_freq_ = 0;
  uint64_t total_term_freq_ = 0;
  int64_t last_doc_ = -1;
  uint32_t pending_positions_ = 0;  // positions still expected for last_doc_
  uint64_t positions_written_ = 0;  // positions of the term so far
  uint64_t term_pos_start_ = 0;
  ImpactAccumulator block_impacts_;
  ImpactAccumulator term_impacts_;
  std::string blocks_;  // blocks area of a large term
  std::vector<uint32_t> skip_last_doc_;
  std::vector<uint32_t> skip_block_end_;
  std::vector<uint32_t> skip_pos_start_;
  std::vector<uint32_t> skip_pos_count_;

  // Doc block being filled.
  int num_buffered_docs_ = 0;
  uint32_t doc_gaps_[kBlockSize];
  uint32_t freqs_[kBlockSize];

  // Position block being filled.
  int num_buffered_positions_ = 0;
  uint32_t last_position_ = 0;
  uint32_t last_start_offset_ = 0;
  uint32_t position_gaps_[kBlockSize];
  uint32_t start_gaps_[kBlockSize];
  uint32_t lengths_[kBlockSize];
  std::string scratch_;
};

}  // namespace quiver::text
