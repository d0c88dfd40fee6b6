// query_string: Lucene query syntax over one or more fields (ES
// QueryStringQueryBuilder). See lucene_query_syntax.h for the syntax and
// query_string_builder.h for how its parts resolve; this file reads the
// options: query, default_field | fields, type, tie_breaker,
// default_operator, analyzer, quote_analyzer, quote_field_suffix,
// allow_leading_wildcard, analyze_wildcard, enable_position_increments,
// fuzziness, fuzzy_prefix_length, fuzzy_max_expansions,
// fuzzy_transpositions, phrase_slop, lenient, time_zone,
// minimum_should_match, auto_generate_synonyms_phrase_query,
// max_determinized_states, escape, rewrite, fuzzy_rewrite, boost, _name.
#include "common/strings.h"
#include "query/dsl/date_math.h"
#include "query/dsl/field_lookup.h"
#include "query/dsl/query_parsers.h"
#include "query/dsl/query_string_builder.h"

namespace quiver::query::dsl {

namespace {

constexpr std::string_view kQuery = "query_string";

// Lucene QueryParser.escape.
std::string EscapeQuerySyntax(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\+-!():^[]\"{}~*?|&/").find(c) != std::string_view::npos) {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

Result<QueryPtr> ParseQueryStringQuery(const json::value& body, ParseContext& pc) {
  std::optional<std::string> query_text;
  std::optional<std::string> default_field;
  FieldWeights field_specs;
  bool have_fields = false;
  std::string type_name;
  std::optional<float> tie_breaker;
  std::string analyzer_name, quote_analyzer_name;
  std::optional<bool> lenient;
  std::optional<std::string> msm;
  std::string time_zone;
  bool escape = false;
  int phrase_slop = 0;
  QueryStringSettings s;
  CommonParams common;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    if (key == "fields") {
      if (!v.is_array()) return UnknownToken(kQuery, v, key);
      have_fields = true;
      for (const auto& e : v.get_array()) {
        if (!e.is_string()) return ParsingError("[query_string] query does not support [fields]");
        auto fb = ParseFieldAndBoost(std::string_view(e.get_string()));
        if (!fb.ok()) return fb.status();
        field_specs.push_back(*fb);
      }
      continue;
    }
    if (v.is_object() || v.is_array()) return UnknownToken(kQuery, v, key);
    Status st;
    if (key == "query") {
      QUIVER_ASSIGN_OR_RETURN(std::string q, ReadString(v, kQuery, key));
      query_text = q;
    } else if (key == "default_field") {
      QUIVER_ASSIGN_OR_RETURN(std::string f, ReadString(v, kQuery, key));
      default_field = f;
    } else if (key == "type") {
      QUIVER_ASSIGN_OR_RETURN(type_name, ReadString(v, kQuery, key));
      auto t = MultiMatchTypeFromName(type_name);
      if (!t || *t == MultiMatchType::kBoolPrefix) {
        return ParsingError("[query_string] query does not support type [" + type_name + "]");
      }
      s.type = *t;
    } else if (key == "tie_breaker") {
      QUIVER_ASSIGN_OR_RETURN(float tb, ReadFloat(v, kQuery, key));
      tie_breaker = tb;
    } else if (key == "default_operator") {
      QUIVER_ASSIGN_OR_RETURN(std::string op, ReadString(v, kQuery, key));
      std::string lower = AsciiLower(op);
      if (lower != "or" && lower != "and") {
        return IllegalArgumentError("operator needs to be either [OR, AND], but not [" + op + "]");
      }
      s.text.occur = lower == "and" ? Occur::kMust : Occur::kShould;
    } else if (key == "analyzer") {
      QUIVER_ASSIGN_OR_RETURN(analyzer_name, ReadString(v, kQuery, key));
    } else if (key == "quote_analyzer") {
      QUIVER_ASSIGN_OR_RETURN(quote_analyzer_name, ReadString(v, kQuery, key));
    } else if (key == "quote_field_suffix") {
      QUIVER_ASSIGN_OR_RETURN(s.quote_field_suffix, ReadString(v, kQuery, key));
    } else if (key == "allow_leading_wildcard") {
      QUIVER_ASSIGN_OR_RETURN(s.allow_leading_wildcard, ReadBool(v, kQuery, key));
    } else if (key == "analyze_wildcard") {
      QUIVER_ASSIGN_OR_RETURN(s.analyze_wildcard, ReadBool(v, kQuery, key));
    } else if (key == "enable_position_increments") {
      QUIVER_ASSIGN_OR_RETURN(s.text.enable_position_increments, ReadBool(v, kQuery, key));
    } else if (key == "auto_generate_synonyms_phrase_query") {
      QUIVER_ASSIGN_OR_RETURN(s.text.auto_generate_synonyms_phrase_query, ReadBool(v, kQuery, key));
    } else if (key == "fuzziness") {
      QUIVER_ASSIGN_OR_RETURN(s.fuzziness, Fuzziness::FromJson(v));
    } else if (key == "fuzzy_prefix_length") {
      QUIVER_ASSIGN_OR_RETURN(s.fuzzy_prefix_length, ReadInt(v, kQuery, key));
    } else if (key == "fuzzy_max_expansions") {
      QUIVER_ASSIGN_OR_RETURN(s.fuzzy_max_expansions, ReadInt(v, kQuery, key));
    } else if (key == "fuzzy_transpositions") {
      QUIVER_ASSIGN_OR_RETURN(s.fuzzy_transpositions, ReadBool(v, kQuery, key));
    } else if (key == "phrase_slop") {
      QUIVER_ASSIGN_OR_RETURN(phrase_slop, ReadInt(v, kQuery, key));
    } else if (key == "lenient") {
      QUIVER_ASSIGN_OR_RETURN(bool l, ReadBool(v, kQuery, key));
      lenient = l;
    } else if (key == "time_zone") {
      QUIVER_ASSIGN_OR_RETURN(time_zone, ReadString(v, kQuery, key));
    } else if (key == "minimum_should_match") {
      QUIVER_ASSIGN_OR_RETURN(std::string m, ReadString(v, kQuery, key));
      msm = m;
    } else if (key == "max_determinized_states") {
      QUIVER_ASSIGN_OR_RETURN(s.max_determinized_states, ReadInt(v, kQuery, key));
    } else if (key == "escape") {
      QUIVER_ASSIGN_OR_RETURN(escape, ReadBool(v, kQuery, key));
    } else if (key == "rewrite" || key == "fuzzy_rewrite") {
      QUIVER_RETURN_IF_ERROR(ValidateRewriteMethod(v, kQuery, key));
    } else if (pc.ReadCommon(key, v, kQuery, &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
    } else {
      return UnsupportedParam(kQuery, key);
    }
  }
  if (!query_text) return ParsingError("[query_string] must be provided with a [query]");
  if (default_field && have_fields) {
    return IllegalArgumentError(
        "cannot use [fields] parameter in conjunction with [default_field]");
  }
  if (!time_zone.empty()) {
    QUIVER_ASSIGN_OR_RETURN(int32_t offset, ParseTimeZoneOffset(time_zone));
    s.tz_offset_seconds = offset;
  }
  s.tie_breaker = tie_breaker;

  // Shard-level resolution.
  if (!analyzer_name.empty()) {
    s.analyzer = pc.FindAnalyzer(analyzer_name);
    if (s.analyzer == nullptr) {
      return pc.Defer(pc.ShardError("[query_string] analyzer [" + analyzer_name + "] not found"));
    }
  }
  if (!quote_analyzer_name.empty()) {
    s.quote_analyzer = pc.FindAnalyzer(quote_analyzer_name);
    if (s.quote_analyzer == nullptr) {
      return pc.Defer(
          pc.ShardError("[query_string] quote_analyzer [" + quote_analyzer_name + "] not found"));
    }
  }
  bool all_fields = false;
  if (default_field) {
    all_fields = *default_field == "*";
    s.default_field = default_field;
    if (all_fields) s.fields = ResolveFieldPattern(pc, "*", 1.0f);
  } else {
    if (!have_fields) {
      for (const std::string& f : DefaultFields(pc)) {
        auto fb = ParseFieldAndBoost(f);
        if (!fb.ok()) return pc.Defer(fb.status());
        field_specs.push_back(*fb);
      }
    }
    for (const auto& [name, w] : field_specs) all_fields |= name == "*";
    if (all_fields && !have_fields) {
      s.default_field = "*";
      s.fields = ResolveFieldPattern(pc, "*", 1.0f);
    } else {
      auto resolved = ResolveFieldSpecs(pc, field_specs);
      if (!resolved.ok()) return pc.Defer(resolved.status());
      s.fields = std::move(*resolved);
    }
  }
  s.text.lenient = lenient.value_or(all_fields);

  std::string text = escape ? EscapeQuerySyntax(*query_text) : *query_text;
  QueryPtr q;
  if (TrimWhitespace(text).empty()) {
    q = MatchNone("Matching no documents because no terms present");
  } else {
    QueryStringBuilder builder(pc, s);
    ClassicParserOptions options;
    options.default_operator_and = s.text.occur == Occur::kMust;
    options.phrase_slop = phrase_slop;
    auto parsed = ParseClassicQuery(text, options, &builder);
    if (!parsed.ok()) {
      Status cause = parsed.status();
      if (cause.type() == "parse_exception") {
        return pc.Defer(
            pc.ShardError("Failed to parse query [" + *query_text + "]").WithCause(cause));
      }
      return pc.Defer(cause);
    }
    q = *parsed != nullptr ? *parsed : MatchNone("Matching no documents because no terms present");
  }
  // Keep outer boosts while fixing negatives and applying minimum_should_match.
  float outer_boost = q->boost;
  if (outer_boost != 1.0f) {
    auto unboosted = std::make_shared<Query>(*q);
    unboosted->boost = 1.0f;
    q = unboosted;
  }
  q = FixNegativeQuery(q);
  auto with_msm = ApplyMinimumShouldMatch(q, msm);
  if (!with_msm.ok()) return pc.Defer(with_msm.status());
  q = Boost(*with_msm, outer_boost);
  return Finish(q, common.boost, common.name);
}

}  // namespace quiver::query::dsl
