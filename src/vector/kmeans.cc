#include "vector/kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <thread>

#include "vector/distances.h"
#include "vector/vector_store.h"

namespace quiver::vector {
namespace {

// Runs fn(begin, end) over [0, n) split across threads.
template <typename Fn>
void ParallelFor(size_t n, uint32_t num_threads, Fn&& fn) {
  num_threads = std::max<uint32_t>(1, num_threads);
  if (num_threads == 1 || n < 1024) {
    fn(size_t{0}, n);
    return;
  }
  std::vector<std::thread> threads;
  size_t chunk = (n + num_threads - 1) / num_threads;
  for (uint32_t t = 0; t < num_threads; ++t) {
    size_t begin = t * chunk, end = std::min(n, begin + chunk);
    if (begin >= end) break;
    threads.emplace_back([&fn, begin, end] { fn(begin, end); });
  }
  for (auto& t : threads) t.join();
}

// Nearest centroid (and its distance) for one vector.
inline uint32_t Nearest(const float* x, const float* centroids, uint32_t k, uint32_t dims, bool l2,
                        float* scratch, float* best_distance) {
  const DistanceKernels& kern = Kernels();
  uint32_t best = 0;
  float best_d = std::numeric_limits<float>::infinity();
  constexpr uint32_t kBlock = 256;
  for (uint32_t b = 0; b < k; b += kBlock) {
    uint32_t n = std::min(kBlock, k - b);
    if (l2) {
      kern.l2sq_f32_many(x, centroids + size_t{b} * dims, n, dims, scratch);
    } else {
      kern.dot_f32_many(x, centroids + size_t{b} * dims, n, dims, scratch);
    }
    for (uint32_t i = 0; i < n; ++i) {
      float d = l2 ? scratch[i] : -scratch[i];
      if (d < best_d) {
        best_d = d;
        best = b + i;
      }
    }
  }
  if (best_distance != nullptr) *best_distance = best_d;
  return best;
}

}  // namespace

void AssignToCentroids(const float* vectors, size_t num_vectors, uint32_t dims,
                       const float* centroids, uint32_t num_centroids, Metric metric,
                       uint32_t num_threads, uint32_t* out) {
  const bool l2 = metric == Metric::kL2;
  ParallelFor(num_vectors, num_threads, [&](size_t begin, size_t end) {
    std::vector<float> scratch(256);
    for (size_t i = begin; i < end; ++i) {
      out[i] =
          Nearest(vectors + i * dims, centroids, num_centroids, dims, l2, scratch.data(), nullptr);
    }
  });
}

std::vector<float> TrainKMeans(const float* vectors, size_t num_vectors, uint32_t dims,
                               Metric metric, const KMeansOptions& options) {
  const uint32_t k = options.num_clusters;
  const bool l2 = metric == Metric::kL2;
  std::mt19937_64 rng(options.seed);

  // Training sample: at most max_points_per_centroid × k rows.
  size_t sample_size = std::min(num_vectors, size_t{options.max_points_per_centroid} * k);
  std::vector<float> sample(sample_size * dims);
  {
    std::vector<uint32_t> perm(num_vectors);
    for (size_t i = 0; i < num_vectors; ++i) perm[i] = static_cast<uint32_t>(i);
    for (size_t i = 0; i < sample_size; ++i) {
      std::uniform_int_distribution<size_t> pick(i, num_vectors - 1);
      std::swap(perm[i], perm[pick(rng)]);
      std::copy_n(vectors + size_t{perm[i]} * dims, dims, sample.begin() + i * dims);
    }
  }

  // k-means++ seeding on a subsample of at most 32 × k rows: each new centroid
  // is drawn with probability proportional to the squared distance to the
  // nearest centroid chosen so far.
  std::vector<float> centroids(size_t{k} * dims);
  const size_t init_size = std::min(sample_size, size_t{32} * k);
  {
    std::vector<float> nearest(init_size, std::numeric_limits<float>::infinity());
    std::uniform_int_distribution<size_t> first(0, init_size - 1);
    std::copy_n(sample.begin() + first(rng) * dims, dims, centroids.begin());
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    for (uint32_t c = 1; c <= k; ++c) {
      const float* prev = centroids.data() + size_t{c - 1} * dims;
      double total = 0;
      for (size_t i = 0; i < init_size; ++i) {
        float d = L2Sqr(sample.data() + i * dims, prev, dims);
        nearest[i] = std::min(nearest[i], d);
        total += nearest[i];
      }
      if (c == k) break;
      size_t chosen = 0;
      if (total > 0) {
        double target = uniform(rng) * total, acc = 0;
        for (chosen = 0; chosen + 1 < init_size; ++chosen) {
          acc += nearest[chosen];
          if (acc >= target) break;
        }
      } else {
        chosen = first(rng);
      }
      std::copy_n(sample.begin() + chosen * dims, dims, centroids.begin() + size_t{c} * dims);
    }
  }
  if (!l2) {
    for (uint32_t c = 0; c < k; ++c) NormalizeInPlace(centroids.data() + size_t{c} * dims, dims);
  }

  // Lloyd iterations.
  std::vector<uint32_t> assign(sample_size);
  std::vector<double> sums(size_t{k} * dims);
  std::vector<uint32_t> counts(k);
  for (uint32_t iter = 0; iter < options.max_iterations; ++iter) {
    AssignToCentroids(sample.data(), sample_size, dims, centroids.data(), k, metric,
                      options.num_threads, assign.data());
    std::fill(sums.begin(), sums.end(), 0.0);
    std::fill(counts.begin(), counts.end(), 0);
    for (size_t i = 0; i < sample_size; ++i) {
      const float* x = sample.data() + i * dims;
      double* s = sums.data() + size_t{assign[i]} * dims;
      for (uint32_t d = 0; d < dims; ++d) s[d] += x[d];
      ++counts[assign[i]];
    }
    for (uint32_t c = 0; c < k; ++c) {
      if (counts[c] == 0) continue;
      float* dst = centroids.data() + size_t{c} * dims;
      for (uint32_t d = 0; d < dims; ++d) {
        dst[d] = static_cast<float>(sums[size_t{c} * dims + d] / counts[c]);
      }
    }
    // Empty clusters: split the largest cluster with a small perturbation.
    for (uint32_t c = 0; c < k; ++c) {
      if (counts[c] != 0) continue;
      uint32_t big =
          static_cast<uint32_t>(std::max_element(counts.begin(), counts.end()) - counts.begin());
      float* dst = centroids.data() + size_t{c} * dims;
      const float* src = centroids.data() + size_t{big} * dims;
      for (uint32_t d = 0; d < dims; ++d) {
        float eps = (d % 2 == 0 ? 1.0f : -1.0f) * 1e-4f * (std::fabs(src[d]) + 1e-3f);
        dst[d] = src[d] + eps;
      }
      counts[c] = counts[big] / 2;
      counts[big] -= counts[c];
    }
    if (!l2) {
      for (uint32_t c = 0; c < k; ++c) NormalizeInPlace(centroids.data() + size_t{c} * dims, dims);
    }
  }
  return centroids;
}

}  // namespace quiver::vector
