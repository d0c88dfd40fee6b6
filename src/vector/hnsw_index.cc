#include "vector/hnsw_index.h"

#include <algorithm>
#include <string>

#include "vector/exact_search.h"
#include "vector/hnsw_search.h"

namespace quiver::vector {

Result<std::unique_ptr<HnswIndex>> HnswIndex::Open(const IndexFileReader& file) {
  const bool quantized = file.type() == IndexType::kInt8Hnsw;
  QUIVER_ASSIGN_OR_RETURN(VectorStore store, LoadVectorStore(file, quantized));
  std::string_view params = file.params();
  if (params.size() < format::kHnswParamsSize) {
    return Status::Corruption("hnsw index: params too short");
  }
  std::unique_ptr<HnswIndex> index(new HnswIndex(store, file.type()));
  HnswGraphView& g = index->graph_;
  const uint32_t n = store.num_vectors;
  const size_t base = format::kCommonParamsSize;
  g.num_nodes = n;
  g.m = GetU32(params, base);
  g.m0 = 2 * g.m;
  index->ef_construction_ = GetU32(params, base + 4);
  index->entry_ = GetU32(params, base + 8);
  uint32_t max_level = GetU32(params, base + 12);
  uint32_t encoding = GetU32(params, base + 16);
  if (g.m < 2 || g.m > 512 || max_level > 60 || encoding > 1 || (n > 0 && index->entry_ >= n) ||
      (n == 0 && index->entry_ != 0xffffffffu)) {
    return Status::Corruption("hnsw index: bad params");
  }
  index->max_level_ = static_cast<int>(max_level);
  g.encoding = static_cast<format::Level0Encoding>(encoding);
  g.id_bits = BitWidth(n > 0 ? n - 1 : 0);

  QUIVER_ASSIGN_OR_RETURN(auto levels, file.Section(format::kHnswLevels, n));
  g.levels = AsArray<uint8_t>(levels);
  QUIVER_ASSIGN_OR_RETURN(auto upper_offsets, file.Section(format::kHnswUpperOffsets, (n + 1) * 4));
  g.upper_offsets = AsArray<uint32_t>(upper_offsets);
  QUIVER_ASSIGN_OR_RETURN(auto upper, file.SectionAnySize(format::kHnswUpper, 4));
  g.upper = AsArray<uint32_t>(upper);
  const size_t upper_len = upper.size() / 4;
  std::string_view level0;
  if (g.encoding == format::Level0Encoding::kFixed) {
    QUIVER_ASSIGN_OR_RETURN(level0, file.Section(format::kHnswLevel0, size_t{n} * (g.m0 + 1) * 4));
  } else {
    if (g.m0 > 255) return Status::Corruption("hnsw index: packed graph with M > 127");
    QUIVER_ASSIGN_OR_RETURN(auto offsets, file.Section(format::kHnswLevel0Offsets, (n + 1) * 8));
    g.level0_offsets = AsArray<uint64_t>(offsets);
    QUIVER_ASSIGN_OR_RETURN(level0, file.SectionAnySize(format::kHnswLevel0, 4));
    if (level0.size() < 8) return Status::Corruption("hnsw index: packed graph too short");
  }
  g.level0 = AsArray<uint32_t>(level0);
  index->graph_bytes_ = levels.size() + upper_offsets.size() + upper.size() + level0.size() +
                        (g.level0_offsets ? (n + 1) * 8 : 0);

  // Structural validation: every id used to index memory is checked once here
  // (packed ids are checked at decode time), so a search never reads out of
  // bounds whatever the buffer holds.
  if (g.upper_offsets[0] != 0 || g.upper_offsets[n] != upper_len) {
    return Status::Corruption("hnsw index: bad upper offsets");
  }
  for (uint32_t i = 0; i < n; ++i) {
    if (g.levels[i] > max_level || g.upper_offsets[i + 1] < g.upper_offsets[i] ||
        g.upper_offsets[i + 1] - g.upper_offsets[i] != size_t{g.levels[i]} * (g.m + 1)) {
      return Status::Corruption("hnsw index: bad node levels");
    }
  }
  if (n > 0 && g.levels[index->entry_] != max_level) {
    return Status::Corruption("hnsw index: entry point is not on the top level");
  }
  for (size_t off = 0; off < upper_len; off += g.m + 1) {
    if (g.upper[off] > g.m) return Status::Corruption("hnsw index: bad upper degree");
    for (uint32_t j = 1; j <= g.upper[off]; ++j) {
      if (g.upper[off + j] >= n) return Status::Corruption("hnsw index: bad neighbour id");
    }
  }
  if (g.encoding == format::Level0Encoding::kFixed) {
    for (uint32_t i = 0; i < n; ++i) {
      const uint32_t* list = g.level0 + size_t{i} * (g.m0 + 1);
      if (list[0] > g.m0) return Status::Corruption("hnsw index: bad level-0 degree");
      for (uint32_t j = 1; j <= list[0]; ++j) {
        if (list[j] >= n) return Status::Corruption("hnsw index: bad neighbour id");
      }
    }
  } else {
    const uint64_t limit = (uint64_t{level0.size() / 4} - 2) * 32;
    if (g.level0_offsets[0] != 0 || g.level0_offsets[n] > limit) {
      return Status::Corruption("hnsw index: bad level-0 offsets");
    }
    for (uint32_t i = 0; i < n; ++i) {
      if (g.level0_offsets[i + 1] < g.level0_offsets[i] + kPackedHeaderBits) {
        return Status::Corruption("hnsw index: bad level-0 offsets");
      }
    }
  }
  return index;
}

VectorIndexStats HnswIndex::Stats() const {
  VectorIndexStats s = VectorIndex::Stats();
  s.search_memory_bytes += graph_bytes_;
  s.hnsw_m = graph_.m;
  s.hnsw_max_level = static_cast<uint32_t>(max_level_);
  return s;
}

std::vector<ScoredDoc> HnswIndex::DoSearch(const PreparedQuery& query, const SearchParams& params,
                                           const DocFilter* filter) const {
  if (store_.quantized()) {
    return SearchWith(QuantizedDistance(store_, query.codes(), query.correction()), query, params,
                      filter);
  }
  return SearchWith(FloatDistance(store_, query.floats()), query, params, filter);
}

template <typename Dist>
std::vector<ScoredDoc> HnswIndex::SearchWith(const Dist& dist, const PreparedQuery& query,
                                             const SearchParams& params,
                                             const DocFilter* filter) const {
  const uint32_t candidates = CandidateCount(store_, params);
  const uint32_t ef = std::max(
      candidates, params.ef_search > 0 ? params.ef_search : SearchParams::kDefaultEfSearch);
  uint64_t visit_limit = hnsw::kNoVisitLimit;
  if (filter != nullptr) {
    const size_t accepted = filter->EstimatedCount();
    const size_t threshold = params.exact_search_threshold > 0
                                 ? params.exact_search_threshold
                                 : std::max<size_t>(kMinExactThreshold, 2 * size_t{ef});
    if (accepted <= threshold) return ExactSearch(store_, query, params, filter);
    // Past this many distance computations exact search is cheaper.
    if (accepted < store_.num_vectors) visit_limit = accepted;
  }
  uint32_t ep = entry_;
  float ep_dist = dist(ep);
  hnsw::GreedyDescend(graph_, dist, max_level_, 0, &ep, &ep_dist);

  VisitedSet& visited = ThreadLocalVisitedSet();
  visited.Reset(store_.num_vectors);
  thread_local CandidateQueue queue;
  TopK results(ef);
  bool complete;
  if (filter == nullptr) {
    complete = hnsw::SearchLevel(graph_, dist, 0, ep, ep_dist, hnsw::AcceptAll{}, &visited,
                                 visit_limit, &queue, &results);
  } else {
    const uint32_t* docs = store_.doc_ids;
    auto accept = [filter, docs](uint32_t ord) { return filter->Accept(docs[ord]); };
    complete = hnsw::SearchLevel(graph_, dist, 0, ep, ep_dist, accept, &visited, visit_limit,
                                 &queue, &results);
  }
  if (!complete) return ExactSearch(store_, query, params, filter);
  std::vector<DistId> best = results.TakeSorted();
  if (best.size() > candidates) best.resize(candidates);
  return FinishSearch(store_, query, std::move(best), params);
}

}  // namespace quiver::vector
