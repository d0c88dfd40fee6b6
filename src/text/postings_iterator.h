// PostingsIterator: the postings of one term read from the mapped postings
// and positions components (docs/formats/inverted-index.md). A Lucene-style
// DocIdSetIterator (doc, NextDoc, Advance, cost) with freqs, positions and
// offsets, plus block-max support for WAND/MaxScore: AdvanceShallow moves
// a separate cursor to the 128-doc block containing a target using only
// the skip table, and impacts() gives that block's competitive
// (freq, norm) pairs without decoding its docs.
//
// Decodes one block of 128 docs at a time (PFOR, SIMD where available);
// Advance gallops over the skip table. Not thread-safe; reusable through
// Reset. Corrupt bytes end the iteration (kNoMoreDocs) and set status().
#pragma once

#include <cstdint>
#include <cstring>
#include <span>

#include "common/status.h"
#include "text/impacts.h"
#include "text/index_options.h"
#include "text/norms_reader.h"
#include "text/postings_format.h"
#include "text/term_dictionary_reader.h"

namespace quiver::text {

// The components a PostingsIterator reads; built by FieldIndexReader.
struct PostingsData {
  const uint8_t* postings = nullptr;
  size_t postings_size = 0;
  const uint8_t* positions = nullptr;
  size_t positions_size = 0;
  const NormsReader* norms = nullptr;
  IndexOptions field_options = IndexOptions::kDocs;
  bool has_norms = false;
  uint32_t num_docs = 0;
};

class PostingsIterator {
 public:
  PostingsIterator() = default;
  PostingsIterator(const PostingsIterator&) = delete;
  PostingsIterator& operator=(const PostingsIterator&) = delete;

  // Positions the iterator before the first doc of the term. `features`
  // (capped at the field's options) says what will be read: freqs,
  // positions, offsets. The data must outlive the iterator.
  Status Reset(const PostingsData& data, const TermState& term, IndexOptions features);

  // The current doc: 0xffffffff before the first NextDoc/Advance,
  // kNoMoreDocs at the end.
  uint32_t doc() const { return doc_; }
  uint32_t NextDoc() {
    if (++buffer_pos_ < buffer_size_) {
      doc_ = docs_[buffer_pos_];
      pos_pending_ += freqs_[buffer_pos_];
      return doc_;
    }
    return NextDocSlow();
  }
  // The first doc >= target (target > doc()); kNoMoreDocs if none.
  uint32_t Advance(uint32_t target);
  // Number of docs of the term (an upper bound of what the iterator yields).
  uint64_t cost() const { return doc_freq_; }

  // Occurrences in the current doc (1 unless freqs were asked for).
  uint32_t freq() const { return freqs_[static_cast<uint32_t>(buffer_pos_) & (kBlockSize - 1)]; }
  // The next position of the current doc; call at most freq() times.
  uint32_t NextPosition();
  // Offsets of the position last returned (0 unless offsets were asked for).
  uint32_t start_offset() const { return start_offset_; }
  uint32_t end_offset() const { return end_offset_; }

  // Moves the block cursor to the block that contains `target` (targets
  // non-decreasing) and returns the last doc of that block, or kNoMoreDocs
  // when no doc >= target exists. Never decodes docs; does not move doc().
  uint32_t AdvanceShallow(uint32_t target);
  // Competitive (freq, norm) pairs of the block found by the last
  // AdvanceShallow: every doc of that block scores at most the best of
  // them. Empty on corruption (see status()).
  std::span<const Impact> impacts();
  // Shorthands over impacts(): the block's greatest freq and smallest norm.
  uint32_t block_max_freq();
  uint8_t block_min_norm();

  const Status& status() const { return status_; }

 private:
  enum class Kind : uint8_t { kSingleton, kSmall, kLarge };

  uint32_t NextDocSlow();
  bool LoadBlock(uint32_t block);
  bool DecodeTail(const uint8_t* p, const uint8_t* end, int64_t base, uint32_t count);
  uint32_t FindBlock(uint32_t from, uint32_t target) const;  // first block >= from ending >= target
  void ResetPositions(uint32_t block);
  bool LoadPositionBlock(uint64_t block);
  uint32_t Exhaust();
  uint32_t Fail(const char* what);

  uint32_t LastDoc(uint32_t block) const { return Load32(skip_last_doc_, block); }
  uint32_t BlockEnd(uint32_t block) const { return Load32(skip_block_end_, block); }
  static uint32_t Load32(const uint8_t* array, uint32_t i) {
    uint32_t v;
    std::memcpy(&v, array + 4 * size_t{i}, 4);
    return v;
  }

  PostingsData data_;
  IndexOptions features_ = IndexOptions::kDocs;
  Kind kind_ = Kind::kSingleton;
  uint32_t doc_freq_ = 0;
  uint64_t total_term_freq_ = 0;
  uint32_t doc_ = 0xffffffffu;

  // Blocks.
  uint32_t num_blocks_ = 0;
  uint32_t num_full_blocks_ = 0;
  uint32_t next_block_ = 0;  // the block NextDoc loads next
  uint32_t singleton_doc_ = 0;
  uint32_t small_last_doc_ = 0;
  const uint8_t* small_tail_ = nullptr;  // small terms: the tail block
  const uint8_t* skip_last_doc_ = nullptr;
  const uint8_t* skip_block_end_ = nullptr;
  const uint8_t* skip_pos_start_ = nullptr;
  const uint8_t* skip_pos_count_ = nullptr;
  const uint8_t* blocks_start_ = nullptr;
  const uint8_t* postings_end_ = nullptr;
  int buffer_size_ = 0;
  int buffer_pos_ = -1;
  alignas(16) uint32_t docs_[kBlockSize];
  alignas(16) uint32_t freqs_[kBlockSize];

  // Block-max cursor.
  uint32_t shallow_block_ = 0;
  bool impacts_valid_ = false;
  size_t num_impacts_ = 0;
  Impact impacts_[kMaxImpacts];

  // Positions.
  const uint8_t* pos_data_ = nullptr;  // the term's positions
  const uint8_t* pos_end_ = nullptr;
  uint64_t pos_pending_ = 0;  // positions up to the end of the current doc not yet read
  uint64_t pos_next_ = 0;     // index (in the term) of the next position to read
  int64_t pos_loaded_block_ = -1;
  uint64_t pos_anchor_block_ = 0;        // a positions block whose start is known...
  const uint8_t* pos_anchor_ = nullptr;  // ...here
  uint32_t position_ = 0;
  uint32_t start_offset_ = 0;
  uint32_t end_offset_ = 0;
  alignas(16) uint32_t pos_gaps_[kBlockSize];
  alignas(16) uint32_t start_gaps_[kBlockSize];
  alignas(16) uint32_t lengths_[kBlockSize];

  Status status_;
};

}  // namespace quiver::text
