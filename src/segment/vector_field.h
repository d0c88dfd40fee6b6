// How a dense_vector / seed `vector` field of the mapping becomes the options
// of its per-segment vector index (vector/vector_index_writer.h).
#pragma once

#include <optional>

#include "schema/field_mapper.h"
#include "vector/metric.h"
#include "vector/vector_index_writer.h"

namespace quiver::segment {

// Options to index `field` with, given the dims of its first vector (the
// mapping's dims may still be unset); nullopt when the field is not indexed
// for kNN (index: false, bit vectors).
//
// ES index types Quiver has no structure for map to the nearest one it has:
// int4_hnsw and bbq_hnsw → int8_hnsw, int4_flat and bbq_flat → int8_flat
// (same API and ranking; only the memory/recall trade-off differs). Without
// index_options ES 8.14+ defaults float vectors to int8_hnsw and byte vectors
// to hnsw.
std::optional<vector::VectorIndexOptions> VectorIndexOptionsFor(const schema::FieldMapper& field,
                                                                uint32_t dims);

// The ES similarity of a vector field (l2_norm when unset, as the seed
// plugin's default metric).
vector::EsSimilarity EsSimilarityOf(const schema::FieldMapper& field);
vector::ElementType ElementTypeOf(const schema::FieldMapper& field);

}  // namespace quiver::segment
