// dis_max: the best-scoring clause plus tie_breaker times the others (ES
// DisMaxQueryBuilder).
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseDisMaxQuery(const json::value& body, ParseContext& pc) {
  DisMaxQuery d;
  CommonParams common;
  bool found = false;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    Status st;
    if (key == "queries") {
      if (!v.is_object() && !v.is_array()) return UnsupportedParam("dis_max", key);
      found = true;
      QUIVER_ASSIGN_OR_RETURN(std::vector<QueryPtr> qs, ParseInnerQueries(v, pc));
      d.queries.insert(d.queries.end(), qs.begin(), qs.end());
    } else if (v.is_object() || v.is_array()) {
      return UnknownToken("dis_max", v, key);
    } else if (key == "tie_breaker") {
      QUIVER_ASSIGN_OR_RETURN(d.tie_breaker, ReadFloat(v, "dis_max", key));
    } else if (pc.ReadCommon(key, v, "dis_max", &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
    } else {
      return UnsupportedParam("dis_max", key);
    }
  }
  if (!found) return ParsingError("[dis_max] requires 'queries' field with at least one clause");
  if (d.queries.empty()) {
    return Finish(MatchNone("no clauses for dismax query."), common.boost, common.name);
  }
  return Finish(MakeQuery(std::move(d)), common.boost, common.name);
}

}  // namespace quiver::query::dsl
