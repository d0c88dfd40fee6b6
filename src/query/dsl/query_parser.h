// The Elasticsearch 8 query DSL: turns the JSON under a search request's
// "query" (or any nested query clause) into the engine-neutral tree of
// query/query.h, resolved against one index's mapping, analyzers and
// settings (query/query_context.h).
//
// Every ES query type has its own parser file (bool_query.cc,
// match_query.cc, ...). Errors are ES-shaped Statuses:
//   parsing_exception          malformed JSON structure ("unknown query [foo]",
//                              "[match] query doesn't support multiple fields ...")
//   x_content_parse_exception  unknown or ill-typed fields of queries ES parses
//                              with ObjectParser ("[ids] unknown field [foo]")
//   illegal_argument_exception bad option values ("negative [boost] are not allowed.")
//   query_shard_exception      values that do not fit the field's type
//                              ("failed to create query: For input string: \"abc\""),
//                              unsupported field types ("Can only use wildcard
//                              queries on keyword, text and wildcard fields ...");
//                              carries the index name as metadata.
// As in ES, structural errors win over type errors: the whole query is
// parsed before the first shard-level error is reported.
//
// Stateless; thread-safe (the context's mapping and registry are immutable).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/json.h"
#include "common/status.h"
#include "query/query.h"
#include "query/query_context.h"

namespace quiver::query::dsl {

// A terms lookup ({"terms": {"f": {"index", "id", "path", "routing"}}}).
struct TermsLookup {
  std::string index;
  std::string id;
  std::string path;
  std::string routing;  // empty: none
};

// Request-level inputs beyond the index context.
struct ParseOptions {
  // The search request's `size`: a knn query without `k` uses it (ES 8.13+),
  // and its num_candidates then defaults to min(1.5 * k, 10000).
  int request_size = 10;
  // Fetches the values at `path` of the looked-up document (ES resolves
  // terms lookups on the coordinating node). Unset: terms lookups fail with
  // an illegal_argument_exception. A missing document yields no values.
  std::function<Result<std::vector<json::value>>(const TermsLookup&)> terms_lookup;
  // indices.query.max_nested_depth (ES default 30).
  int max_nested_depth = 30;
};

// Parses one query clause ({"match": {...}}).
Result<QueryPtr> ParseQuery(const json::value& query, const QueryContext& ctx);
Result<QueryPtr> ParseQuery(const json::value& query, const QueryContext& ctx,
                            const ParseOptions& options);

}  // namespace quiver::query::dsl
