// HnswBuilder: constructs a Hierarchical Navigable Small World graph over the
// vectors of a VectorStore (Malkov & Yashunin, "Efficient and robust
// approximate nearest neighbor search using HNSW graphs", 2016/2018):
// levels drawn with mL = 1/ln(M), insertion by greedy descent then beam search
// with ef_construction, neighbours chosen by the paper's heuristic
// (Algorithm 4, without extendCandidates / keepPrunedConnections, as hnswlib),
// M links per node on levels ≥ 1 and 2M on level 0.
//
// Builds over float vectors, or over int8 codes when the store is quantized
// (int8_hnsw). Owns the graph; the store's arrays must outlive the builder.
// Build() may use several threads internally (striped per-node locks, as
// hnswlib); the object itself is not thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

#include "common/status.h"
#include "vector/top_k.h"
#include "vector/vector_store.h"

namespace quiver::vector {

struct HnswOptions {
  uint32_t m = 16;                 // ES default
  uint32_t ef_construction = 100;  // ES default
  uint64_t seed = 42;              // level generation
  uint32_t num_threads = 1;        // build threads
};

class HnswBuilder {
 public:
  static constexpr uint32_t kNone = 0xffffffffu;
  static constexpr uint32_t kMaxM = 512;  // ES's limit for `m`

  HnswBuilder(const HnswOptions& options, const VectorStore& store);
  ~HnswBuilder();

  // Pre-links nodes [0, num_nodes) with the graph of an existing index (merge
  // fast path). `neighbors(node, level, out)` fills out with node's links.
  // Must be called before Build; levels of these nodes come from `levels`.
  template <typename NeighborFn>
  void Seed(uint32_t num_nodes, const std::vector<uint8_t>& levels, uint32_t entry_point,
            NeighborFn&& neighbors);

  // Inserts every node not seeded.
  Status Build();

  // Graph access (also the Graph concept of hnsw_search.h).
  uint32_t Neighbors(uint32_t node, int level, uint32_t* scratch, const uint32_t** ids) const {
    const uint32_t* list = List(node, level);
    *ids = list + 1;
    return list[0];
  }
  void PrefetchNeighbors(uint32_t node, int level) const {
    __builtin_prefetch(List(node, level), 0, 3);
  }
  uint32_t size() const { return store_.num_vectors; }
  int level(uint32_t node) const { return levels_[node]; }
  const std::vector<uint8_t>& levels() const { return levels_; }
  uint32_t entry_point() const { return entry_; }
  int max_level() const { return max_level_; }
  uint32_t m() const { return m_; }
  uint32_t m0() const { return m0_; }
  const HnswOptions& options() const { return options_; }

 private:
  template <bool kConcurrent>
  friend struct BuilderGraph;

  template <bool kQuantized, bool kConcurrent>
  void InsertAll(uint32_t begin);
  template <bool kConcurrent, typename Dist>
  void Insert(uint32_t q, const Dist& dist);
  template <typename Between>
  static void SelectNeighbors(std::vector<DistId>* candidates, uint32_t max_count,
                              const Between& between, std::vector<DistId>* scratch);
  template <bool kConcurrent, typename Between>
  void AddLink(uint32_t node, uint32_t new_neighbor, float distance, int level,
               const Between& between, std::vector<DistId>* scratch);

  uint32_t* List(uint32_t node, int level) {
    return level == 0 ? &level0_[size_t{node} * (m0_ + 1)]
                      : &upper_[node][static_cast<size_t>(level - 1) * (m_ + 1)];
  }
  const uint32_t* List(uint32_t node, int level) const {
    return level == 0 ? &level0_[size_t{node} * (m0_ + 1)]
                      : &upper_[node][static_cast<size_t>(level - 1) * (m_ + 1)];
  }
  // Distances from `node` to its links, parallel to List(node, level) + 1;
  // kUnknownDistance for links given by Seed().
  float* LinkDistances(uint32_t node, int level) {
    return level == 0 ? &level0_dist_[size_t{node} * m0_]
                      : &upper_dist_[node][static_cast<size_t>(level - 1) * m_];
  }
  std::mutex& NodeLock(uint32_t node) { return node_locks_[node & (kNumLocks - 1)]; }

  static constexpr uint32_t kNumLocks = 4096;
  static constexpr float kUnknownDistance = std::numeric_limits<float>::quiet_NaN();

  HnswOptions options_;
  VectorStore store_;
  uint32_t m_;
  uint32_t m0_;
  std::vector<uint8_t> levels_;
  std::vector<uint32_t> level0_;              // size × (1 + m0): count, links
  std::vector<std::vector<uint32_t>> upper_;  // per node: level × (1 + m)
  // Link distances, so a full list is re-selected without recomputing the
  // distances to its current links (hnswlib recomputes them).
  std::vector<float> level0_dist_;              // size × m0
  std::vector<std::vector<float>> upper_dist_;  // per node: level × m
  uint32_t seeded_ = 0;
  uint32_t entry_ = kNone;  // GUARDED_BY(global_mu_) during a concurrent build
  int max_level_ = -1;      // GUARDED_BY(global_mu_) during a concurrent build
  std::mutex global_mu_;
  std::atomic<uint32_t> next_node_{0};  // work counter of a concurrent build
  std::unique_ptr<std::mutex[]> node_locks_;
};

template <typename NeighborFn>
void HnswBuilder::Seed(uint32_t num_nodes, const std::vector<uint8_t>& levels, uint32_t entry_point,
                       NeighborFn&& neighbors) {
  std::vector<uint32_t> buf;
  for (uint32_t node = 0; node < num_nodes; ++node) {
    levels_[node] = levels[node];
    upper_[node].assign(size_t{levels[node]} * (m_ + 1), 0);
    upper_dist_[node].assign(size_t{levels[node]} * m_, kUnknownDistance);
    for (int level = 0; level <= levels[node]; ++level) {
      buf.clear();
      neighbors(node, level, &buf);
      uint32_t cap = level == 0 ? m0_ : m_;
      uint32_t* list = List(node, level);
      float* dists = LinkDistances(node, level);
      uint32_t count = 0;
      for (uint32_t id : buf) {
        if (id < num_nodes && count < cap) {
          dists[count] = kUnknownDistance;
          list[1 + count++] = id;
        }
      }
      list[0] = count;
    }
    if (levels[node] > max_level_) max_level_ = levels[node];
  }
  entry_ = num_nodes > 0 ? entry_point : kNone;
  if (entry_ != kNone) max_level_ = levels_[entry_];
  seeded_ = num_nodes;
}

}  // namespace quiver::vector
