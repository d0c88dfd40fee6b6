// TermDictionaryReader: the `terms/<field>` component opened in place
// (docs/formats/inverted-index.md) — field statistics, the block index, and
// exact term lookup: one binary search over 8-byte block keys (full first
// terms only break ties) and one scan of a front-coded block of 32 terms
// that compares suffixes without rebuilding terms. Immutable and
// thread-safe; a view over the caller's bytes, which must outlive it.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "common/status.h"
#include "text/index_options.h"
#include "text/term_meta.h"

namespace quiver::text {

// A term's metadata plus its ordinal (rank in byte order).
struct TermState : TermMeta {
  uint64_t ord = 0;
};

class TermDictionaryReader {
 public:
  TermDictionaryReader() = default;
  static Result<TermDictionaryReader> Open(std::string_view data);

  IndexOptions index_options() const { return options_; }
  bool has_norms() const { return has_norms_; }
  uint32_t num_docs() const { return num_docs_; }
  uint32_t doc_count() const { return doc_count_; }
  uint64_t num_terms() const { return num_terms_; }
  uint64_t sum_doc_freq() const { return sum_doc_freq_; }
  uint64_t sum_total_term_freq() const { return sum_total_term_freq_; }
  uint32_t num_blocks() const { return num_blocks_; }
  uint32_t terms_per_block() const { return terms_per_block_; }
  std::string_view first_term(uint32_t block) const;
  std::string_view last_term() const { return last_term_; }

  // The block whose first term is the greatest one <= target, or -1 when
  // target sorts before every term.
  int64_t FindBlock(std::string_view target) const;

  // A block's sections.
  struct Block {
    const uint8_t* suffixes = nullptr;
    const uint8_t* suffixes_end = nullptr;
    const uint8_t* metas = nullptr;
    const uint8_t* metas_end = nullptr;
    uint32_t num_terms = 0;
    uint64_t first_ord = 0;
  };
  // False when the block's bytes are corrupt.
  bool LoadBlock(uint32_t block, Block* out) const;

  // Exact lookup. *found tells whether the term exists; `state` is filled
  // when it does. kCorruption on bad bytes.
  Status SeekExact(std::string_view term, TermState* state, bool* found) const;

 private:
  uint64_t Key(uint32_t block) const {
    uint64_t v;
    std::memcpy(&v, keys_ + 8 * uint64_t{block}, 8);
    return v;
  }
  uint64_t BlockOffset(uint32_t i) const {
    uint64_t v;
    std::memcpy(&v, block_offsets_ + 8 * uint64_t{i}, 8);
    return v;
  }
  uint32_t FirstTermOffset(uint32_t i) const {
    uint32_t v;
    std::memcpy(&v, first_term_offsets_ + 4 * uint64_t{i}, 4);
    return v;
  }

  IndexOptions options_ = IndexOptions::kDocs;
  bool has_norms_ = false;
  uint32_t terms_per_block_ = 1;
  uint32_t num_blocks_ = 0;
  uint32_t num_docs_ = 0;
  uint32_t doc_count_ = 0;
  uint64_t num_terms_ = 0;
  uint64_t sum_doc_freq_ = 0;
  uint64_t sum_total_term_freq_ = 0;
  const uint8_t* keys_ = nullptr;
  const uint8_t* block_offsets_ = nullptr;
  const uint8_t* first_term_offsets_ = nullptr;
  const char* first_terms_ = nullptr;
  std::string_view last_term_;
  const uint8_t* blocks_ = nullptr;
  uint64_t blocks_bytes_ = 0;
};

// Sequential decoder of a block's metadata section.
class TermMetaDecoder {
 public:
  void Reset(const TermDictionaryReader::Block& block, IndexOptions options, uint32_t num_docs);
  // Decodes the next term's metadata; false on corruption.
  bool Next(TermState* state);
  uint32_t decoded() const { return decoded_; }

 private:
  const uint8_t* p_ = nullptr;
  const uint8_t* end_ = nullptr;
  IndexOptions options_ = IndexOptions::kDocs;
  uint32_t num_docs_ = 0;
  uint64_t ord_ = 0;
  uint32_t decoded_ = 0;
  uint64_t doc_offset_ = 0;
  uint64_t pos_offset_ = 0;
};

}  // namespace quiver::text
