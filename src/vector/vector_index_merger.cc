#include "vector/vector_index_merger.h"

#include <algorithm>
#include <vector>

#include "vector/hnsw_index.h"
#include "vector/hnsw_serializer.h"

namespace quiver::vector {
namespace {

uint32_t MapDoc(const MergeSource& s, uint32_t doc) {
  return doc < s.doc_map.size() ? s.doc_map[doc] : kDroppedDoc;
}

struct Entry {
  uint32_t new_doc;
  uint32_t source;
  uint32_t ordinal;
};

}  // namespace

Result<std::string> MergeVectorIndexes(std::span<const MergeSource> sources,
                                       const VectorIndexOptions& options) {
  QUIVER_RETURN_IF_ERROR(ValidateOptions(options));
  for (const MergeSource& s : sources) {
    if (s.index == nullptr || s.index->dims() != options.dims ||
        s.index->metric() != options.metric) {
      return Status::InvalidArgument("merge source does not match the target dims / metric");
    }
  }
  const bool hnsw = options.type == IndexType::kHnsw || options.type == IndexType::kInt8Hnsw;

  // The reusable graph: the largest HNSW source without dropped docs.
  int base = -1;
  if (hnsw) {
    for (size_t i = 0; i < sources.size(); ++i) {
      const auto* h = dynamic_cast<const HnswIndex*>(sources[i].index);
      if (h == nullptr || h->graph().m != options.hnsw.m) continue;
      bool all_live = true;
      for (uint32_t ord = 0; ord < h->size() && all_live; ++ord) {
        all_live = MapDoc(sources[i], h->DocAt(ord)) != kDroppedDoc;
      }
      if (all_live && (base < 0 || h->size() > sources[base].index->size())) {
        base = static_cast<int>(i);
      }
    }
  }

  // Base graph nodes first (in their ordinal order), then every other
  // surviving vector in new-doc order.
  std::vector<Entry> entries;
  for (size_t i = 0; i < sources.size(); ++i) {
    if (static_cast<int>(i) == base) continue;
    const VectorIndex* index = sources[i].index;
    for (uint32_t ord = 0; ord < index->size(); ++ord) {
      uint32_t doc = MapDoc(sources[i], index->DocAt(ord));
      if (doc != kDroppedDoc) entries.push_back(Entry{doc, static_cast<uint32_t>(i), ord});
    }
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.new_doc < b.new_doc; });
  std::vector<Entry> ordered;
  if (base >= 0) {
    const VectorIndex* index = sources[base].index;
    for (uint32_t ord = 0; ord < index->size(); ++ord) {
      ordered.push_back(
          Entry{MapDoc(sources[base], index->DocAt(ord)), static_cast<uint32_t>(base), ord});
    }
  }
  ordered.insert(ordered.end(), entries.begin(), entries.end());

  StoredVectorsWriter vectors(options.metric, options.dims);
  vectors.Reserve(ordered.size());
  std::vector<float> buf(options.dims);
  for (const Entry& e : ordered) {
    sources[e.source].index->GetVector(e.ordinal, buf.data());
    vectors.Add(e.new_doc, buf.data());
  }
  if (base < 0) return BuildVectorIndex(&vectors, options);

  if (options.metric == Metric::kL2 && options.dims >= 64) vectors.OrderDimensionsByVariance();
  if (options.type == IndexType::kInt8Hnsw) vectors.Quantize(options.confidence_interval);
  const auto* h = static_cast<const HnswIndex*>(sources[base].index);
  const HnswGraphView& g = h->graph();
  HnswOptions hnsw_options = options.hnsw;
  hnsw_options.num_threads = std::max(hnsw_options.num_threads, options.num_threads);
  HnswBuilder builder(hnsw_options, vectors.View());
  std::vector<uint8_t> levels(g.levels, g.levels + h->size());
  builder.Seed(h->size(), levels, h->entry_point(),
               [&g](uint32_t node, int level, std::vector<uint32_t>* out) {
                 uint32_t scratch[1024];
                 const uint32_t* ids;
                 uint32_t count = g.Neighbors(node, level, scratch, &ids);
                 out->assign(ids, ids + count);
               });
  QUIVER_RETURN_IF_ERROR(builder.Build());
  return SerializeHnswIndex(builder, &vectors);
}

}  // namespace quiver::vector
