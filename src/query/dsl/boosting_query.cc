// boosting: positive matches, with scores multiplied by negative_boost when
// the negative query also matches (ES BoostingQueryBuilder).
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseBoostingQuery(const json::value& body, ParseContext& pc) {
  BoostingQuery b;
  b.negative_boost = -1;
  CommonParams common;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    Status st;
    if (key == "positive" || key == "negative") {
      if (!v.is_object()) return UnsupportedParam("boosting", key);
      QUIVER_ASSIGN_OR_RETURN(QueryPtr q, ParseInnerQuery(v, pc));
      (key == "positive" ? b.positive : b.negative) = q;
    } else if (v.is_object() || v.is_array()) {
      return UnknownToken("boosting", v, key);
    } else if (key == "negative_boost") {
      QUIVER_ASSIGN_OR_RETURN(b.negative_boost, ReadFloat(v, "boosting", key));
    } else if (pc.ReadCommon(key, v, "boosting", &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
    } else {
      return UnsupportedParam("boosting", key);
    }
  }
  if (b.positive == nullptr) return ParsingError("[boosting] query requires 'positive' query");
  if (b.negative == nullptr) return ParsingError("[boosting] query requires 'negative' query");
  if (b.negative_boost < 0) {
    return ParsingError(
        "[boosting] query requires 'negative_boost' to be set to be a positive value'");
  }
  return Finish(MakeQuery(std::move(b)), common.boost, common.name);
}

}  // namespace quiver::query::dsl
