// constant_score: the filter's matches with score = boost (ES
// ConstantScoreQueryBuilder).
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseConstantScoreQuery(const json::value& body, ParseContext& pc) {
  QueryPtr filter;
  CommonParams common;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    Status st;
    if (key == "filter") {
      if (!v.is_object()) return UnsupportedParam("constant_score", key);
      if (filter != nullptr) {
        return ParsingError("[constant_score] accepts only one 'filter' element.");
      }
      QUIVER_ASSIGN_OR_RETURN(filter, ParseInnerQuery(v, pc));
    } else if (v.is_object() || v.is_array()) {
      return UnsupportedParam("constant_score", key);
    } else if (pc.ReadCommon(key, v, "constant_score", &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
    } else {
      return UnsupportedParam("constant_score", key);
    }
  }
  if (filter == nullptr) return ParsingError("[constant_score] requires a 'filter' element");
  if (IsMatchNone(filter)) return Finish(filter, common.boost, common.name);
  return Finish(MakeQuery(ConstantScoreQuery{filter}), common.boost, common.name);
}

}  // namespace quiver::query::dsl
