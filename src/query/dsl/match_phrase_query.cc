// match_phrase: the analyzed text as a phrase (ES MatchPhraseQueryBuilder):
// slop, analyzer (default: the field's search_quote_analyzer),
// zero_terms_query. Removed stopwords leave position gaps.
#include "query/dsl/match_options.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseMatchPhraseQuery(const json::value& body, ParseContext& pc) {
  MatchOptions options;
  constexpr unsigned kAccepted = kParamAnalyzer | kParamSlop | kParamZeroTerms;
  QUIVER_ASSIGN_OR_RETURN(MatchBody m,
                          ParseMatchBody(body, "match_phrase", kAccepted, pc, &options));
  return BuildMatchQuery("match_phrase", m, options, TextQueryType::kPhrase, pc);
}

}  // namespace quiver::query::dsl
