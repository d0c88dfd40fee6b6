// match_none: no document (ES MatchNoneQueryBuilder).
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseMatchNoneQuery(const json::value& body, ParseContext& pc) {
  CommonParams common;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    if (v.is_object() || v.is_array()) return UnknownToken("match_none", v, key);
    Status st;
    if (pc.ReadCommon(key, v, "match_none", &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
      continue;
    }
    return UnsupportedParam("match_none", key);
  }
  return Finish(MatchNone("User requested \"match_none\" query."), common.boost, common.name);
}

}  // namespace quiver::query::dsl
