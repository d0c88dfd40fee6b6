// combined_fields: BM25F over several text fields that share a search
// analyzer (ES CombinedFieldsQueryBuilder): fields with boosts >= 1,
// operator, minimum_should_match, zero_terms_query,
// auto_generate_synonyms_phrase_query.
#include "query/dsl/field_lookup.h"
#include "query/dsl/multi_field_query.h"
#include "query/dsl/query_parsers.h"
#include "schema/field_type.h"

namespace quiver::query::dsl {

namespace {

const std::vector<std::string_view> kCombinedFieldsParams = {"query",
                                                             "fields",
                                                             "operator",
                                                             "minimum_should_match",
                                                             "zero_terms_query",
                                                             "auto_generate_synonyms_phrase_query",
                                                             "boost",
                                                             "_name"};

}  // namespace

Result<QueryPtr> ParseCombinedFieldsQuery(const json::value& body, ParseContext& pc) {
  MatchOptions options;
  constexpr unsigned kAccepted =
      kParamOperator | kParamMinimumShouldMatch | kParamZeroTerms | kParamAutoGenerateSynonyms;
  std::optional<std::string> text;
  FieldWeights specs;
  bool have_fields = false;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    if (key == "fields") {
      have_fields = true;
      if (!v.is_array()) {
        return XContentParseError("[combined_fields] failed to parse field [fields]");
      }
      for (const auto& e : v.get_array()) {
        if (!e.is_string()) {
          return XContentParseError("[combined_fields] failed to parse field [fields]");
        }
        auto fb = ParseFieldAndBoost(std::string_view(e.get_string()));
        if (!fb.ok()) return fb.status();
        specs.push_back(*fb);
      }
      continue;
    }
    if (key == "query") {
      if (!IsScalar(v))
        return XContentParseError("[combined_fields] failed to parse field [query]");
      text = ScalarText(v);
      continue;
    }
    auto handled = ReadMatchOption("combined_fields", kAccepted, key, v, pc, &options);
    if (!handled.ok()) return handled.status();
    if (!*handled) return UnknownField("combined_fields", key, kCombinedFieldsParams);
  }
  if (!text) return IllegalArgumentError("[combined_fields] requires 'query' field");
  if (!have_fields) return IllegalArgumentError("[combined_fields] requires 'fields' field");
  for (const auto& [name, boost] : specs) {
    if (boost < 1.0f) {
      return IllegalArgumentError("[combined_fields] requires field boosts to be >= 1.0");
    }
  }
  auto fields = ResolveFieldSpecs(pc, specs);
  if (!fields.ok()) return pc.Defer(fields.status());
  // Only text fields with one search analyzer can be combined.
  const analysis::Analyzer* shared = nullptr;
  FieldWeights text_fields;
  for (const auto& [name, boost] : *fields) {
    FieldRef ref = ResolveField(pc, name);
    if (!ref.mapped()) continue;
    if (ref.mapper == nullptr || !schema::IsTextType(ref.mapper->type())) {
      return pc.Defer(IllegalArgumentError("Field [" + ref.name + "] of type [" + ref.type_name() +
                                           "] does not support [combined_fields] queries"));
    }
    const analysis::Analyzer* a = TextSearchInfo(pc, ref).search_analyzer.get();
    if (shared != nullptr && a != shared) {
      return pc.Defer(IllegalArgumentError(
          "All fields in [combined_fields] query must have the same search analyzer"));
    }
    shared = a;
    text_fields.emplace_back(ref.name, boost);
  }
  if (text_fields.empty()) {
    return Finish(MatchNone("unmapped fields"), options.common.boost, options.common.name);
  }
  auto text_options = ToTextQueryOptions("combined_fields", options, pc);
  if (!text_options.ok()) return pc.Defer(text_options.status());
  auto q = BuildCombinedFieldsQuery(pc, text_fields, *text, *text_options);
  if (!q.ok()) return pc.Defer(q.status());
  QueryPtr result = *q != nullptr ? *q : ZeroTermsResult(options.zero_terms);
  auto with_msm = ApplyMinimumShouldMatch(result, options.minimum_should_match);
  if (!with_msm.ok()) return pc.Defer(with_msm.status());
  return Finish(*with_msm, options.common.boost, options.common.name);
}

}  // namespace quiver::query::dsl
