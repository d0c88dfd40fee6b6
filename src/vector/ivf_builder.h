// IVF index writer/serializer for `ivf` and `int8_ivf` (docs/formats/vector.md): trains
// nlist centroids with k-means (kmeans.h) on a sample, assigns every vector to
// its nearest centroid and stores each list's vectors (and codes) contiguously
// with their doc ids, so a probe is one sequential scan.
//
// An index with fewer than min_points_per_centroid × nlist vectors (39, FAISS's
// warning threshold) is not trained: it is stored with nlist = 0 and searched
// exactly. Pre-trained centroids (the seed plugin's `_ivf/train`) can be
// passed in instead of training.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "vector/stored_vectors_writer.h"

namespace quiver::vector {

struct IvfOptions {
  uint32_t nlist = 100;  // seed plugin default
  uint32_t nprobe = 10;  // default nprobe stored in the index
  uint32_t max_iterations = 10;
  uint32_t max_points_per_centroid = 256;
  uint32_t min_points_per_centroid = 39;
  uint64_t seed = 42;
  uint32_t num_threads = 1;
  // nlist × dims centroids (original dimension order; normalized for cosine)
  // to use instead of training.
  std::vector<float> centroids;
};

// Builds and serializes; permutes `vectors` into list order.
std::string BuildIvfIndex(StoredVectorsWriter* vectors, const IvfOptions& options);

}  // namespace quiver::vector
