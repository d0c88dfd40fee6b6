// One parser per ES query type (one file each: bool_query.cc,
// match_query.cc, ...). Each takes the query's body (the value under its
// name) and returns the tree node, or a parse error; shard-level errors go
// through ParseContext::Defer. Internal to dsl/.
#pragma once

#include <string_view>
#include <vector>

#include "common/json.h"
#include "common/status.h"
#include "query/dsl/parse_context.h"
#include "query/query.h"

namespace quiver::query::dsl {

// A whole clause ({"<type>": {...}}), with nesting-depth accounting.
Result<QueryPtr> ParseInnerQuery(const json::value& clause, ParseContext& pc);
// A clause or an array of clauses (bool's must, dis_max's queries, ...).
Result<std::vector<QueryPtr>> ParseInnerQueries(const json::value& v, ParseContext& pc);

using QueryTypeParser = Result<QueryPtr> (*)(const json::value& body, ParseContext& pc);

Result<QueryPtr> ParseMatchAllQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseMatchNoneQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseMatchQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseMatchPhraseQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseMatchPhrasePrefixQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseMatchBoolPrefixQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseMultiMatchQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseCombinedFieldsQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseQueryStringQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseSimpleQueryStringQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseBoolQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseTermQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseTermsQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseTermsSetQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseRangeQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseExistsQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseIdsQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParsePrefixQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseWildcardQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseRegexpQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseFuzzyQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseConstantScoreQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseDisMaxQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseBoostingQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseFunctionScoreQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseKnnQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseAnnQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseNestedQuery(const json::value& body, ParseContext& pc);
Result<QueryPtr> ParseWrapperQuery(const json::value& body, ParseContext& pc);

// ES query types Quiver recognizes but does not run (script_score, geo_*,
// percolate, more_like_this, span_*, ...): ParseInnerQuery answers them
// with an illegal_argument_exception naming the type.
bool IsUnsupportedQueryType(std::string_view name);
Status UnsupportedQueryType(std::string_view name);

// exists for a field name, pattern or object path (ES ExistsQueryBuilder.newFilter).
QueryPtr BuildExistsQuery(const ParseContext& pc, const std::string& pattern);

// "The \"<query>\" query is against a field that does not exist".
QueryPtr MissingFieldQuery(std::string_view query);

}  // namespace quiver::query::dsl
