// VectorIndex: the reader interface every ANN index implements (flat, hnsw,
// ivf and their int8 variants). Opened over a serialized index buffer by
// OpenVectorIndex() (vector_index_reader.h); points into that buffer, which
// must outlive it.
//
// Immutable after open: Search and every accessor are safe to call from many
// threads at once without external synchronization.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "common/status.h"
#include "vector/doc_filter.h"
#include "vector/search_types.h"
#include "vector/vector_store.h"

namespace quiver::vector {

class VectorIndex {
 public:
  virtual ~VectorIndex() = default;

  // The k nearest docs accepted by `filter` (null = all), sorted by ascending
  // distance (metric.h). InvalidArgument on a query of the wrong length, with
  // non-finite values, or k == 0.
  Result<std::vector<ScoredDoc>> Search(std::span<const float> query, const SearchParams& params,
                                        const DocFilter* filter = nullptr) const;

  virtual IndexType type() const = 0;
  virtual VectorIndexStats Stats() const;

  Metric metric() const { return store_.metric; }
  uint32_t dims() const { return store_.dims; }
  // Number of stored vectors (ordinals 0..size()-1).
  uint32_t size() const { return store_.num_vectors; }
  uint32_t DocAt(uint32_t ordinal) const { return store_.doc_ids[ordinal]; }
  // The vector of `ordinal` as indexed (cosine: original scale restored), for
  // merges and rebuilds: for (ord < size()) { DocAt(ord); GetVector(ord, buf); }
  void GetVector(uint32_t ordinal, float* out) const { store_.CopyOriginal(ordinal, out); }
  const VectorStore& store() const { return store_; }

 protected:
  explicit VectorIndex(const VectorStore& store) : store_(store) {}
  virtual std::vector<ScoredDoc> DoSearch(const PreparedQuery& query, const SearchParams& params,
                                          const DocFilter* filter) const = 0;

  VectorStore store_;
};

}  // namespace quiver::vector
