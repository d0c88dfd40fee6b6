// match_bool_prefix: a bool of the analyzed terms, the last one as a prefix
// (ES MatchBoolPrefixQueryBuilder): operator, minimum_should_match,
// fuzziness options (not applied to the prefix), analyzer.
#include "query/dsl/match_options.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseMatchBoolPrefixQuery(const json::value& body, ParseContext& pc) {
  MatchOptions options;
  constexpr unsigned kAccepted = kParamAnalyzer | kParamOperator | kParamMinimumShouldMatch |
                                 kParamFuzziness | kParamMaxExpansions;
  QUIVER_ASSIGN_OR_RETURN(MatchBody m,
                          ParseMatchBody(body, "match_bool_prefix", kAccepted, pc, &options));
  return BuildMatchQuery("match_bool_prefix", m, options, TextQueryType::kBooleanPrefix, pc);
}

}  // namespace quiver::query::dsl
