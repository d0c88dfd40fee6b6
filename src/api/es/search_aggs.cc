#include "api/es/search_aggs.h"

#include <map>

#include "api/es/search_executor.h"
#include "api/es/search_fetch.h"
#include "api/http/http_request.h"
#include "common/json_writer.h"

namespace quiver::api {

Result<std::unique_ptr<SearchAggregations>> SearchAggregations::Create(const SearchRequest& request,
                                                                       size_t num_shards) {
  if (request.aggs.is_null()) return std::unique_ptr<SearchAggregations>();
  auto out = std::make_unique<SearchAggregations>();
  QUIVER_ASSIGN_OR_RETURN(out->tree_, query::agg::ParseAggregations(request.aggs));
  out->per_shard_.resize(num_shards);
  return out;
}

Status SearchAggregations::CollectShard(
    size_t shard, std::shared_ptr<const segment::SegmentSet> set, query::QueryPtr query,
    const query::QueryContext& ctx, std::optional<float> min_score,
    const decltype(query::dsl::ParseOptions::terms_lookup)& terms_lookup) {
  query::dsl::ParseOptions options;
  options.terms_lookup = terms_lookup;
  query::agg::ShardAggInput in;
  in.parse_options = &options;
  in.set = std::move(set);
  in.query = std::move(query);
  in.query_context = &ctx;
  in.shard_index = shard;
  in.min_score = min_score;
  QUIVER_ASSIGN_OR_RETURN(per_shard_[shard], query::agg::CollectShard(tree_, in));
  return Status::Ok();
}

Status SearchAggregations::AppendTo(const SearchRequest& request,
                                    const std::vector<ShardTarget>& targets, std::string* body) {
  std::vector<query::agg::InternalAggs> parts;
  for (auto& p : per_shard_) {
    if (!p.empty()) parts.push_back(std::move(p));
  }
  QUIVER_ASSIGN_OR_RETURN(query::agg::InternalAggs reduced,
                          query::agg::ReduceShards(tree_, std::move(parts)));
  query::agg::RenderContext rctx;
  rctx.typed_keys = request.typed_keys;
  // top_hits: each hit goes through the fetch phase with the aggregation's
  // own fetch options (parsed once per distinct options object).
  std::map<std::string, SearchRequest> fetch_requests;
  const query::QueryPtr match_all = query::MakeQuery(query::MatchAllQuery{});
  const std::vector<std::optional<SortDateUnit>> no_formats;
  rctx.render_hit = [&](const query::agg::RenderContext::HitRef& ref,
                        const json::value& options) -> Result<std::string> {
    if (ref.shard >= targets.size()) return Status::Internal("top_hits hit from unknown shard");
    std::string key = ToJson(options);
    auto it = fetch_requests.find(key);
    if (it == fetch_requests.end()) {
      json::object body = options.as_object();
      body.erase("from");
      body.erase("size");
      body.erase("sort");
      HttpRequest http;
      RestRequest rest(&http, {});
      QUIVER_ASSIGN_OR_RETURN(SearchRequest fr, ParseSearchRequest(json::value(body), rest));
      it = fetch_requests.emplace(key, std::move(fr)).first;
    }
    const ShardTarget& t = targets[ref.shard];
    auto mapping = t.index->mapping();
    auto analysis = t.index->analysis();
    FetchContext fc;
    fc.request = &it->second;
    fc.index = t.index.get();
    fc.mapping = mapping.get();
    fc.analysis = analysis.get();
    fc.query = match_all.get();
    fc.searcher = t.searcher;
    fc.shard = t.shard;
    fc.sort_formats = &no_formats;
    query::ShardHit hit;
    hit.segment = ref.segment;
    hit.doc = ref.doc;
    hit.score = ref.score;
    hit.sort_values = ref.sort;
    JsonWriter w;
    QUIVER_RETURN_IF_ERROR(FetchHit(fc, hit, ref.sort.empty(), !ref.sort.empty(), &w));
    return w.Take();
  };
  JsonWriter w;
  w.BeginObject();
  QUIVER_RETURN_IF_ERROR(query::agg::RenderAggregations(reduced, &w, rctx));
  w.EndObject();
  body->append(",\"aggregations\":");
  body->append(w.str());
  return Status::Ok();
}

}  // namespace quiver::api
