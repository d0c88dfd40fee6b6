// Serializer for `hnsw` and `int8_hnsw` (docs/formats/vector.md). Optionally renumbers
// nodes in BFS order of the level-0 graph from the entry point, so nodes that
// are searched together sit together in memory (graph reordering for cache
// locality, e.g. Coleman et al., "Graph Reordering for Cache-Efficient Near
// Neighbor Search", 2022), then writes the common sections, the levels and
// the adjacency — fixed-width for float hnsw (fastest), bit-packed for
// int8_hnsw (smallest) unless overridden.
#pragma once

#include <optional>
#include <string>

#include "vector/hnsw_builder.h"
#include "vector/index_format.h"
#include "vector/stored_vectors_writer.h"

namespace quiver::vector {

struct HnswSerializeOptions {
  bool reorder = true;
  // Default: kFixed for float vectors, kPacked for quantized ones.
  std::optional<format::Level0Encoding> encoding;
};

// `vectors` is the store the builder was built over; it is permuted in place
// when reordering.
std::string SerializeHnswIndex(const HnswBuilder& graph, StoredVectorsWriter* vectors,
                               const HnswSerializeOptions& options = {});

}  // namespace quiver::vector
