#include "vector/exact_search.h"

#include <algorithm>
#include <cmath>

namespace quiver::vector {
namespace {

constexpr uint32_t kBlock = 64;
// Early abandoning checks every 64 dimensions; shorter rows cannot skip.
constexpr uint32_t kMinBoundedDims = 96;
// Rows ahead whose first lines are prefetched by the bounded scan.
constexpr uint32_t kPrefetchRows = 4;

// L2 scan once `top` is full: early-abandoning kernel against the current
// admission bound. Dimensions are stored by decreasing variance, so most rows
// are rejected after their first 64 dimensions and the rest of the row is
// never loaded. A partial sum equal to the bound is recomputed exactly so
// ties break by ordinal as in TopK::Push.
void ScanFloatL2Bounded(const VectorStore& store, const float* q, uint32_t begin, uint32_t end,
                        TopK* top) {
  const DistanceKernels& k = Kernels();
  const size_t dims = store.dims;
  const size_t ahead_bytes = std::min<size_t>(dims * sizeof(float), 128);
  for (uint32_t ord = begin; ord < end; ++ord) {
    if (ord + kPrefetchRows < end) PrefetchLines(store.Vector(ord + kPrefetchRows), ahead_bytes);
    const float* row = store.Vector(ord);
    const float bound = top->Bound();
    float d = k.l2sq_f32_bounded(q, row, dims, bound);
    if (d == bound) d = k.l2sq_f32(q, row, dims);
    if (d <= bound) top->Push(d, ord);
  }
}

void ScanFloat(const VectorStore& store, const float* q, uint32_t begin, uint32_t end,
               const DocFilter* filter, TopK* top) {
  const DistanceKernels& k = Kernels();
  const bool l2 = store.metric == Metric::kL2;
  if (filter == nullptr) {
    float dist[kBlock];
    for (uint32_t b = begin; b < end; b += kBlock) {
      if (l2 && top->full() && store.dims >= kMinBoundedDims) {
        ScanFloatL2Bounded(store, q, b, end, top);
        return;
      }
      uint32_t n = std::min(kBlock, end - b);
      if (l2) {
        k.l2sq_f32_many(q, store.Vector(b), n, store.dims, dist);
      } else {
        k.dot_f32_many(q, store.Vector(b), n, store.dims, dist);
      }
      for (uint32_t i = 0; i < n; ++i) top->Push(l2 ? dist[i] : -dist[i], b + i);
    }
    return;
  }
  FloatDistance distance(store, q);
  for (uint32_t ord = begin; ord < end; ++ord) {
    if (!filter->Accept(store.doc_ids[ord])) continue;
    top->Push(distance(ord), ord);
  }
}

void ScanQuantized(const VectorStore& store, const PreparedQuery& query, uint32_t begin,
                   uint32_t end, const DocFilter* filter, TopK* top) {
  if (filter == nullptr) {
    const DistanceKernels& k = Kernels();
    int32_t dots[kBlock];
    for (uint32_t b = begin; b < end; b += kBlock) {
      uint32_t n = std::min(kBlock, end - b);
      k.dot_u8i8_many(query.codes(), store.Code(b), n, store.code_stride, store.dims, dots);
      for (uint32_t i = 0; i < n; ++i) {
        top->Push(store.quantizer.Distance(dots[i], query.correction(), store.corrections[b + i]),
                  b + i);
      }
    }
    return;
  }
  QuantizedDistance distance(store, query.codes(), query.correction());
  for (uint32_t ord = begin; ord < end; ++ord) {
    if (!filter->Accept(store.doc_ids[ord])) continue;
    top->Push(distance(ord), ord);
  }
}

}  // namespace

uint32_t CandidateCount(const VectorStore& store, const SearchParams& params) {
  if (!store.quantized() || !params.rescore) return params.k;
  float oversample = params.oversample > 0 ? params.oversample : SearchParams::kDefaultOversample;
  oversample = std::max(1.0f, oversample);
  return static_cast<uint32_t>(std::ceil(static_cast<double>(params.k) * oversample));
}

void ScanRange(const VectorStore& store, const PreparedQuery& query, uint32_t begin, uint32_t end,
               const DocFilter* filter, TopK* top) {
  if (store.quantized()) {
    ScanQuantized(store, query, begin, end, filter, top);
  } else {
    ScanFloat(store, query.floats(), begin, end, filter, top);
  }
}

std::vector<ScoredDoc> FinishSearch(const VectorStore& store, const PreparedQuery& query,
                                    std::vector<DistId> candidates, const SearchParams& params) {
  if (store.quantized() && params.rescore) {
    FloatDistance exact(store, query.floats());
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (i + 1 < candidates.size()) exact.Prefetch(candidates[i + 1].id);
      candidates[i].distance = exact(candidates[i].id);
    }
  }
  std::vector<ScoredDoc> out;
  out.reserve(candidates.size());
  for (const DistId& c : candidates) out.push_back(ScoredDoc{store.doc_ids[c.id], c.distance});
  auto less = [](const ScoredDoc& a, const ScoredDoc& b) {
    return a.distance < b.distance || (a.distance == b.distance && a.doc < b.doc);
  };
  if (out.size() > params.k) {
    std::partial_sort(out.begin(), out.begin() + params.k, out.end(), less);
    out.resize(params.k);
  } else {
    std::sort(out.begin(), out.end(), less);
  }
  return out;
}

std::vector<ScoredDoc> ExactSearch(const VectorStore& store, const PreparedQuery& query,
                                   const SearchParams& params, const DocFilter* filter) {
  TopK top(CandidateCount(store, params));
  ScanRange(store, query, 0, store.num_vectors, filter, &top);
  return FinishSearch(store, query, top.TakeSorted(), params);
}

}  // namespace quiver::vector
