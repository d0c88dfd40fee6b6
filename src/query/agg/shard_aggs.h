// Running a parsed aggregation tree: collection on one shard (the docs
// matching the query, after min_score and before post_filter, as ES), the
// reduction of the shards' partial results, the pipelines, and rendering.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "common/json_writer.h"
#include "common/status.h"
#include "query/agg/agg_parser.h"
#include "query/agg/internal_agg.h"
#include "query/query.h"
#include "query/query_context.h"
#include "segment/segment_view.h"

namespace quiver::query::agg {

struct ShardAggInput {
  std::shared_ptr<const segment::SegmentSet> set;
  QueryPtr query;  // null: match_all
  const QueryContext* query_context = nullptr;
  size_t shard_index = 0;
  std::optional<float> min_score;
  const dsl::ParseOptions* parse_options = nullptr;  // null: defaults
};

// Thread-compatible: one call per shard, concurrent calls on different
// shards share only the immutable tree.
Result<InternalAggs> CollectShard(const AggTree& tree, const ShardAggInput& input);

// Reduces every shard's results (in any order) and runs the pipelines.
Result<InternalAggs> ReduceShards(const AggTree& tree, std::vector<InternalAggs> per_shard);

// Writes the members of the "aggregations" object.
Status RenderAggregations(const InternalAggs& aggs, JsonWriter* w, const RenderContext& ctx);

}  // namespace quiver::query::agg
