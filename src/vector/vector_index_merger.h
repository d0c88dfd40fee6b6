// MergeVectorIndexes: builds the vector index of a merged segment from the
// surviving vectors of several source indexes.
//
// Fast path for hnsw / int8_hnsw (as Lucene's merge does since 9.x): when the
// largest source is an HNSW graph of the same metric, dims and M with no
// dropped docs, its graph is reused as-is and only the other sources' vectors
// are inserted into it. Otherwise the index is rebuilt from all vectors.
//
// Thread-compatible: sources are only read.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "common/status.h"
#include "vector/vector_index.h"
#include "vector/vector_index_writer.h"

namespace quiver::vector {

inline constexpr uint32_t kDroppedDoc = 0xffffffffu;

struct MergeSource {
  const VectorIndex* index = nullptr;
  // doc_map[old_doc] = doc id in the merged segment, or kDroppedDoc for a
  // deleted doc. Old docs ≥ doc_map.size() are dropped.
  std::span<const uint32_t> doc_map;
};

Result<std::string> MergeVectorIndexes(std::span<const MergeSource> sources,
                                       const VectorIndexOptions& options);

}  // namespace quiver::vector
