// The HNSW search routines shared by the builder (construction-time searches)
// and the reader (queries): greedy descent through the upper levels and the
// beam search of one level (Malkov & Yashunin 2016, Algorithms 2 and 5).
//
// Templates over
//   Graph: uint32_t Neighbors(uint32_t node, int level, uint32_t* scratch,
//                             const uint32_t** ids) const;  → count
//          void PrefetchNeighbors(uint32_t node, int level) const;
//   Dist:  float operator()(uint32_t ord) const; void Prefetch(uint32_t) const;
//          float Bounded(uint32_t ord, float bound) const (exact below bound);
// so float and int8 spaces and both graph encodings share one implementation.
#pragma once

#include <cstdint>
#include <limits>

#include "vector/top_k.h"
#include "vector/visited_set.h"

namespace quiver::vector::hnsw {

// Largest level-0 degree any encoding supports (scratch buffer size).
inline constexpr uint32_t kMaxDegree = 1024;

// Greedy walk from `*ep` down to level `to_level` + 1 (ef = 1 on each level).
template <typename Graph, typename Dist>
void GreedyDescend(const Graph& graph, const Dist& dist, int from_level, int to_level, uint32_t* ep,
                   float* ep_dist) {
  uint32_t scratch[kMaxDegree];
  for (int level = from_level; level > to_level; --level) {
    bool changed = true;
    while (changed) {
      changed = false;
      const uint32_t* ids;
      uint32_t count = graph.Neighbors(*ep, level, scratch, &ids);
      for (uint32_t i = 0; i < count; ++i) {
        if (i + 1 < count) dist.Prefetch(ids[i + 1]);
        float d = dist.Bounded(ids[i], *ep_dist);
        if (d < *ep_dist) {
          *ep_dist = d;
          *ep = ids[i];
          changed = true;
        }
      }
    }
  }
}

// Beam search of one level from `ep` with beam width results->capacity.
// Nodes rejected by `accept` are traversed but never enter `results`
// (filter applied during traversal, as Lucene's HnswGraphSearcher does).
// Stops early, returning false, once more than `visit_limit` distances were
// computed. `candidates` is scratch.
template <typename Graph, typename Dist, typename Accept>
bool SearchLevel(const Graph& graph, const Dist& dist, int level, uint32_t ep, float ep_dist,
                 const Accept& accept, VisitedSet* visited, uint64_t visit_limit,
                 CandidateQueue* candidates, TopK* results) {
  constexpr uint32_t kNoNode = 0xffffffffu;
  uint32_t scratch[2][kMaxDegree];
  uint32_t fresh[kMaxDegree];
  uint64_t visits = 1;
  candidates->Clear();
  visited->Insert(ep);
  candidates->Push(ep_dist, ep);
  if (accept(ep)) results->Push(ep_dist, ep);
  // The candidate expected to be expanded next and its links, fetched one
  // expansion ahead (software pipelining): its unvisited neighbours' vectors
  // load while the current candidate's distances are computed, which hides
  // most of the DRAM latency the kernels otherwise stall on.
  uint32_t next = kNoNode;
  const uint32_t* next_ids = nullptr;
  uint32_t next_count = 0;
  while (!candidates->empty()) {
    DistId c = candidates->Top();
    if (c.distance > results->Bound()) break;
    candidates->Pop();
    const uint32_t* ids;
    uint32_t count;
    if (c.id == next) {
      ids = next_ids;
      count = next_count;
    } else {
      count = graph.Neighbors(c.id, level, scratch[0], &ids);
    }
    next = kNoNode;
    if (!candidates->empty() && candidates->Top().distance <= results->Bound()) {
      next = candidates->Top().id;
      uint32_t* buf = ids == scratch[0] ? scratch[1] : scratch[0];
      next_count = graph.Neighbors(next, level, buf, &next_ids);
      for (uint32_t i = 0; i < next_count; ++i) {
        if (!visited->Visited(next_ids[i])) dist.Prefetch(next_ids[i]);
      }
    }
    uint32_t num_fresh = 0;
    for (uint32_t i = 0; i < count; ++i) {
      if (visited->Insert(ids[i])) fresh[num_fresh++] = ids[i];
    }
    for (uint32_t i = 0; i < num_fresh; ++i) dist.Prefetch(fresh[i]);
    for (uint32_t i = 0; i < num_fresh; ++i) {
      uint32_t id = fresh[i];
      const float bound = results->Bound();
      float d = dist.Bounded(id, bound);
      if (d < bound) {
        // Likely to be expanded soon: start loading its neighbour list.
        graph.PrefetchNeighbors(id, level);
        candidates->Push(d, id);
        if (accept(id)) results->Push(d, id);
      }
    }
    visits += num_fresh;
    if (visits > visit_limit) return false;
  }
  return true;
}

struct AcceptAll {
  bool operator()(uint32_t) const { return true; }
};

inline constexpr uint64_t kNoVisitLimit = std::numeric_limits<uint64_t>::max();

}  // namespace quiver::vector::hnsw
