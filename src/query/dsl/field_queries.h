// The per-field-type query factories of ES's MappedFieldType: what a term,
// terms, range, prefix, wildcard, regexp, fuzzy or exists query means on a
// text, keyword, numeric, date, boolean, ip, flattened or metadata field.
// The field must be mapped (callers answer unmapped fields with match_none).
//
// Errors are the causes ES reports during query creation: callers report
// them through ParseContext::Defer (or answer match_none when lenient).
// Errors already of type query_shard_exception ("Can only use prefix
// queries on keyword, text and wildcard fields - not on [f] which is of type
// [long]") are reported as they are; others get "failed to create query: ".
// Stateless; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "common/json.h"
#include "common/status.h"
#include "query/dsl/field_lookup.h"
#include "query/dsl/fuzziness.h"
#include "query/query.h"
#include "schema/date_format.h"

namespace quiver::query::dsl {

class ParseContext;

// term (case_insensitive: keyword-like fields only, as ES).
Result<QueryPtr> FieldTermQuery(const ParseContext& pc, const FieldRef& field,
                                const json::value& value, bool case_insensitive = false);
// terms (constant score).
Result<QueryPtr> FieldTermsQuery(const ParseContext& pc, const FieldRef& field,
                                 const std::vector<json::value>& values);

struct RangeSpec {
  const json::value* lower = nullptr;  // nullptr or null: unbounded
  const json::value* upper = nullptr;
  bool include_lower = true;
  bool include_upper = true;
  // Date fields: `format` overrides the field's format; `time_zone`.
  const schema::DateFormat* format = nullptr;
  std::optional<int32_t> tz_offset_seconds;
};
Result<QueryPtr> FieldRangeQuery(const ParseContext& pc, const FieldRef& field,
                                 const RangeSpec& range);

Result<QueryPtr> FieldPrefixQuery(const ParseContext& pc, const FieldRef& field,
                                  std::string_view prefix, bool case_insensitive = false);
// `normalizer`: applied to the literal parts of the pattern (query_string's
// normalized wildcards); keyword fields always use their own normalizer.
Result<QueryPtr> FieldWildcardQuery(const ParseContext& pc, const FieldRef& field,
                                    std::string_view pattern, bool case_insensitive = false,
                                    const analysis::Analyzer* normalizer = nullptr);
Result<QueryPtr> FieldRegexpQuery(const ParseContext& pc, const FieldRef& field,
                                  std::string_view pattern, int flags, int max_determinized_states,
                                  bool case_insensitive = false);
Result<QueryPtr> FieldFuzzyQuery(const ParseContext& pc, const FieldRef& field,
                                 const json::value& value, const Fuzziness& fuzziness,
                                 int prefix_length, int max_expansions, bool transpositions);
// exists for one concrete field.
QueryPtr FieldExistsQuery(const ParseContext& pc, const FieldRef& field);

// Escapes wildcard metacharacters so the text matches literally.
std::string EscapeWildcard(std::string_view text);

}  // namespace quiver::query::dsl
