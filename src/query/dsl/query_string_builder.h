// QueryStringBuilder: what each piece of query_string syntax means on an
// index (ES QueryStringQueryParser's get*Query overrides): field
// resolution (default_field, fields, patterns, quote_field_suffix),
// multi-field text through multi_match semantics (`type`, tie_breaker),
// `_exists_:f`, `f:>=10` one-sided ranges, ranges with normalized bounds and
// time_zone, fuzzy terms with the `fuzziness` default, prefixes (optionally
// analyzed), normalized wildcards, regexps with index.max_regex_length, and
// lenient failures. Not thread-safe; one per query.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "query/dsl/lucene_query_syntax.h"
#include "query/dsl/multi_field_query.h"

namespace quiver::query::dsl {

struct QueryStringSettings {
  // Exactly one of: a default field name or pattern ("*" included), or
  // resolved fields with weights.
  std::optional<std::string> default_field;
  FieldWeights fields;
  MultiMatchType type = MultiMatchType::kBestFields;
  std::optional<float> tie_breaker;
  TextQueryOptions text;  // occur, lenient, auto-generated phrases, position increments
  std::shared_ptr<const analysis::Analyzer> analyzer;
  std::shared_ptr<const analysis::Analyzer> quote_analyzer;
  std::string quote_field_suffix;
  bool analyze_wildcard = false;
  bool allow_leading_wildcard = true;
  int max_determinized_states = 10000;
  Fuzziness fuzziness = Fuzziness::Auto();
  int fuzzy_prefix_length = 0;
  int fuzzy_max_expansions = 50;
  bool fuzzy_transpositions = true;
  std::optional<int32_t> tz_offset_seconds;
};

class QueryStringBuilder : public ClassicQueryBuilder {
 public:
  QueryStringBuilder(const ParseContext& pc, QueryStringSettings settings)
      : pc_(pc), s_(std::move(settings)) {}

  Result<QueryPtr> FieldQuery(const std::optional<std::string>& field,
                              const std::string& text) override;
  Result<QueryPtr> PhraseQuery(const std::optional<std::string>& field, const std::string& text,
                               int slop) override;
  Result<QueryPtr> PrefixQuery(const std::optional<std::string>& field,
                               const std::string& text) override;
  Result<QueryPtr> WildcardQuery(const std::optional<std::string>& field,
                                 const std::string& pattern) override;
  Result<QueryPtr> RegexpQuery(const std::optional<std::string>& field,
                               const std::string& pattern) override;
  Result<QueryPtr> FuzzyQuery(const std::optional<std::string>& field, const std::string& text,
                              const std::string& slop) override;
  Result<QueryPtr> RangeQuery(const std::optional<std::string>& field,
                              const std::optional<std::string>& lower,
                              const std::optional<std::string>& upper, bool include_lower,
                              bool include_upper) override;

 private:
  Result<FieldWeights> ExtractFields(const std::optional<std::string>& field, bool quoted) const;
  // The field Lucene passes down: the explicit one or the default field.
  std::optional<std::string> EffectiveField(const std::optional<std::string>& field) const;
  QueryPtr Exists(const std::string& pattern) const;
  QueryPtr Combine(std::vector<QueryPtr> queries) const;
  Result<QueryPtr> Lenient(const std::string& field, Result<QueryPtr> r) const;
  const analysis::Analyzer* NormalizerFor(const FieldRef& f) const;
  Result<QueryPtr> RangeSingle(const std::string& field, const std::optional<std::string>& lower,
                               const std::optional<std::string>& upper, bool include_lower,
                               bool include_upper) const;
  Result<QueryPtr> PrefixSingle(const std::string& field, const std::string& text) const;

  const ParseContext& pc_;
  QueryStringSettings s_;
};

}  // namespace quiver::query::dsl
