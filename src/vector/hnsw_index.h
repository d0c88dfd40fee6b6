// HnswIndex: reader for `hnsw` and `int8_hnsw` (docs/formats/vector.md). Search descends
// the upper levels greedily, then runs a beam search of width
// max(ef_search, candidates) on level 0 (Malkov & Yashunin 2016). int8_hnsw
// traverses codes and rescores the best k × oversample with float vectors.
//
// Filters are applied during traversal (Lucene's HnswGraphSearcher): rejected
// nodes are explored but never returned. When the filter accepts few docs, or
// the graph search computes more distances than the filter accepts docs
// (Lucene's visit limit), it switches to exact search over the accepted docs.
//
// Immutable; thread-safe (per-thread scratch is thread_local).
#pragma once

#include <memory>

#include "vector/hnsw_graph.h"
#include "vector/index_file_reader.h"
#include "vector/vector_index.h"

namespace quiver::vector {

class HnswIndex final : public VectorIndex {
 public:
  static Result<std::unique_ptr<HnswIndex>> Open(const IndexFileReader& file);

  IndexType type() const override { return type_; }
  VectorIndexStats Stats() const override;

  const HnswGraphView& graph() const { return graph_; }
  uint32_t entry_point() const { return entry_; }
  int max_level() const { return max_level_; }
  uint32_t ef_construction() const { return ef_construction_; }

  // Filtered searches whose filter accepts at most max(this, 2 × ef) docs go
  // straight to exact search.
  static constexpr uint32_t kMinExactThreshold = 500;

 protected:
  std::vector<ScoredDoc> DoSearch(const PreparedQuery& query, const SearchParams& params,
                                  const DocFilter* filter) const override;

 private:
  HnswIndex(const VectorStore& store, IndexType type) : VectorIndex(store), type_(type) {}
  template <typename Dist>
  std::vector<ScoredDoc> SearchWith(const Dist& dist, const PreparedQuery& query,
                                    const SearchParams& params, const DocFilter* filter) const;

  IndexType type_;
  HnswGraphView graph_;
  uint32_t entry_ = 0;
  int max_level_ = 0;
  uint32_t ef_construction_ = 0;
  size_t graph_bytes_ = 0;
};

}  // namespace quiver::vector
