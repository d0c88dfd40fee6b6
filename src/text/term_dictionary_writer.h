// TermDictionaryWriter: builds the `terms/<field>` component
// (docs/formats/inverted-index.md): terms in ascending byte order grouped
// into front-coded blocks of kTermsPerBlock terms with their metadata, and a
// block index of 8-byte keys, block offsets and first terms for binary
// search. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/index_options.h"
#include "text/term_meta.h"

namespace quiver::text {

struct FieldStatsHeader {
  uint32_t num_docs = 0;
  uint32_t doc_count = 0;
  uint64_t sum_doc_freq = 0;
  uint64_t sum_total_term_freq = 0;
  bool has_norms = false;
};

class TermDictionaryWriter {
 public:
  explicit TermDictionaryWriter(IndexOptions options);

  // Terms strictly ascending; meta.doc_freq >= 1.
  void Add(std::string_view term, const TermMeta& meta);
  uint64_t num_terms() const { return num_terms_; }

  // The whole component.
  std::string Finish(const FieldStatsHeader& stats);

 private:
  void FlushBlock();

  const IndexOptions options_;
  uint64_t num_terms_ = 0;
  // Current block.
  int block_count_ = 0;
  std::string prev_term_;
  std::string suffixes_;
  std::string metas_;
  uint64_t running_doc_offset_ = 0;
  uint64_t running_pos_offset_ = 0;
  // Index and blocks.
  std::vector<uint64_t> keys_;
  std::vector<uint64_t> block_offsets_;
  std::vector<uint32_t> first_term_offsets_;
  std::string first_terms_;
  std::string blocks_;
};

// The big-endian value of the first 8 bytes of `term`, zero-padded: numeric
// order of keys agrees with byte order of terms (ties need a full compare).
uint64_t TermKey8(std::string_view term);

}  // namespace quiver::text
