#include "query/dsl/match_options.h"

#include "common/strings.h"
#include "query/dsl/minimum_should_match.h"
#include "query/dsl/query_nodes.h"

namespace quiver::query::dsl {

Result<bool> ReadMatchOption(std::string_view query, unsigned accepted, std::string_view key,
                             const json::value& v, const ParseContext& pc, MatchOptions* out) {
  Status st;
  if (pc.ReadCommon(key, v, query, &out->common, &st)) {
    QUIVER_RETURN_IF_ERROR(st);
    return true;
  }
  if (key == "analyzer" && (accepted & kParamAnalyzer)) {
    QUIVER_ASSIGN_OR_RETURN(out->analyzer, ReadString(v, query, key));
  } else if (key == "operator" && (accepted & kParamOperator)) {
    QUIVER_ASSIGN_OR_RETURN(std::string op, ReadString(v, query, key));
    std::string lower = AsciiLower(op);
    if (lower == "or") {
      out->occur = Occur::kShould;
    } else if (lower == "and") {
      out->occur = Occur::kMust;
    } else {
      return IllegalArgumentError("operator needs to be either [OR, AND], but not [" + op + "]");
    }
  } else if (key == "minimum_should_match" && (accepted & kParamMinimumShouldMatch)) {
    QUIVER_ASSIGN_OR_RETURN(std::string msm, ReadString(v, query, key));
    out->minimum_should_match = msm;
  } else if (key == "fuzziness" && (accepted & kParamFuzziness)) {
    QUIVER_ASSIGN_OR_RETURN(Fuzziness f, Fuzziness::FromJson(v));
    out->fuzziness = f;
  } else if (key == "prefix_length" && (accepted & kParamFuzziness)) {
    QUIVER_ASSIGN_OR_RETURN(out->prefix_length, ReadInt(v, query, key));
  } else if (key == "fuzzy_transpositions" && (accepted & kParamFuzziness)) {
    QUIVER_ASSIGN_OR_RETURN(out->fuzzy_transpositions, ReadBool(v, query, key));
  } else if (key == "fuzzy_rewrite" && (accepted & kParamFuzziness)) {
    QUIVER_RETURN_IF_ERROR(ValidateRewriteMethod(v, query, key));
  } else if (key == "max_expansions" && (accepted & kParamMaxExpansions)) {
    QUIVER_ASSIGN_OR_RETURN(out->max_expansions, ReadInt(v, query, key));
    if (out->max_expansions <= 0) {
      return IllegalArgumentError("[max_expansions] must be greater than 0");
    }
  } else if (key == "lenient" && (accepted & kParamLenient)) {
    QUIVER_ASSIGN_OR_RETURN(bool lenient, ReadBool(v, query, key));
    out->lenient = lenient;
  } else if (key == "zero_terms_query" && (accepted & kParamZeroTerms)) {
    QUIVER_ASSIGN_OR_RETURN(std::string z, ReadString(v, query, key));
    std::string lower = AsciiLower(z);
    if (lower == "none") {
      out->zero_terms = ZeroTermsQuery::kNone;
    } else if (lower == "all") {
      out->zero_terms = ZeroTermsQuery::kAll;
    } else {
      return ParsingError("Unsupported zero_terms_query value [" + z + "]");
    }
  } else if (key == "auto_generate_synonyms_phrase_query" &&
             (accepted & kParamAutoGenerateSynonyms)) {
    QUIVER_ASSIGN_OR_RETURN(out->auto_generate_synonyms_phrase_query, ReadBool(v, query, key));
  } else if (key == "slop" && (accepted & kParamSlop)) {
    QUIVER_ASSIGN_OR_RETURN(out->slop, ReadInt(v, query, key));
    if (out->slop < 0) return IllegalArgumentError("No negative slop allowed.");
  } else {
    return false;
  }
  return true;
}

Result<TextQueryOptions> ToTextQueryOptions(std::string_view query, const MatchOptions& options,
                                            const ParseContext& pc) {
  TextQueryOptions t;
  if (!options.analyzer.empty()) {
    t.analyzer = pc.FindAnalyzer(options.analyzer);
    if (t.analyzer == nullptr) {
      return Status::InvalidArgument("[" + std::string(query) + "] analyzer [" + options.analyzer +
                                     "] not found")
          .WithType("query_shard_exception");
    }
  }
  t.occur = options.occur;
  t.phrase_slop = options.slop;
  t.auto_generate_synonyms_phrase_query = options.auto_generate_synonyms_phrase_query;
  t.fuzziness = options.fuzziness;
  t.fuzzy_prefix_length = options.prefix_length;
  t.max_expansions = options.max_expansions;
  t.fuzzy_transpositions = options.fuzzy_transpositions;
  t.lenient = options.lenient.value_or(false);
  return t;
}

QueryPtr ZeroTermsResult(ZeroTermsQuery z) {
  if (z == ZeroTermsQuery::kAll) return MatchAll();
  return MatchNone("Matching no documents because no terms present");
}

Result<QueryPtr> ApplyMinimumShouldMatch(const QueryPtr& q,
                                         const std::optional<std::string>& spec) {
  if (!spec || q == nullptr) return q;
  const auto* b = std::get_if<BoolQuery>(&q->node);
  if (b == nullptr) return q;
  QUIVER_ASSIGN_OR_RETURN(int msm,
                          CalculateMinShouldMatch(static_cast<int>(b->should.size()), *spec));
  if (msm <= 0) return q;
  auto copy = std::make_shared<Query>(*q);
  auto& cb = std::get<BoolQuery>(copy->node);
  cb.minimum_should_match = EffectiveMinimumShouldMatch(cb, msm);
  return QueryPtr(copy);
}

Result<MatchBody> ParseMatchBody(const json::value& body, std::string_view query, unsigned accepted,
                                 const ParseContext& pc, MatchOptions* options) {
  MatchBody out;
  const std::string q(query);
  bool have_field = false;
  bool have_text = false;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    if (have_field) {
      return ParsingError("[" + q + "] query doesn't support multiple fields, found [" + out.field +
                          "] and [" + std::string(key) + "]");
    }
    have_field = true;
    out.field = std::string(key);
    if (v.is_array())
      return ParsingError("[" + q + "] unknown token [START_ARRAY] after [" + out.field + "]");
    if (!v.is_object()) {
      if (auto text = ScalarText(v)) {
        out.text = std::move(*text);
        have_text = true;
      }
      continue;
    }
    for (const auto& p : v.get_object()) {
      std::string_view param(p.key());
      const json::value& pv = p.value();
      if (pv.is_object() || pv.is_array()) return UnknownToken(query, pv, param);
      if (param == "query") {
        if (auto text = ScalarText(pv)) {
          out.text = std::move(*text);
          have_text = true;
        }
        continue;
      }
      QUIVER_ASSIGN_OR_RETURN(bool handled,
                              ReadMatchOption(query, accepted, param, pv, pc, options));
      if (!handled) return UnsupportedParam(query, param);
    }
  }
  if (!have_field) return IllegalArgumentError("[" + q + "] requires fieldName");
  if (!have_text) return ParsingError("No text specified for text query");
  return out;
}

Result<QueryPtr> BuildMatchQuery(std::string_view query, const MatchBody& body,
                                 const MatchOptions& options, TextQueryType type,
                                 ParseContext& pc) {
  auto text_options = ToTextQueryOptions(query, options, pc);
  if (!text_options.ok()) return pc.Defer(text_options.status());
  TextQueryBuilder builder(pc, ResolveField(pc, body.field), *text_options);
  auto built = builder.Parse(type, body.text);
  if (!built.ok()) return pc.Defer(built.status());
  QueryPtr q = *built != nullptr ? *built : ZeroTermsResult(options.zero_terms);
  auto with_msm = ApplyMinimumShouldMatch(q, options.minimum_should_match);
  if (!with_msm.ok()) return pc.Defer(with_msm.status());
  return Finish(*with_msm, options.common.boost, options.common.name);
}

}  // namespace quiver::query::dsl
