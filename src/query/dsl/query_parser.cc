// ParseQuery: the query-type registry and the generic clause structure
// ({"<type>": {...}}) ES's AbstractQueryBuilder.parseInnerQueryBuilder checks.
#include "query/dsl/query_parser.h"

#include <string_view>
#include <utility>

#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

namespace {

struct Registration {
  std::string_view name;
  QueryTypeParser parser;
};

// Every query type Quiver parses, by ES name.
constexpr Registration kRegistry[] = {
    {"ann", ParseAnnQuery},
    {"bool", ParseBoolQuery},
    {"boosting", ParseBoostingQuery},
    {"combined_fields", ParseCombinedFieldsQuery},
    {"constant_score", ParseConstantScoreQuery},
    {"dis_max", ParseDisMaxQuery},
    {"exists", ParseExistsQuery},
    {"function_score", ParseFunctionScoreQuery},
    {"fuzzy", ParseFuzzyQuery},
    {"ids", ParseIdsQuery},
    {"knn", ParseKnnQuery},
    {"match", ParseMatchQuery},
    {"match_all", ParseMatchAllQuery},
    {"match_bool_prefix", ParseMatchBoolPrefixQuery},
    {"match_none", ParseMatchNoneQuery},
    {"match_phrase", ParseMatchPhraseQuery},
    {"match_phrase_prefix", ParseMatchPhrasePrefixQuery},
    {"multi_match", ParseMultiMatchQuery},
    {"nested", ParseNestedQuery},
    {"prefix", ParsePrefixQuery},
    {"query_string", ParseQueryStringQuery},
    {"range", ParseRangeQuery},
    {"regexp", ParseRegexpQuery},
    {"simple_query_string", ParseSimpleQueryStringQuery},
    {"term", ParseTermQuery},
    {"terms", ParseTermsQuery},
    {"terms_set", ParseTermsSetQuery},
    {"wildcard", ParseWildcardQuery},
    {"wrapper", ParseWrapperQuery},
};

QueryTypeParser FindParser(std::string_view name) {
  for (const Registration& r : kRegistry) {
    if (r.name == name) return r.parser;
  }
  return nullptr;
}

std::vector<std::string_view> RegisteredNames() {
  std::vector<std::string_view> names;
  for (const Registration& r : kRegistry) names.push_back(r.name);
  return names;
}

}  // namespace

QueryPtr MissingFieldQuery(std::string_view query) {
  return MatchNone("The \"" + std::string(query) +
                   "\" query is against a field that does not exist");
}

Result<QueryPtr> ParseInnerQuery(const json::value& clause, ParseContext& pc) {
  if (!clause.is_object()) {
    return ParsingError("[_na] query malformed, must start with start_object");
  }
  const json::object& obj = clause.get_object();
  if (obj.empty()) return IllegalArgumentError("query malformed, empty clause found");
  auto it = obj.begin();
  std::string name(it->key());
  if (!it->value().is_object()) {
    return ParsingError("[" + name + "] query malformed, no start_object after query name");
  }
  QueryTypeParser parser = FindParser(name);
  if (parser == nullptr && IsUnsupportedQueryType(name)) return UnsupportedQueryType(name);
  if (parser == nullptr) {
    return ParsingError("unknown query [" + name + "]" + DidYouMean(name, RegisteredNames()));
  }
  QUIVER_RETURN_IF_ERROR(pc.Enter());
  Result<QueryPtr> q = parser(it->value(), pc);
  pc.Leave();
  if (!q.ok()) return q;
  if (obj.size() > 1) {
    return ParsingError("[" + name +
                        "] malformed query, expected [END_OBJECT] but found [FIELD_NAME]");
  }
  return q;
}

Result<std::vector<QueryPtr>> ParseInnerQueries(const json::value& v, ParseContext& pc) {
  std::vector<QueryPtr> out;
  if (v.is_array()) {
    for (const json::value& e : v.get_array()) {
      QUIVER_ASSIGN_OR_RETURN(QueryPtr q, ParseInnerQuery(e, pc));
      out.push_back(std::move(q));
    }
    return out;
  }
  QUIVER_ASSIGN_OR_RETURN(QueryPtr q, ParseInnerQuery(v, pc));
  out.push_back(std::move(q));
  return out;
}

Result<QueryPtr> ParseQuery(const json::value& query, const QueryContext& ctx) {
  return ParseQuery(query, ctx, ParseOptions());
}

Result<QueryPtr> ParseQuery(const json::value& query, const QueryContext& ctx,
                            const ParseOptions& options) {
  ParseContext pc(ctx, options);
  Result<QueryPtr> q = ParseInnerQuery(query, pc);
  if (!q.ok()) return q;
  if (!pc.deferred().ok()) return pc.deferred();
  return q;
}

}  // namespace quiver::query::dsl
