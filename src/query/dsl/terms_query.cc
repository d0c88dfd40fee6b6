// terms: any of a list of exact terms, constant score (ES
// TermsQueryBuilder), or a terms lookup resolved through
// ParseOptions::terms_lookup. index.max_terms_count bounds the list.
#include "query/dsl/field_queries.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

namespace {

Result<TermsLookup> ParseLookup(const json::value& v, ParseContext& pc) {
  TermsLookup lookup;
  for (const auto& kv : v.get_object()) {
    std::string_view key(kv.key());
    if (key != "index" && key != "id" && key != "path" && key != "routing") {
      return ParsingError("[terms] query does not support [" + std::string(key) +
                          "] within lookup element");
    }
    QUIVER_ASSIGN_OR_RETURN(std::string s, ReadString(kv.value(), "terms", key));
    if (key == "index") lookup.index = s;
    if (key == "id") lookup.id = s;
    if (key == "path") lookup.path = s;
    if (key == "routing") lookup.routing = s;
  }
  if (lookup.id.empty()) {
    return ParsingError("[terms] query lookup element requires specifying the id.");
  }
  if (lookup.path.empty()) {
    return ParsingError("[terms] query lookup element requires specifying the path.");
  }
  if (lookup.index.empty()) {
    return ParsingError("[terms] query lookup element requires specifying the index.");
  }
  (void)pc;
  return lookup;
}

}  // namespace

Result<QueryPtr> ParseTermsQuery(const json::value& body, ParseContext& pc) {
  std::string field;
  std::vector<json::value> values;
  std::optional<TermsLookup> lookup;
  CommonParams common;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    if (v.is_array()) {
      if (!field.empty()) return ParsingError("[terms] query does not support multiple fields");
      field = std::string(key);
      for (const json::value& e : v.get_array()) {
        if (e.is_null()) return ParsingError("No value specified for terms query");
        if (e.is_object() || e.is_array()) {
          return ParsingError("[terms] query does not support [" + std::string(JsonTokenName(e)) +
                              "] values");
        }
        values.push_back(e);
      }
    } else if (v.is_object()) {
      if (!field.empty()) {
        return ParsingError("[terms] query does not support more than one field. Already got: [" +
                            field + "] but also found [" + std::string(key) + "]");
      }
      field = std::string(key);
      QUIVER_ASSIGN_OR_RETURN(TermsLookup l, ParseLookup(v, pc));
      lookup = std::move(l);
    } else {
      Status st;
      if (pc.ReadCommon(key, v, "terms", &common, &st)) {
        QUIVER_RETURN_IF_ERROR(st);
        continue;
      }
      return UnsupportedParam("terms", key);
    }
  }
  if (field.empty()) {
    return ParsingError(
        "[terms] query requires a field name, followed by array of terms or a document lookup "
        "specification");
  }
  if (lookup) {
    if (!pc.options().terms_lookup) {
      return IllegalArgumentError("terms lookup is not supported in this context");
    }
    auto fetched = pc.options().terms_lookup(*lookup);
    if (!fetched.ok()) return fetched.status();
    values = std::move(*fetched);
  }
  FieldRef ref = ResolveField(pc, field);
  if (!ref.mapped()) return Finish(MissingFieldQuery("terms"), common.boost, common.name);
  if (values.empty()) {
    return Finish(MatchNone("No terms supplied for \"terms\" query."), common.boost, common.name);
  }
  int max_terms = pc.settings().max_terms_count();
  if (static_cast<int64_t>(values.size()) > max_terms) {
    return pc.Defer(IllegalArgumentError(
        "The number of terms [" + std::to_string(values.size()) +
        "] used in the Terms Query request has exceeded the allowed maximum of [" +
        std::to_string(max_terms) +
        "]. This maximum can be set by changing the [index.max_terms_count] index level "
        "setting."));
  }
  auto r = FieldTermsQuery(pc, ref, values);
  if (!r.ok()) return pc.Defer(r.status());
  return Finish(*r, common.boost, common.name);
}

}  // namespace quiver::query::dsl
