// ids: documents by _id (ES IdsQueryBuilder).
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseIdsQuery(const json::value& body, ParseContext& pc) {
  IdsQuery ids;
  CommonParams common;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    Status st;
    if (key == "values") {
      auto add = [&](const json::value& e) -> Status {
        auto s = ScalarText(e);
        if (!s || e.is_bool()) {
          return XContentParseError("[ids] failed to parse field [values]");
        }
        ids.ids.push_back(std::move(*s));
        return Status::Ok();
      };
      if (v.is_array()) {
        for (const auto& e : v.get_array()) QUIVER_RETURN_IF_ERROR(add(e));
      } else {
        QUIVER_RETURN_IF_ERROR(add(v));
      }
    } else if (pc.ReadCommon(key, v, "ids", &common, &st)) {
      if (!st.ok()) return st;
    } else {
      return UnknownField("ids", key, {"values", "boost", "_name"});
    }
  }
  if (ids.ids.empty()) {
    return Finish(MatchNone("Missing ids in \"ids\" query."), common.boost, common.name);
  }
  return Finish(MakeQuery(std::move(ids)), common.boost, common.name);
}

}  // namespace quiver::query::dsl
