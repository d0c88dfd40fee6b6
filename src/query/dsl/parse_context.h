// ParseContext: the state of one ParseQuery call shared by every query-type
// parser — the index context, request options, the nesting depth, the first
// shard-level error (reported after the whole query parsed, as ES does) —
// plus the helpers that produce ES-shaped errors and read query parameters
// with ES's lenient coercions. Internal to dsl/. Not thread-safe; one per
// ParseQuery call.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/analysis_registry.h"
#include "common/json.h"
#include "common/status.h"
#include "query/dsl/query_parser.h"
#include "query/query.h"
#include "query/query_context.h"
#include "schema/index_settings.h"
#include "schema/mapping.h"

namespace quiver::query::dsl {

// ES error types.
Status ParsingError(std::string message);          // parsing_exception
Status XContentParseError(std::string message);    // x_content_parse_exception
Status IllegalArgumentError(std::string message);  // illegal_argument_exception
// "[query] query does not support [param]" (hand-written ES parsers).
Status UnsupportedParam(std::string_view query, std::string_view param);
// "[query] unknown token [START_OBJECT] after [param]".
Status UnknownToken(std::string_view query, const json::value& v, std::string_view param);
// "[query] unknown field [param]" with ES's "did you mean" suggestions
// (ObjectParser-based ES parsers).
Status UnknownField(std::string_view query, std::string_view param,
                    const std::vector<std::string_view>& candidates);
// " did you mean [x]?" / " did you mean any of [x, y]?" / "" (Lucene
// LevenshteinDistance > 0.5, as ES's SuggestingErrorOnUnknown).
std::string DidYouMean(std::string_view name, const std::vector<std::string_view>& candidates);

// `boost` and `_name`, accepted by every query type.
struct CommonParams {
  float boost = 1;
  std::string name;
};

class ParseContext {
 public:
  ParseContext(const QueryContext& ctx, const ParseOptions& options);

  const QueryContext& ctx() const { return ctx_; }
  const ParseOptions& options() const { return options_; }
  // Never null (an empty mapping / the global registry / default settings
  // stand in for missing ones).
  const schema::Mapping& mapping() const { return *mapping_; }
  const analysis::AnalysisRegistry& analysis() const { return *analysis_; }
  const schema::IndexSettings& settings() const { return *settings_; }
  const std::string& index_name() const { return ctx_.index_name; }
  int64_t now_ms() const { return ctx_.now_ms; }

  // Nesting of query clauses (indices.query.max_nested_depth).
  Status Enter();
  void Leave() { --depth_; }

  // A shard-level error as ES reports it: query_shard_exception with the
  // index name; causes of other types are wrapped as
  // "failed to create query: <cause message>".
  Status ShardError(const Status& cause) const;
  Status ShardError(std::string message) const;
  // Records a shard-level error to report once parsing has finished (the
  // first one wins) and returns a placeholder node.
  QueryPtr Defer(const Status& cause);
  const Status& deferred() const { return deferred_; }

  // Reads `boost` / `_name`; false if `key` is neither. Negative boosts are
  // rejected as ES does.
  bool ReadCommon(std::string_view key, const json::value& v, std::string_view query,
                  CommonParams* out, Status* status) const;

  // Analyzer by name, as the `analyzer` option names it; nullptr if unknown.
  std::shared_ptr<const analysis::Analyzer> FindAnalyzer(std::string_view name) const;

 private:
  const QueryContext& ctx_;
  const ParseOptions& options_;
  std::shared_ptr<const schema::Mapping> empty_mapping_;
  const schema::Mapping* mapping_;
  std::shared_ptr<const analysis::AnalysisRegistry> global_analysis_;
  const analysis::AnalysisRegistry* analysis_;
  std::unique_ptr<schema::IndexSettings> default_settings_;
  const schema::IndexSettings* settings_;
  int depth_ = 0;
  Status deferred_;
};

// Typed parameter reads with ES's coercions: numbers accept numeric strings,
// booleans accept "true"/"false", strings accept numbers and booleans.
// Objects and arrays are rejected with "[query] unknown token [...] after
// [param]" (parsing_exception).
Result<float> ReadFloat(const json::value& v, std::string_view query, std::string_view param);
Result<double> ReadDouble(const json::value& v, std::string_view query, std::string_view param);
Result<int> ReadInt(const json::value& v, std::string_view query, std::string_view param);
Result<int64_t> ReadInt64(const json::value& v, std::string_view query, std::string_view param);
Result<bool> ReadBool(const json::value& v, std::string_view query, std::string_view param);
Result<std::string> ReadString(const json::value& v, std::string_view query,
                               std::string_view param);

// The text ES's parser.text()/objectText() yields for a scalar: strings as
// is, integers in decimal, doubles as Java prints them, booleans as
// true/false; nullopt for null, objects and arrays.
std::optional<std::string> ScalarText(const json::value& v);
bool IsScalar(const json::value& v);
// Java's Double.parseDouble: decimal and exponent forms, Infinity, NaN, a
// trailing d/f, surrounding whitespace ignored.
bool ParseJavaDouble(std::string_view s, double* out);

// A {"<field>": value-or-object} query body (term, match, prefix, ...):
// exactly one field, else "[query] query doesn't support multiple fields,
// found [a] and [b]" (parsing_exception). `allow_top_level` lists keys
// accepted beside the field (range's _name, ...).
struct FieldKeyedBody {
  std::string field;
  const json::value* value = nullptr;  // the short-form value or the object
  // Top-level members other than the field.
  std::vector<std::pair<std::string, const json::value*>> top_level;
};
Result<FieldKeyedBody> ReadFieldKeyedBody(const json::value& body, std::string_view query,
                                          const std::vector<std::string_view>& allow_top_level);

// ES QueryParsers.parseRewriteMethod: constant_score, constant_score_boolean,
// constant_score_blended, scoring_boolean, top_terms_N,
// top_terms_boost_N, top_terms_blended_freqs_N. Quiver's multi-term queries
// always rewrite to constant score (fuzzy: blended frequencies); the value
// is only validated. Error: illegal_argument_exception "Failed to parse
// rewrite_method [x]".
Status ValidateRewriteMethod(const json::value& v, std::string_view query, std::string_view param);

// A single-field query body as ES's term-level parsers read it:
// {"<field>": <value>} or {"<field>": {"<value key>": v, "boost": .., "_name":
// .., other params}}. `on_param` handles the query's own parameters and
// returns false for unknown ones ("[query] query does not support [p]").
// Errors: multiple fields, arrays, a missing field ("field name is null or
// empty") or value ("value cannot be null").
struct SingleFieldQuery {
  std::string field;
  const json::value* value = nullptr;
  CommonParams common;
};
Result<SingleFieldQuery> ParseSingleFieldQuery(
    const json::value& body, std::string_view query, std::vector<std::string_view> value_keys,
    const std::function<Result<bool>(std::string_view key, const json::value& v)>& on_param,
    const ParseContext& pc);

}  // namespace quiver::query::dsl
