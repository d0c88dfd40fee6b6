// The aggregations of a _search: parsed once per request, collected on
// every shard during the query phase (over the query's matches, before
// post_filter, as ES), reduced across shards and rendered as the response's
// "aggregations" member. CollectShard may run concurrently for distinct
// shard indexes; everything else is single-threaded.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/es/search_request.h"
#include "common/status.h"
#include "query/agg/shard_aggs.h"
#include "query/dsl/query_parser.h"
#include "query/query.h"
#include "query/query_context.h"
#include "segment/segment_view.h"

namespace quiver::api {

struct ShardTarget;

class SearchAggregations {
 public:
  // Null when the request has no aggregations.
  static Result<std::unique_ptr<SearchAggregations>> Create(const SearchRequest& request,
                                                            size_t num_shards);

  // `terms_lookup` resolves terms lookups in filter / filters queries.
  Status CollectShard(size_t shard, std::shared_ptr<const segment::SegmentSet> set,
                      query::QueryPtr query, const query::QueryContext& ctx,
                      std::optional<float> min_score,
                      const decltype(query::dsl::ParseOptions::terms_lookup)& terms_lookup);

  // Reduces the shards' results and appends `,"aggregations":{...}` to an
  // open response object.
  Status AppendTo(const SearchRequest& request, const std::vector<ShardTarget>& targets,
                  std::string* body);

 private:
  query::agg::AggTree tree_;
  std::vector<query::agg::InternalAggs> per_shard_;
};

}  // namespace quiver::api
