#include "vector/hnsw_builder.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <thread>

#include "vector/hnsw_search.h"

namespace quiver::vector {

// The builder's graph as seen by hnsw_search.h. During a concurrent build a
// neighbour list may be rewritten by another thread, so it is copied under
// the node's lock (hnswlib locks the same way).
template <bool kConcurrent>
struct BuilderGraph {
  HnswBuilder* builder;
  uint32_t Neighbors(uint32_t node, int level, uint32_t* scratch, const uint32_t** ids) const {
    if constexpr (kConcurrent) {
      std::lock_guard<std::mutex> lock(builder->NodeLock(node));
      const uint32_t* list = builder->List(node, level);
      uint32_t count = list[0];
      std::memcpy(scratch, list + 1, count * sizeof(uint32_t));
      *ids = scratch;
      return count;
    } else {
      return builder->Neighbors(node, level, scratch, ids);
    }
  }
  void PrefetchNeighbors(uint32_t node, int level) const {
    if constexpr (!kConcurrent) builder->PrefetchNeighbors(node, level);
  }
};

namespace {

// Distance from a stored node (the one being inserted) to others.
struct NodeFloatDistance : FloatDistance {
  NodeFloatDistance(const VectorStore& store, uint32_t node)
      : FloatDistance(store, store.Vector(node)) {}
};

struct NodeQuantizedDistance : QuantizedDistance {
  NodeQuantizedDistance(const VectorStore& store, uint32_t node)
      : QuantizedDistance(store, reinterpret_cast<const uint8_t*>(store.Code(node)),
                          store.corrections[node]) {}
};

}  // namespace

HnswBuilder::HnswBuilder(const HnswOptions& options, const VectorStore& store)
    : options_(options), store_(store) {
  m_ = std::clamp<uint32_t>(options_.m, 2, kMaxM);
  m0_ = 2 * m_;
  options_.m = m_;
  options_.ef_construction = std::max(options_.ef_construction, m_);
  const uint32_t n = store_.num_vectors;
  // Level of each node: floor(−ln(U) · mL), mL = 1 / ln(M) (paper, section 4).
  std::mt19937_64 rng(options_.seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const double ml = 1.0 / std::log(static_cast<double>(m_));
  levels_.resize(n);
  upper_.resize(n);
  upper_dist_.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    double u = uniform(rng);
    int level = static_cast<int>(-std::log(std::max(u, 1e-300)) * ml);
    levels_[i] = static_cast<uint8_t>(std::min(level, 60));
    if (levels_[i] > 0) {
      upper_[i].assign(size_t{levels_[i]} * (m_ + 1), 0);
      upper_dist_[i].assign(size_t{levels_[i]} * m_, kUnknownDistance);
    }
  }
  level0_.assign(size_t{n} * (m0_ + 1), 0);
  level0_dist_.assign(size_t{n} * m0_, kUnknownDistance);
  node_locks_.reset(new std::mutex[kNumLocks]);
}

HnswBuilder::~HnswBuilder() = default;

Status HnswBuilder::Build() {
  const uint32_t n = store_.num_vectors;
  if (seeded_ >= n) return Status::Ok();
  uint32_t threads = std::max<uint32_t>(1, options_.num_threads);
  // Small graphs: threads would mostly contend.
  if (n - seeded_ < 4096) threads = 1;
  const bool quantized = store_.quantized();
  if (threads == 1) {
    if (quantized) {
      InsertAll<true, false>(seeded_);
    } else {
      InsertAll<false, false>(seeded_);
    }
    return Status::Ok();
  }
  // The first few nodes single-threaded so the graph has an entry point.
  uint32_t warm = std::min(n, seeded_ + 64);
  {
    uint32_t saved = n;
    store_.num_vectors = warm;
    if (quantized) {
      InsertAll<true, false>(seeded_);
    } else {
      InsertAll<false, false>(seeded_);
    }
    store_.num_vectors = saved;
  }
  next_node_.store(warm);
  std::vector<std::thread> workers;
  for (uint32_t t = 0; t < threads; ++t) {
    workers.emplace_back([this, quantized, warm] {
      if (quantized) {
        InsertAll<true, true>(warm);
      } else {
        InsertAll<false, true>(warm);
      }
    });
  }
  for (auto& w : workers) w.join();
  seeded_ = n;
  return Status::Ok();
}

template <bool kQuantized, bool kConcurrent>
void HnswBuilder::InsertAll(uint32_t begin) {
  using Dist = std::conditional_t<kQuantized, NodeQuantizedDistance, NodeFloatDistance>;
  if constexpr (kConcurrent) {
    // Each worker claims the next node; `begin` was stored by Build().
    for (;;) {
      uint32_t q = next_node_.fetch_add(1, std::memory_order_relaxed);
      if (q >= store_.num_vectors) break;
      Insert<true>(q, Dist(store_, q));
    }
  } else {
    for (uint32_t q = begin; q < store_.num_vectors; ++q) Insert<false>(q, Dist(store_, q));
    seeded_ = store_.num_vectors;
  }
}

template <bool kConcurrent, typename Dist>
void HnswBuilder::Insert(uint32_t q, const Dist& dist) {
  const int level = levels_[q];
  std::unique_lock<std::mutex> global(global_mu_, std::defer_lock);
  if constexpr (kConcurrent) global.lock();
  uint32_t ep = entry_;
  int top = max_level_;
  if (ep == kNone) {
    entry_ = q;
    max_level_ = level;
    return;
  }
  // Keep the global lock only when this node becomes the new entry point.
  if (kConcurrent && level <= top) global.unlock();

  BuilderGraph<kConcurrent> graph{this};
  auto between = [&dist](uint32_t a, uint32_t b, float bound) {
    return dist.BetweenBounded(a, b, bound);
  };
  float ep_dist = dist(ep);
  hnsw::GreedyDescend(graph, dist, top, level, &ep, &ep_dist);

  // Per-thread scratch, reused across inserts.
  struct Scratch {
    CandidateQueue candidates;
    TopK results;
    std::vector<DistId> found;
    std::vector<DistId> select;
  };
  thread_local Scratch scratch;
  VisitedSet& visited = ThreadLocalVisitedSet();
  std::vector<DistId>& found = scratch.found;
  for (int lc = std::min(level, top); lc >= 0; --lc) {
    visited.Reset(store_.num_vectors);
    scratch.results.Reset(options_.ef_construction);
    hnsw::SearchLevel(graph, dist, lc, ep, ep_dist, hnsw::AcceptAll{}, &visited,
                      hnsw::kNoVisitLimit, &scratch.candidates, &scratch.results);
    scratch.results.TakeSortedInto(&found);
    if (kConcurrent) {
      found.erase(
          std::remove_if(found.begin(), found.end(), [q](const DistId& d) { return d.id == q; }),
          found.end());
    }
    if (found.empty()) continue;
    ep = found[0].id;
    ep_dist = found[0].distance;
    SelectNeighbors(&found, m_, between, &scratch.select);
    {
      std::unique_lock<std::mutex> lock(NodeLock(q), std::defer_lock);
      if constexpr (kConcurrent) lock.lock();
      uint32_t* list = List(q, lc);
      float* dists = LinkDistances(q, lc);
      for (size_t i = 0; i < found.size(); ++i) {
        list[1 + i] = found[i].id;
        dists[i] = found[i].distance;
      }
      list[0] = static_cast<uint32_t>(found.size());
    }
    for (const DistId& nb : found) {
      AddLink<kConcurrent>(nb.id, q, nb.distance, lc, between, &scratch.select);
    }
  }
  if (level > top) {
    entry_ = q;
    max_level_ = level;
  }
}

// Heuristic neighbour selection (paper Algorithm 4; hnswlib's
// getNeighborsByHeuristic2): walk candidates closest first and keep one only
// if it is closer to the base than to every neighbour kept so far.
// `candidates` must be sorted ascending; it is replaced by the selection.
// between(a, b, bound) may stop early once the distance reaches `bound`, the
// only comparison made.
template <typename Between>
void HnswBuilder::SelectNeighbors(std::vector<DistId>* candidates, uint32_t max_count,
                                  const Between& between, std::vector<DistId>* scratch) {
  if (candidates->size() <= max_count) return;
  std::vector<DistId>& selected = *scratch;
  selected.clear();
  for (const DistId& c : *candidates) {
    bool keep = true;
    for (const DistId& s : selected) {
      if (between(c.id, s.id, c.distance) < c.distance) {
        keep = false;
        break;
      }
    }
    if (keep) {
      selected.push_back(c);
      if (selected.size() >= max_count) break;
    }
  }
  candidates->swap(selected);
}

template <bool kConcurrent, typename Between>
void HnswBuilder::AddLink(uint32_t node, uint32_t new_neighbor, float distance, int level,
                          const Between& between, std::vector<DistId>* scratch) {
  std::unique_lock<std::mutex> lock(NodeLock(node), std::defer_lock);
  if constexpr (kConcurrent) lock.lock();
  uint32_t* list = List(node, level);
  float* dists = LinkDistances(node, level);
  const uint32_t cap = level == 0 ? m0_ : m_;
  uint32_t count = list[0];
  for (uint32_t i = 0; i < count; ++i) {
    if (list[1 + i] == new_neighbor) return;
  }
  if (count < cap) {
    list[1 + count] = new_neighbor;
    dists[count] = distance;
    list[0] = count + 1;
    return;
  }
  // Full: re-select among the old links plus the new one.
  thread_local std::vector<DistId> candidates;
  candidates.clear();
  candidates.push_back(DistId{distance, new_neighbor});
  const float kInfinity = std::numeric_limits<float>::infinity();
  for (uint32_t i = 0; i < count; ++i) {
    float d = dists[i];
    if (std::isnan(d)) d = between(node, list[1 + i], kInfinity);
    candidates.push_back(DistId{d, list[1 + i]});
  }
  std::sort(candidates.begin(), candidates.end());
  SelectNeighbors(&candidates, cap, between, scratch);
  for (size_t i = 0; i < candidates.size(); ++i) {
    list[1 + i] = candidates[i].id;
    dists[i] = candidates[i].distance;
  }
  list[0] = static_cast<uint32_t>(candidates.size());
}

}  // namespace quiver::vector
