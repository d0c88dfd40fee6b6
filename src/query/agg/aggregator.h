// The aggregation framework, in three stages as in Elasticsearch:
//   AggSpec    — parsed from the request JSON; immutable, shared by shards.
//   BoundAgg   — a spec bound to one shard (fields resolved against the
//                index mapping, filters turned into weights); one per shard.
//   Collector  — accumulates the docs of one bucket of the parent (or the
//                whole shard at the top level) and builds an InternalAgg.
// Collectors are fed matching doc ids in increasing order per segment; the
// current segment and score are in the shard's LeafState. One thread per
// shard; nothing here is shared between threads except AggSpecs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/json.h"
#include "common/status.h"
#include "query/agg/internal_agg.h"
#include "query/dsl/query_parser.h"
#include "query/exec/index_searcher.h"
#include "query/query_context.h"
#include "segment/segment_view.h"

namespace quiver::query::agg {

// The segment being collected, and the current doc's score.
struct LeafState {
  uint32_t ord = UINT32_MAX;  // index in the shard's SegmentSet
  const segment::SegmentReader* reader = nullptr;
  const segment::LiveDocs* live_docs = nullptr;
  float score = 0;
};

// Everything binding and collection on one shard need.
struct ShardContext {
  std::shared_ptr<const segment::SegmentSet> set;
  const QueryContext* query_context = nullptr;       // mapping, analysis, now
  const dsl::ParseOptions* parse_options = nullptr;  // terms lookups in filter queries
  IndexSearcher* searcher = nullptr;
  size_t shard_index = 0;
  LeafState leaf;
};

class Collector {
 public:
  virtual ~Collector() = default;
  virtual void Collect(uint32_t doc) = 0;
  virtual Result<InternalAggPtr> Build() = 0;
};

class BoundAgg {
 public:
  virtual ~BoundAgg() = default;
  virtual std::unique_ptr<Collector> NewCollector() = 0;
};

class PipelineSpec;

class AggSpec {
 public:
  virtual ~AggSpec() = default;
  virtual Result<std::unique_ptr<BoundAgg>> Bind(ShardContext* ctx) const = 0;
  // Whether collection needs scores (top_hits sorted by score).
  virtual bool NeedsScores() const;

  std::string name;
  std::string type;
  json::value meta;  // null: none
  std::vector<std::shared_ptr<const AggSpec>> subs;
  std::vector<std::shared_ptr<const PipelineSpec>> pipelines;
};
using AggSpecs = std::vector<std::shared_ptr<const AggSpec>>;

// The pipelines of a level: run on the final reduced result, in order.
class PipelineSpec {
 public:
  virtual ~PipelineSpec() = default;
  std::string name;
  std::string type;
  json::value meta;
  // Sibling pipelines add a new aggregation next to the ones they read;
  // parent pipelines rewrite the buckets of the aggregation they sit in.
  virtual bool is_parent() const { return false; }
  virtual Status ApplySibling(InternalAggs* siblings) const;
  virtual Status ApplyParent(InternalAgg* parent) const;
};

// The bound sub-aggregations of a bucketing aggregation.
class BoundSubs {
 public:
  static Result<BoundSubs> Bind(const AggSpecs& specs, ShardContext* ctx);
  bool empty() const { return bound_.empty(); }

  // Collectors for one bucket.
  class Set {
   public:
    void Collect(uint32_t doc) {
      for (auto& c : collectors_) c->Collect(doc);
    }
    Result<InternalAggs> Build();

   private:
    friend class BoundSubs;
    std::vector<std::unique_ptr<Collector>> collectors_;
  };
  Set NewSet() const;
  // The sub-aggregations of a bucket that collected nothing.
  Result<InternalAggs> BuildEmpty() const;

 private:
  std::vector<std::shared_ptr<BoundAgg>> bound_;
};

}  // namespace quiver::query::agg
