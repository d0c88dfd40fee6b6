// multi_match: a match query over several fields (ES MultiMatchQueryBuilder):
// type best_fields | most_fields | cross_fields | phrase | phrase_prefix |
// bool_prefix, "field^boost", wildcard field patterns, tie_breaker, and the
// match options. Without fields, index.query.default_field applies; "*"
// makes the query lenient unless `lenient` says otherwise.
#include "query/dsl/field_lookup.h"
#include "query/dsl/multi_field_query.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseMultiMatchQuery(const json::value& body, ParseContext& pc) {
  MatchOptions options;
  constexpr unsigned kAccepted = kParamAnalyzer | kParamOperator | kParamMinimumShouldMatch |
                                 kParamFuzziness | kParamMaxExpansions | kParamLenient |
                                 kParamZeroTerms | kParamAutoGenerateSynonyms | kParamSlop;
  std::optional<std::string> text;
  FieldWeights specs;
  MultiMatchType type = MultiMatchType::kBestFields;
  std::string type_name = "best_fields";
  std::optional<float> tie_breaker;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    if (key == "fields") {
      auto add = [&](const json::value& e) -> Status {
        auto s = ScalarText(e);
        if (!s || !e.is_string()) {
          return ParsingError("[multi_match] query does not support [" +
                              std::string(JsonTokenName(e)) + "] in [fields]");
        }
        auto fb = ParseFieldAndBoost(*s);
        if (!fb.ok()) return fb.status();
        specs.push_back(*fb);
        return Status::Ok();
      };
      if (v.is_array()) {
        for (const auto& e : v.get_array()) QUIVER_RETURN_IF_ERROR(add(e));
      } else {
        QUIVER_RETURN_IF_ERROR(add(v));
      }
      continue;
    }
    if (v.is_object() || v.is_array()) return UnknownToken("multi_match", v, key);
    if (key == "query") {
      text = ScalarText(v);
    } else if (key == "type") {
      QUIVER_ASSIGN_OR_RETURN(type_name, ReadString(v, "multi_match", key));
      auto t = MultiMatchTypeFromName(type_name);
      if (!t) {
        return ParsingError("[multi_match] query does not support type [" + type_name + "]");
      }
      type = *t;
    } else if (key == "tie_breaker") {
      QUIVER_ASSIGN_OR_RETURN(float tb, ReadFloat(v, "multi_match", key));
      tie_breaker = tb;
    } else {
      QUIVER_ASSIGN_OR_RETURN(bool handled,
                              ReadMatchOption("multi_match", kAccepted, key, v, pc, &options));
      if (!handled) return UnsupportedParam("multi_match", key);
    }
  }
  if (!text) return ParsingError("No text specified for multi_match query");
  if (options.fuzziness &&
      (type == MultiMatchType::kCrossFields || type == MultiMatchType::kPhrase ||
       type == MultiMatchType::kPhrasePrefix)) {
    return ParsingError("Fuzziness not allowed for type [" + type_name + "]");
  }
  if (options.slop != 0 && type == MultiMatchType::kBoolPrefix) {
    return ParsingError("slop not allowed for type [" + type_name + "]");
  }

  bool all_fields = false;
  if (specs.empty()) {
    for (const std::string& f : DefaultFields(pc)) {
      auto fb = ParseFieldAndBoost(f);
      if (!fb.ok()) return pc.Defer(fb.status());
      all_fields |= fb->first == "*";
      specs.push_back(*fb);
    }
  } else {
    for (const auto& [name, w] : specs) all_fields |= name == "*";
  }
  if (all_fields && !options.lenient) options.lenient = true;
  auto fields = ResolveFieldSpecs(pc, specs);
  if (!fields.ok()) return pc.Defer(fields.status());
  if (fields->empty()) {
    return Finish(MatchNone("unmapped fields"), options.common.boost, options.common.name);
  }
  auto text_options = ToTextQueryOptions("multi_match", options, pc);
  if (!text_options.ok()) return pc.Defer(text_options.status());
  MultiFieldOptions mf;
  mf.text = *text_options;
  mf.tie_breaker = tie_breaker;
  mf.minimum_should_match = options.minimum_should_match;
  mf.zero_terms = options.zero_terms;
  auto q = BuildMultiFieldQuery(pc, type, *fields, *text, mf);
  if (!q.ok()) return pc.Defer(q.status());
  return Finish(*q, options.common.boost, options.common.name);
}

}  // namespace quiver::query::dsl
