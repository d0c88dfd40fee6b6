#include "vector/ivf_index.h"

#include <algorithm>
#include <cmath>

#include "vector/exact_search.h"
#include "vector/index_format.h"
#include "vector/top_k.h"

namespace quiver::vector {
namespace {

// Below this many dimensions early abandoning (checked every 64) cannot
// skip anything and the batched kernel is faster.
constexpr uint32_t kMinBoundedDims = 96;

}  // namespace

Result<std::unique_ptr<IvfIndex>> IvfIndex::Open(const IndexFileReader& file) {
  const bool quantized = file.type() == IndexType::kInt8Ivf;
  QUIVER_ASSIGN_OR_RETURN(VectorStore store, LoadVectorStore(file, quantized));
  std::string_view params = file.params();
  if (params.size() < format::kIvfParamsSize) return Status::Corruption("ivf index: bad params");
  std::unique_ptr<IvfIndex> index(new IvfIndex(store, file.type()));
  index->nlist_ = GetU32(params, format::kCommonParamsSize);
  index->default_nprobe_ = std::max<uint32_t>(1, GetU32(params, format::kCommonParamsSize + 4));
  const uint32_t nlist = index->nlist_;
  if (nlist > (1u << 24)) return Status::Corruption("ivf index: bad nlist");
  QUIVER_ASSIGN_OR_RETURN(auto centroids,
                          file.Section(format::kIvfCentroids, size_t{nlist} * store.dims * 4));
  index->centroids_ = AsArray<float>(centroids);
  QUIVER_ASSIGN_OR_RETURN(auto offsets, file.Section(format::kIvfListOffsets, (nlist + 1) * 4));
  index->offsets_ = AsArray<uint32_t>(offsets);
  if (index->offsets_[0] != 0 || index->offsets_[nlist] != (nlist == 0 ? 0 : store.num_vectors)) {
    return Status::Corruption("ivf index: bad list offsets");
  }
  for (uint32_t l = 0; l < nlist; ++l) {
    if (index->offsets_[l + 1] < index->offsets_[l]) {
      return Status::Corruption("ivf index: bad list offsets");
    }
  }
  return index;
}

VectorIndexStats IvfIndex::Stats() const {
  VectorIndexStats s = VectorIndex::Stats();
  s.search_memory_bytes += size_t{nlist_} * (store_.dims + 1) * 4 + 4;
  s.nlist = nlist_;
  s.default_nprobe = default_nprobe_;
  s.is_trained = is_trained();
  if (nlist_ > 0) {
    s.min_list_size = ListSize(0);
    for (uint32_t l = 0; l < nlist_; ++l) {
      s.min_list_size = std::min(s.min_list_size, ListSize(l));
      s.max_list_size = std::max(s.max_list_size, ListSize(l));
    }
    s.avg_list_size = static_cast<double>(store_.num_vectors) / nlist_;
  }
  return s;
}

std::vector<uint32_t> IvfIndex::NearestLists(const float* query, uint32_t nprobe) const {
  const bool l2 = store_.metric == Metric::kL2;
  TopK top(nprobe);
  if (l2 && store_.dims >= kMinBoundedDims) {
    // Early abandoning against the nprobe-th nearest so far, as the list
    // scan does (exact_search.cc); equal partial sums are recomputed so ties
    // break by list number.
    const DistanceKernels& k = Kernels();
    const size_t dims = store_.dims;
    for (uint32_t l = 0; l < nlist_; ++l) {
      const float* c = centroids_ + size_t{l} * dims;
      const float bound = top.Bound();
      float d = k.l2sq_f32_bounded(query, c, dims, bound);
      if (d == bound) d = k.l2sq_f32(query, c, dims);
      if (d <= bound) top.Push(d, l);
    }
    std::vector<uint32_t> lists;
    for (const DistId& d : top.TakeSorted()) lists.push_back(d.id);
    return lists;
  }
  std::vector<float> dist(nlist_);
  if (l2) {
    Kernels().l2sq_f32_many(query, centroids_, nlist_, store_.dims, dist.data());
  } else {
    Kernels().dot_f32_many(query, centroids_, nlist_, store_.dims, dist.data());
    for (float& d : dist) d = -d;
  }
  for (uint32_t l = 0; l < nlist_; ++l) top.Push(dist[l], l);
  std::vector<uint32_t> lists;
  for (const DistId& d : top.TakeSorted()) lists.push_back(d.id);
  return lists;
}

std::vector<uint32_t> IvfIndex::ProbeOrder(std::span<const float> query, uint32_t nprobe) const {
  if (nlist_ == 0 || query.size() != store_.dims) return {};
  PreparedQuery prepared(store_, query);
  return NearestLists(prepared.floats(), std::min(nprobe, nlist_));
}

std::vector<ScoredDoc> IvfIndex::DoSearch(const PreparedQuery& query, const SearchParams& params,
                                          const DocFilter* filter) const {
  if (nlist_ == 0) return ExactSearch(store_, query, params, filter);
  uint32_t nprobe = params.nprobe > 0 ? params.nprobe : default_nprobe_;
  if (filter != nullptr) {
    const size_t accepted = std::min<size_t>(filter->EstimatedCount(), store_.num_vectors);
    const size_t threshold =
        params.exact_search_threshold > 0 ? params.exact_search_threshold : 4 * size_t{params.k};
    if (accepted <= threshold) return ExactSearch(store_, query, params, filter);
    double selectivity = static_cast<double>(accepted) / store_.num_vectors;
    double scaled = std::ceil(nprobe / selectivity);
    nprobe = scaled >= nlist_ ? nlist_ : static_cast<uint32_t>(scaled);
  }
  if (nprobe >= nlist_) return ExactSearch(store_, query, params, filter);
  TopK top(CandidateCount(store_, params));
  for (uint32_t list : NearestLists(query.floats(), nprobe)) {
    ScanRange(store_, query, offsets_[list], offsets_[list + 1], filter, &top);
  }
  return FinishSearch(store_, query, top.TakeSorted(), params);
}

}  // namespace quiver::vector
