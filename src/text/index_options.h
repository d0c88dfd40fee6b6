// IndexOptions: what an inverted field records per term occurrence, as
// Elasticsearch's `index_options` mapping parameter (and Lucene's
// IndexOptions). Each level includes the previous ones.
#pragma once

#include <cstdint>
#include <string_view>

namespace quiver::text {

enum class IndexOptions : uint8_t {
  kDocs = 0,       // doc ids only; every freq reads as 1
  kFreqs = 1,      // + term frequency per doc
  kPositions = 2,  // + positions (phrase queries)
  kOffsets = 3,    // + start/end character offsets (highlighting)
};

inline bool HasFreqs(IndexOptions o) { return o >= IndexOptions::kFreqs; }
inline bool HasPositions(IndexOptions o) { return o >= IndexOptions::kPositions; }
inline bool HasOffsets(IndexOptions o) { return o >= IndexOptions::kOffsets; }

// ES spelling: "docs", "freqs", "positions", "offsets".
std::string_view IndexOptionsName(IndexOptions o);
// Parses the ES spelling; false when unknown.
bool ParseIndexOptions(std::string_view name, IndexOptions* out);

}  // namespace quiver::text
