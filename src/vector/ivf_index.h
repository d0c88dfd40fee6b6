// IvfIndex: reader for `ivf` and `int8_ivf` (docs/formats/vector.md). A search ranks the
// nlist centroids, scans the nprobe nearest lists (float vectors, or int8 codes
// then float rescoring of the best k × oversample), filter applied during the
// scan.
//
// Filtered search: with a filter accepting a fraction s of the vectors,
// nprobe is raised to ceil(nprobe / s), so about as many accepted vectors are
// scanned as unfiltered; when that reaches nlist, or the filter accepts few
// docs, the search is exact over the accepted docs. An untrained index
// (nlist = 0) always searches exactly.
//
// Immutable; thread-safe.
#pragma once

#include <memory>
#include <span>

#include "vector/index_file_reader.h"
#include "vector/vector_index.h"

namespace quiver::vector {

class IvfIndex final : public VectorIndex {
 public:
  static Result<std::unique_ptr<IvfIndex>> Open(const IndexFileReader& file);

  IndexType type() const override { return type_; }
  VectorIndexStats Stats() const override;

  bool is_trained() const { return nlist_ > 0; }
  uint32_t nlist() const { return nlist_; }
  uint32_t default_nprobe() const { return default_nprobe_; }
  uint32_t ListSize(uint32_t list) const { return offsets_[list + 1] - offsets_[list]; }
  const float* centroids() const { return centroids_; }
  // The `nprobe` lists nearest to the query, nearest first (for stats and
  // benchmarks; Search uses the same ranking).
  std::vector<uint32_t> ProbeOrder(std::span<const float> query, uint32_t nprobe) const;

 protected:
  std::vector<ScoredDoc> DoSearch(const PreparedQuery& query, const SearchParams& params,
                                  const DocFilter* filter) const override;

 private:
  IvfIndex(const VectorStore& store, IndexType type) : VectorIndex(store), type_(type) {}
  std::vector<uint32_t> NearestLists(const float* query, uint32_t nprobe) const;

  IndexType type_;
  uint32_t nlist_ = 0;
  uint32_t default_nprobe_ = 10;
  const float* centroids_ = nullptr;
  const uint32_t* offsets_ = nullptr;
};

}  // namespace quiver::vector
