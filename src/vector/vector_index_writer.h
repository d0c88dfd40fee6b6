// VectorIndexWriter: the segment layer's entry point for building the ANN
// index of one dense_vector field. Collect (doc, vector) pairs while
// documents are indexed, then Finish() at refresh/flush returns the serialized
// index (docs/formats/vector.md) to embed in the segment file at a 64-byte-aligned offset;
// open it with OpenVectorIndex() (vector_index_reader.h).
//
// Not thread-safe (one writer per field per segment); Finish may use
// options.num_threads threads internally.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "common/status.h"
#include "vector/hnsw_builder.h"
#include "vector/ivf_builder.h"
#include "vector/search_types.h"
#include "vector/stored_vectors_writer.h"

namespace quiver::vector {

struct VectorIndexOptions {
  IndexType type = IndexType::kHnsw;
  Metric metric = Metric::kL2;
  uint32_t dims = 0;
  HnswOptions hnsw;  // m 16, ef_construction 100 (ES defaults)
  IvfOptions ivf;    // nlist 100, nprobe 10 (seed plugin defaults)
  // int8 types: quantile confidence interval; 0 = Lucene's default.
  float confidence_interval = 0;
  // Build threads for HNSW insertion and k-means (overrides hnsw/ivf).
  uint32_t num_threads = 1;
};

class VectorIndexWriter {
 public:
  explicit VectorIndexWriter(const VectorIndexOptions& options);

  // Doc ids must be strictly increasing. InvalidArgument on wrong length,
  // non-finite values, or a zero vector under cosine (as ES rejects it).
  Status Add(uint32_t doc, std::span<const float> vector);
  size_t size() const { return vectors_.size(); }

  // Builds and serializes the index; the writer is spent afterwards.
  Result<std::string> Finish();

 private:
  VectorIndexOptions options_;
  StoredVectorsWriter vectors_;
  int64_t last_doc_ = -1;
};

// Validates options (dims 1..4096, m 2..512, ...).
Status ValidateOptions(const VectorIndexOptions& options);

// Builds from a filled StoredVectorsWriter (used by Finish and by merges).
Result<std::string> BuildVectorIndex(StoredVectorsWriter* vectors,
                                     const VectorIndexOptions& options);

}  // namespace quiver::vector
