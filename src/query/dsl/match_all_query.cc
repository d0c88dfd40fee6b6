// match_all: every document, score = boost (ES MatchAllQueryBuilder).
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseMatchAllQuery(const json::value& body, ParseContext& pc) {
  CommonParams common;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    Status st;
    if (pc.ReadCommon(key, kv.value(), "match_all", &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
      continue;
    }
    return UnknownField("match_all", key, {"boost", "_name"});
  }
  return Finish(MatchAll(), common.boost, common.name);
}

}  // namespace quiver::query::dsl
