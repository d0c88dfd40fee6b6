// Weight: a query bound to a shard's statistics (IndexSearcher), able to
// make a Scorer for each segment and to explain a document's score — the
// Lucene Query → Weight → Scorer pipeline. Created by CreateWeight from the
// engine-neutral query tree; immutable, usable for every segment of the
// shard from one thread.
#pragma once

#include <memory>

#include "common/status.h"
#include "query/exec/explanation.h"
#include "query/exec/index_searcher.h"
#include "query/exec/scorer.h"
#include "query/query.h"

namespace quiver::query {

struct SegmentContext {
  const segment::SegmentReader* reader = nullptr;
  const segment::LiveDocs* live_docs = nullptr;
  uint32_t ord = 0;  // index in the shard's SegmentSet
  uint32_t max_doc() const { return reader->num_docs(); }
};

class Weight {
 public:
  virtual ~Weight() = default;
  // A scorer over the segment, or nullptr when nothing in it can match.
  // Deleted documents may be returned; collectors skip them.
  virtual Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const = 0;
  virtual Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const = 0;
};

using WeightPtr = std::unique_ptr<Weight>;

// `mode` says whether scores are needed; `boost` multiplies the query's own.
Result<WeightPtr> CreateWeight(const Query& query, IndexSearcher* searcher, ScoreMode mode,
                               float boost = 1.0f);

// Helpers shared by weight implementations.
Result<Explanation> ExplainByScoring(const Weight& w, const SegmentContext& ctx, uint32_t doc,
                                     const std::string& description);

}  // namespace quiver::query
