#include "vector/vector_index.h"

#include <cmath>
#include <string>

namespace quiver::vector {

Result<std::vector<ScoredDoc>> VectorIndex::Search(std::span<const float> query,
                                                   const SearchParams& params,
                                                   const DocFilter* filter) const {
  if (query.size() != store_.dims) {
    return Status::InvalidArgument("the query vector has a different number of dimensions [" +
                                   std::to_string(query.size()) + "] than the document vectors [" +
                                   std::to_string(store_.dims) + "]");
  }
  if (params.k == 0) return Status::InvalidArgument("[k] must be greater than 0");
  for (float v : query) {
    if (!std::isfinite(v)) return Status::InvalidArgument("query vector has non-finite values");
  }
  if (store_.num_vectors == 0) return std::vector<ScoredDoc>{};
  PreparedQuery prepared(store_, query);
  return DoSearch(prepared, params, filter);
}

VectorIndexStats VectorIndex::Stats() const {
  VectorIndexStats s;
  s.type = type();
  s.metric = store_.metric;
  s.dims = store_.dims;
  s.num_vectors = store_.num_vectors;
  size_t ids = size_t{store_.num_vectors} * sizeof(uint32_t);
  if (store_.quantized()) {
    s.search_memory_bytes = ids + store_.CodeBytes();
    s.rescore_memory_bytes = store_.FloatBytes();
  } else {
    s.search_memory_bytes = ids + store_.FloatBytes();
  }
  return s;
}

}  // namespace quiver::vector
