// dense_vector / vector mapping parameters: parsing and validating
// `index_options`, deriving VectorOptions, and ES's rules for which
// index_options changes an update may make. Internal to the mapping parser.
#pragma once

#include <string_view>

#include "common/json.h"
#include "common/status.h"
#include "schema/field_mapper.h"

namespace quiver::schema {

// Normalizes a dense_vector `index_options` object ({"type":"int8_hnsw",...})
// to what GET _mapping prints, with ES's defaults (m 16, ef_construction
// 100; ivf nlist 100, nprobe 10) filled in.
Result<json::value> ParseVectorIndexOptions(const json::value& v, std::string_view field);

// Fills `out` from the explicit and effective parameters of a dense_vector
// or seed `vector` field and checks their combination (similarity or
// index_options on a non-indexed field, element_type support per index
// type, bit vectors and l2_norm, int4 even dims, bbq >= 64 dims).
Status FinalizeVectorOptions(std::string_view field, FieldType type, const json::object& params,
                             const json::object& effective, VectorOptions* out, bool* indexed);

// Checks index_options against the dims once known (int4 needs even dims,
// bbq at least 64).
Status ValidateVectorDims(const VectorOptions& options, int dims);

// True if a mapping update may change `from` into `to` (both normalized).
bool VectorIndexOptionsUpdatable(const json::value& from, const json::value& to);

}  // namespace quiver::schema
