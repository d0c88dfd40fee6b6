// match_phrase_prefix: a phrase whose last term is a prefix (ES
// MatchPhrasePrefixQueryBuilder): slop, max_expansions, analyzer,
// zero_terms_query.
#include "query/dsl/match_options.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseMatchPhrasePrefixQuery(const json::value& body, ParseContext& pc) {
  MatchOptions options;
  constexpr unsigned kAccepted =
      kParamAnalyzer | kParamSlop | kParamMaxExpansions | kParamZeroTerms;
  QUIVER_ASSIGN_OR_RETURN(MatchBody m,
                          ParseMatchBody(body, "match_phrase_prefix", kAccepted, pc, &options));
  return BuildMatchQuery("match_phrase_prefix", m, options, TextQueryType::kPhrasePrefix, pc);
}

}  // namespace quiver::query::dsl
