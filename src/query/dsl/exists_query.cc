// exists: documents with a value for a field, a field pattern, or any field
// under an object (ES ExistsQueryBuilder).
#include "query/dsl/field_queries.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"
#include "schema/field_type.h"

namespace quiver::query::dsl {

QueryPtr BuildExistsQuery(const ParseContext& pc, const std::string& pattern) {
  // ES getMatchingFieldNames(pattern), then the object's fields (pattern.*).
  std::vector<FieldRef> fields;
  auto collect = [&](std::string_view p) {
    if (!IsSimpleMatchPattern(p)) {
      FieldRef f = ResolveField(pc, p);
      if (f.mapped()) fields.push_back(std::move(f));
      return;
    }
    for (const schema::FieldMapper* m : pc.mapping().fields()) {
      if (SimpleMatch(p, m->full_path())) {
        FieldRef f = ResolveField(pc, m->full_path());
        if (f.mapped()) fields.push_back(std::move(f));
      }
    }
  };
  collect(pattern);
  if (fields.empty()) collect(pattern + ".*");
  if (fields.empty()) {
    return MatchNone("User requested \"match_none\" query.");
  }
  ExistsQuery plain;
  std::vector<Clause> others;
  for (const FieldRef& f : fields) {
    QueryPtr q = FieldExistsQuery(pc, f);
    if (const auto* e = std::get_if<ExistsQuery>(&q->node)) {
      for (const auto& name : e->fields) {
        if (std::find(plain.fields.begin(), plain.fields.end(), name) == plain.fields.end()) {
          plain.fields.push_back(name);
        }
      }
    } else {
      others.push_back({q, Occur::kShould});
    }
  }
  QueryPtr result;
  if (others.empty()) {
    result = MakeQuery(std::move(plain));
  } else {
    if (!plain.fields.empty()) others.push_back({MakeQuery(std::move(plain)), Occur::kShould});
    result = others.size() == 1 ? others[0].query : MakeQuery(ConstantScoreQuery{MakeBool(others)});
  }
  return result;
}

Result<QueryPtr> ParseExistsQuery(const json::value& body, ParseContext& pc) {
  std::string pattern;
  CommonParams common;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    if (v.is_object() || v.is_array()) return UnknownToken("exists", v, key);
    Status st;
    if (key == "field") {
      QUIVER_ASSIGN_OR_RETURN(pattern, ReadString(v, "exists", key));
    } else if (pc.ReadCommon(key, v, "exists", &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
    } else {
      return UnsupportedParam("exists", key);
    }
  }
  if (pattern.empty()) return ParsingError("[exists] must be provided with a [field]");
  // Metadata fields the mapping does not list.
  if (pattern == "_source") {
    return pc.Defer(Status::InvalidArgument("The _source field is not searchable")
                        .WithType("query_shard_exception"));
  }
  if (pattern == "_version" || pattern == "_primary_term") {
    return Finish(MatchAll(), common.boost, common.name);  // every document has one
  }

  return Finish(BuildExistsQuery(pc, pattern), common.boost, common.name);
}

}  // namespace quiver::query::dsl
