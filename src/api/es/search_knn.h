// The request-level vector and hybrid phases of a search, run before the
// query phase: the top-level `knn` section (one or several kNN searches,
// each taking the global top k over all shards, as ES's DFS kNN phase),
// `rank: {rrf: {...}}`, and `retriever` (standard, knn, rrf). Each ends as a
// per-index query whose kNN parts match precomputed hits
// (query::KnnQuery::precomputed), so the ordinary query phase then combines
// them with `query` (boosted scores summed, as ES) and pages, aggregates and
// fetches as for any search.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "api/es/handler.h"
#include "api/es/rest_request.h"
#include "api/es/search_executor.h"
#include "api/es/search_request.h"
#include "query/query.h"
#include "query/query_context.h"

namespace quiver::api {

// True if the request has a knn, rank or retriever section.
bool HasKnnPhase(const SearchRequest& s);

// ES's request validation of those sections that does not need an index
// (search_type with knn, retriever with query / knn / rank, rank without
// at least two result sets, ...).
Status ValidateKnnRequest(const SearchRequest& s, const RestRequest& req);

// What the phase needs of one target index; `query` is replaced by the
// query to run in the query phase.
struct KnnIndexBinding {
  query::QueryContext ctx;
  query::QueryPtr query;
};

// GET/POST /{index}/_knn_search (deprecated since ES 8.4): {knn, filter,
// _source, fields, docvalue_fields, stored_fields} as a _search whose knn
// carries the filter and whose size is k.
Result<RestResponse> HandleKnnSearch(ApiContext& ctx, RestRequest& req);

// Runs the phases over `targets` and rewrites every binding's query.
Status RunKnnPhase(
    const SearchRequest& s, const std::vector<ShardTarget>& targets,
    const std::function<Result<std::vector<json::value>>(const query::dsl::TermsLookup&)>&
        terms_lookup,
    std::map<engine::Index*, KnnIndexBinding>* bindings);

}  // namespace quiver::api
