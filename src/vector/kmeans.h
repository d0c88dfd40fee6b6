// k-means clustering for IVF coarse quantizers: k-means++ seeding (Arthur &
// Vassilvitskii 2007) on a sample, then Lloyd iterations on a training sample
// of at most max_points_per_centroid × k vectors (FAISS's default cap is 256).
// Under inner product / cosine it runs spherical k-means (unit centroids,
// assignment by largest inner product). Empty clusters are re-seeded by
// splitting the largest one (as FAISS does). Deterministic for a seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "vector/metric.h"

namespace quiver::vector {

struct KMeansOptions {
  uint32_t num_clusters = 100;
  uint32_t max_iterations = 10;
  uint32_t max_points_per_centroid = 256;
  uint64_t seed = 42;
  uint32_t num_threads = 1;
};

// Returns num_clusters × dims centroids (fewer rows never: requires
// num_vectors ≥ num_clusters).
std::vector<float> TrainKMeans(const float* vectors, size_t num_vectors, uint32_t dims,
                               Metric metric, const KMeansOptions& options);

// out[i] = index of the centroid nearest to row i (metric as in TrainKMeans).
void AssignToCentroids(const float* vectors, size_t num_vectors, uint32_t dims,
                       const float* centroids, uint32_t num_centroids, Metric metric,
                       uint32_t num_threads, uint32_t* out);

}  // namespace quiver::vector
