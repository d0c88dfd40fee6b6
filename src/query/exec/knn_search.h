// kNN on one shard: the vector search of a KnnQuery over every segment of a
// point-in-time snapshot, with the query's filter and the live docs applied
// during graph / list traversal (vector::DocFilter), distances turned into
// Elasticsearch scores, the similarity threshold applied, and the segments'
// results merged into the shard's best k (Lucene's KnnFloatVectorQuery
// rewrite). Also the weight that scores a KnnQuery once its hits are known.
#pragma once

#include <memory>
#include <vector>

#include "common/status.h"
#include "query/exec/weight.h"
#include "query/query.h"
#include "segment/segment_view.h"
#include "vector/doc_filter.h"

namespace quiver::query {

// The shard's best `q.k` hits, best first (ties by segment, then doc),
// scores without the query's boost. Segments without an index for the field
// contribute nothing. InvalidArgument when the query vector's length differs
// from an index's dims.
Result<std::vector<ScoredSegmentDoc>> SearchKnnShard(std::shared_ptr<const segment::SegmentSet> set,
                                                     const KnnQuery& q);

// `q` with `filter` added to the filter of every KnnQuery in it (through
// bool, dis_max, constant_score, boosting and function_score), so that an
// alias filter restricts kNN candidates during the search, as ES applies
// it; other parts of `q` are shared, not copied. `q` itself when it has no
// KnnQuery.
QueryPtr AddKnnPrefilter(const QueryPtr& q, const QueryPtr& filter);

// The Weight of a KnnQuery: searches at creation (or takes q.precomputed)
// and then matches exactly those docs with their scores × boost.
Result<WeightPtr> MakeKnnWeight(const KnnQuery& q, IndexSearcher* s, float boost);

// A DocFilter over a segment's live docs, optionally intersected with a
// filter bitset (bit i = doc i passes); borrowed pointers.
class SegmentDocFilter final : public vector::DocFilter {
 public:
  SegmentDocFilter(const segment::LiveDocs* live, std::vector<uint64_t> filter_words, size_t count,
                   uint32_t num_docs)
      : live_(live), words_(std::move(filter_words)), count_(count), num_docs_(num_docs) {}
  bool Accept(uint32_t doc) const override {
    if (doc >= num_docs_) return false;
    if (!words_.empty() && ((words_[doc >> 6] >> (doc & 63)) & 1u) == 0) return false;
    return live_ == nullptr || live_->IsLive(doc);
  }
  size_t EstimatedCount() const override { return count_; }

 private:
  const segment::LiveDocs* live_;
  std::vector<uint64_t> words_;  // empty: no query filter
  size_t count_;
  uint32_t num_docs_;
};

}  // namespace quiver::query
