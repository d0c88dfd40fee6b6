// match: analyzed full text on one field (ES MatchQueryBuilder): operator,
// minimum_should_match, fuzziness (AUTO[:low,high]), prefix_length,
// max_expansions, fuzzy_transpositions, lenient, zero_terms_query,
// analyzer, auto_generate_synonyms_phrase_query.
#include "query/dsl/match_options.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseMatchQuery(const json::value& body, ParseContext& pc) {
  MatchOptions options;
  constexpr unsigned kAccepted = kParamAnalyzer | kParamOperator | kParamMinimumShouldMatch |
                                 kParamFuzziness | kParamMaxExpansions | kParamLenient |
                                 kParamZeroTerms | kParamAutoGenerateSynonyms;
  QUIVER_ASSIGN_OR_RETURN(MatchBody m, ParseMatchBody(body, "match", kAccepted, pc, &options));
  return BuildMatchQuery("match", m, options, TextQueryType::kBoolean, pc);
}

}  // namespace quiver::query::dsl
