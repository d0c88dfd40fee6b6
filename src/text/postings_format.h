// Constants of the inverted-index format (docs/formats/inverted-index.md),
// shared by its writers and readers.
#pragma once

#include <cstddef>
#include <cstdint>

namespace quiver::text {

// Returned by doc iterators once exhausted (Lucene's NO_MORE_DOCS).
inline constexpr uint32_t kNoMoreDocs = 0x7fffffff;

// Every value the format stores (doc ids, freqs, positions, offsets) is
// below this; larger inputs are clamped.
inline constexpr uint32_t kMaxStoredValue = 0x7fffffff;

// Docs per postings block and positions per positions block.
inline constexpr int kBlockSize = 128;

// Terms per term-dictionary block.
inline constexpr int kTermsPerBlock = 32;

inline constexpr uint8_t kTermsVersion = 1;
inline constexpr uint8_t kPostingsVersion = 1;
inline constexpr uint8_t kPositionsVersion = 1;
inline constexpr uint8_t kNormsVersion = 1;

inline constexpr size_t kTermsHeaderBytes = 64;
inline constexpr size_t kPostingsHeaderBytes = 8;
inline constexpr size_t kPositionsHeaderBytes = 8;
inline constexpr size_t kNormsHeaderBytes = 16;

// Norms component modes.
inline constexpr uint8_t kNormsNone = 0;
inline constexpr uint8_t kNormsDense = 1;
inline constexpr uint8_t kNormsSparse = 2;

// Term dictionary header flags.
inline constexpr uint8_t kTermsFlagHasNorms = 1;

}  // namespace quiver::text
