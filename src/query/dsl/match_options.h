// Options shared by the match family (match, match_phrase,
// match_phrase_prefix, match_bool_prefix, multi_match): reading them from
// the query body with ES's names and errors, and turning them into
// TextQueryOptions. Internal to dsl/.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/json.h"
#include "common/status.h"
#include "query/dsl/parse_context.h"
#include "query/dsl/text_query_builder.h"

namespace quiver::query::dsl {

enum class ZeroTermsQuery { kNone, kAll };

struct MatchOptions {
  std::string analyzer;  // empty: the fields' search analyzers
  Occur occur = Occur::kShould;
  std::optional<std::string> minimum_should_match;
  std::optional<Fuzziness> fuzziness;
  int prefix_length = 0;
  int max_expansions = 50;
  bool fuzzy_transpositions = true;
  std::optional<bool> lenient;  // unset: false (true for "*" fields in multi_match)
  ZeroTermsQuery zero_terms = ZeroTermsQuery::kNone;
  bool auto_generate_synonyms_phrase_query = true;
  int slop = 0;
  CommonParams common;
};

// The match-family parameters a query accepts, by name.
enum MatchParam : unsigned {
  kParamAnalyzer = 1u << 0,
  kParamOperator = 1u << 1,
  kParamMinimumShouldMatch = 1u << 2,
  kParamFuzziness = 1u << 3,  // fuzziness, prefix_length, fuzzy_transpositions, fuzzy_rewrite
  kParamMaxExpansions = 1u << 4,
  kParamLenient = 1u << 5,
  kParamZeroTerms = 1u << 6,
  kParamAutoGenerateSynonyms = 1u << 7,
  kParamSlop = 1u << 8,
};

// Reads `key` if it is one of `accepted` (or boost/_name); false if the
// query does not know it.
Result<bool> ReadMatchOption(std::string_view query, unsigned accepted, std::string_view key,
                             const json::value& v, const ParseContext& pc, MatchOptions* out);

// Resolves the analyzer option (a shard-level "[query] analyzer [x] not
// found" error when unknown) into TextQueryOptions.
Result<TextQueryOptions> ToTextQueryOptions(std::string_view query, const MatchOptions& options,
                                            const ParseContext& pc);

// match_none "Matching no documents because no terms present" or match_all.
QueryPtr ZeroTermsResult(ZeroTermsQuery z);

// ES Queries.maybeApplyMinimumShouldMatch: applies a spec to a bool's
// should clauses; other queries are returned unchanged.
Result<QueryPtr> ApplyMinimumShouldMatch(const QueryPtr& q, const std::optional<std::string>& spec);

// The common single-field body {"<field>": "text"} or {"<field>": {"query":
// .., params}} of match, match_phrase, ...
struct MatchBody {
  std::string field;
  std::string text;
};
Result<MatchBody> ParseMatchBody(const json::value& body, std::string_view query, unsigned accepted,
                                 const ParseContext& pc, MatchOptions* options);

// Builds a single-field match-family query: analysis, zero_terms_query,
// minimum_should_match, boost and name; shard-level failures are deferred.
Result<QueryPtr> BuildMatchQuery(std::string_view query, const MatchBody& body,
                                 const MatchOptions& options, TextQueryType type, ParseContext& pc);

}  // namespace quiver::query::dsl
