// TermsEnum: ordered iteration over a field's terms with seeking (Lucene's
// TermsEnum): Next, SeekCeil, SeekExact, and the current term's statistics
// and postings location, decoded lazily (a scan that only looks at terms
// never decodes metadata). Not thread-safe: one per thread; cheap to create.
// Errors (corrupt bytes) end the enumeration and are reported by status().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "text/term_dictionary_reader.h"

namespace quiver::text {

class TermsEnum {
 public:
  enum class SeekStatus : uint8_t {
    kFound,     // positioned on the target
    kNotFound,  // positioned on the smallest term greater than the target
    kEnd,       // no term is >= the target
  };

  explicit TermsEnum(const TermDictionaryReader* dict);

  // Moves to the next term (the first one on a fresh enum); false at the end.
  bool Next();
  SeekStatus SeekCeil(std::string_view target);
  // Positions on `target` if it exists.
  bool SeekExact(std::string_view target) { return SeekCeil(target) == SeekStatus::kFound; }

  // The current term; valid until the enum moves.
  std::string_view term() const { return term_; }
  // Rank of the current term in byte order.
  uint64_t ord() const { return block_info_.first_ord + index_; }
  // Statistics and postings location of the current term.
  const TermState& state();
  uint32_t doc_freq() { return state().doc_freq; }
  uint64_t total_term_freq() { return state().total_term_freq; }

  // Not OK after corrupt bytes were met.
  const Status& status() const { return status_; }

 private:
  bool LoadBlock(uint32_t block);
  // Decodes the next suffix of the current block into term_; sets
  // *prefix_len. False on corruption.
  bool ReadTerm(size_t* prefix_len);
  // Continues a SeekCeil from the current term (< target, sharing
  // `matched` bytes with it).
  SeekStatus ScanFrom(std::string_view target, size_t matched);
  SeekStatus End();
  bool Fail();

  const TermDictionaryReader* dict_;
  int64_t block_ = -1;
  TermDictionaryReader::Block block_info_;
  uint32_t index_ = 0;  // of the current term within the block
  const uint8_t* suffix_p_ = nullptr;
  std::string term_;
  bool positioned_ = false;
  bool at_end_ = false;
  TermMetaDecoder metas_;
  TermState state_;
  bool state_valid_ = false;
  Status status_;
};

}  // namespace quiver::text
