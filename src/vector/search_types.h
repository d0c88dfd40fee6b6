// Types shared by every index: search parameters, results, statistics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "vector/metric.h"

namespace quiver::vector {

enum class IndexType : uint8_t {
  kFlat = 1,
  kInt8Flat = 2,
  kHnsw = 3,
  kInt8Hnsw = 4,
  kIvf = 5,
  kInt8Ivf = 6,
};

// "hnsw", "int8_hnsw", ... (ES `index_options.type` names).
const char* IndexTypeName(IndexType type);
Result<IndexType> ParseIndexType(std::string_view name);
bool IsQuantized(IndexType type);

// One hit: segment-local doc id and the library distance (metric.h; lower is
// better). Results are sorted by ascending distance, ties by doc id.
struct ScoredDoc {
  uint32_t doc;
  float distance;
};

struct SearchParams {
  // Number of results.
  uint32_t k = 10;
  // HNSW beam width (ES num_candidates); the effective value is max(k, ef).
  // 0 = kDefaultEfSearch.
  uint32_t ef_search = 0;
  // IVF lists to probe; 0 = the index default (set at build time).
  uint32_t nprobe = 0;
  // Quantized indexes: rescore the best ceil(k × oversample) candidates with
  // the float vectors. 0 = kDefaultOversample; 1 with rescore = false returns
  // quantized distances.
  float oversample = 0;
  bool rescore = true;
  // Filtered search: when the filter accepts at most this many docs, search
  // exactly over them. 0 = automatic (see each index).
  uint32_t exact_search_threshold = 0;

  static constexpr uint32_t kDefaultEfSearch = 100;
  static constexpr float kDefaultOversample = 3.0f;
};

// Statistics for `_ivf/stats`-style endpoints and the memory report.
struct VectorIndexStats {
  IndexType type = IndexType::kFlat;
  Metric metric = Metric::kL2;
  uint32_t dims = 0;
  uint32_t num_vectors = 0;
  // Bytes that must be resident for fast search (doc ids, graph / lists /
  // centroids, and the traversed vectors: floats, or codes + corrections).
  size_t search_memory_bytes = 0;
  // Float vectors read only to rescore quantized candidates (may stay on disk).
  size_t rescore_memory_bytes = 0;
  // HNSW.
  uint32_t hnsw_m = 0;
  uint32_t hnsw_max_level = 0;
  // IVF.
  uint32_t nlist = 0;
  uint32_t default_nprobe = 0;
  bool is_trained = false;
  uint32_t min_list_size = 0;
  uint32_t max_list_size = 0;
  double avg_list_size = 0;
};

}  // namespace quiver::vector
