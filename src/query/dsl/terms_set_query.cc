// terms_set: documents matching at least N of the terms (ES
// TermsSetQueryBuilder). A static `minimum_should_match` spec resolves to a
// bool of term queries. The per-document forms (minimum_should_match_field,
// minimum_should_match_script) need a node the tree does not have yet:
// `minimum_should_match_field` is approximated by requiring one term (the
// executor cannot read the per-document count), the script form is
// rejected.
#include "query/dsl/field_queries.h"
#include "query/dsl/minimum_should_match.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseTermsSetQuery(const json::value& body, ParseContext& pc) {
  std::string field;
  const json::value* params = nullptr;
  for (const auto& kv : body.get_object()) {
    if (!field.empty()) {
      return ParsingError("[terms_set] query doesn't support multiple fields, found [" + field +
                          "] and [" + std::string(kv.key()) + "]");
    }
    field = std::string(kv.key());
    params = &kv.value();
    if (!params->is_object()) {
      return ParsingError("[terms_set] unknown token [" + std::string(JsonTokenName(*params)) +
                          "] after [" + field + "]");
    }
  }
  if (params == nullptr) return ParsingError("[terms_set] query requires a field");
  std::vector<json::value> terms;
  std::string msm_field, msm_spec;
  bool has_script = false;
  CommonParams common;
  for (const auto& kv : params->get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    Status st;
    if (key == "terms") {
      if (!v.is_array()) return UnknownToken("terms_set", v, key);
      for (const auto& e : v.get_array()) terms.push_back(e);
    } else if (key == "minimum_should_match_field") {
      QUIVER_ASSIGN_OR_RETURN(msm_field, ReadString(v, "terms_set", key));
    } else if (key == "minimum_should_match") {
      QUIVER_ASSIGN_OR_RETURN(msm_spec, ReadString(v, "terms_set", key));
    } else if (key == "minimum_should_match_script") {
      has_script = true;
    } else if (pc.ReadCommon(key, v, "terms_set", &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
    } else {
      return UnsupportedParam("terms_set", key);
    }
  }
  int specified = !msm_field.empty() + has_script + !msm_spec.empty();
  if (specified == 0) {
    return IllegalArgumentError(
        "[terms_set] query requires one of [minimum_should_match_field], "
        "[minimum_should_match_script] or [minimum_should_match]");
  }
  if (specified > 1) {
    return ParsingError("[terms_set] query accepts only one minimum should match parameter");
  }
  if (has_script) {
    return IllegalArgumentError("[terms_set] minimum_should_match_script is not supported");
  }
  FieldRef ref = ResolveField(pc, field);
  if (!ref.mapped() || terms.empty()) {
    return Finish(MatchNone("No terms supplied for \"terms_set\" query."), common.boost,
                  common.name);
  }
  std::vector<Clause> clauses;
  for (const json::value& t : terms) {
    auto q = FieldTermQuery(pc, ref, t);
    if (!q.ok()) return pc.Defer(q.status());
    clauses.push_back({*q, Occur::kShould});
  }
  int msm = 1;
  if (!msm_spec.empty()) {
    auto r = CalculateMinShouldMatch(static_cast<int>(clauses.size()), msm_spec);
    if (!r.ok()) return pc.Defer(r.status());
    msm = *r;
  }
  return Finish(MakeBool(clauses, msm), common.boost, common.name);
}

}  // namespace quiver::query::dsl
