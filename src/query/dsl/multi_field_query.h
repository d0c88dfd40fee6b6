// Text queries over several fields (ES MultiMatchQueryParser), shared by
// multi_match, query_string and simple_query_string: per-field queries
// combined with dis_max (best_fields, most_fields with tie_breaker 1,
// phrase, phrase_prefix, bool_prefix), or cross_fields, which groups fields
// by analyzer and blends each term across a group's fields. combined_fields
// uses the same blending (BM25F) over text fields. Internal to dsl/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "query/dsl/match_options.h"
#include "query/dsl/text_query_builder.h"

namespace quiver::query::dsl {

enum class MultiMatchType {
  kBestFields,
  kMostFields,
  kCrossFields,
  kPhrase,
  kPhrasePrefix,
  kBoolPrefix
};

// "best_fields", ... (also camelCase as ES's ParseField accepts); nullopt if unknown.
std::optional<MultiMatchType> MultiMatchTypeFromName(std::string_view name);
float DefaultTieBreaker(MultiMatchType type);
TextQueryType TextTypeOf(MultiMatchType type);

using FieldWeights = std::vector<std::pair<std::string, float>>;

struct MultiFieldOptions {
  TextQueryOptions text;
  std::optional<float> tie_breaker;
  std::optional<std::string> minimum_should_match;
  // Without terms: match_none/match_all, or (query_string) no query at all.
  std::optional<ZeroTermsQuery> zero_terms = ZeroTermsQuery::kNone;
};

// nullptr only when the text has no terms and zero_terms is unset.
Result<QueryPtr> BuildMultiFieldQuery(const ParseContext& pc, MultiMatchType type,
                                      const FieldWeights& fields, std::string_view text,
                                      const MultiFieldOptions& options);

// combined_fields: one query per position blending the statistics of
// `fields` (all text fields with one search analyzer).
Result<QueryPtr> BuildCombinedFieldsQuery(const ParseContext& pc, const FieldWeights& fields,
                                          std::string_view text, const TextQueryOptions& options);

}  // namespace quiver::query::dsl
