// Test helpers: seeded random and clustered data sets, exact ground truth,
// recall@k, and a one-call index build + open.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vector/doc_filter.h"
#include "vector/vector_index.h"
#include "vector/vector_index_writer.h"

namespace quiver::vector::testing {

struct Dataset {
  uint32_t dims = 0;
  std::vector<float> base;     // n × dims
  std::vector<float> queries;  // q × dims
  uint32_t size() const { return static_cast<uint32_t>(base.size() / dims); }
  uint32_t num_queries() const { return static_cast<uint32_t>(queries.size() / dims); }
  const float* Base(uint32_t i) const { return base.data() + size_t{i} * dims; }
  const float* Query(uint32_t i) const { return queries.data() + size_t{i} * dims; }
};

// Uniform in [-1, 1].
Dataset RandomDataset(uint32_t n, uint32_t num_queries, uint32_t dims, uint64_t seed);
// Gaussian clusters around random centres (queries drawn the same way).
Dataset ClusteredDataset(uint32_t n, uint32_t num_queries, uint32_t dims, uint32_t clusters,
                         uint64_t seed);

// Exact top-k doc ids (doc = i × doc_stride) by brute force, filter applied.
std::vector<std::vector<uint32_t>> GroundTruth(const Dataset& data, Metric metric, uint32_t k,
                                               const DocFilter* filter = nullptr,
                                               uint32_t doc_stride = 1);

double Recall(const std::vector<std::vector<uint32_t>>& truth,
              const std::vector<std::vector<ScoredDoc>>& results, uint32_t k);

// Serialized index over data.base with doc ids i × doc_stride.
std::string BuildIndex(const Dataset& data, const VectorIndexOptions& options,
                       uint32_t doc_stride = 1);

// Owns the buffer (64-byte aligned copy) and the index opened over it.
struct OpenedIndex {
  std::shared_ptr<char> buffer;
  std::unique_ptr<VectorIndex> index;
};
OpenedIndex Open(const std::string& bytes);

std::vector<std::vector<ScoredDoc>> SearchAll(const VectorIndex& index, const Dataset& data,
                                              const SearchParams& params,
                                              const DocFilter* filter = nullptr);

}  // namespace quiver::vector::testing
