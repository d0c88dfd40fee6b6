// nested: Quiver indexes nested objects like plain objects (their fields
// are leaf fields of the document under full paths), so a nested query
// applies its inner query to the document itself. The path is checked as
// ES checks it; score_mode is accepted and has no effect (each document is
// one "nested hit"); inner_hits is accepted and ignored. Unlike ES, the
// conditions of the inner query may match in different nested objects of
// the same document.
#include "common/strings.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseNestedQuery(const json::value& body, ParseContext& pc) {
  std::string path;
  QueryPtr inner;
  bool ignore_unmapped = false;
  CommonParams common;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    Status st;
    if (key == "query") {
      if (!v.is_object()) return UnknownToken("nested", v, key);
      QUIVER_ASSIGN_OR_RETURN(inner, ParseInnerQuery(v, pc));
    } else if (key == "inner_hits") {
      if (!v.is_object()) return UnknownToken("nested", v, key);
    } else if (v.is_object() || v.is_array()) {
      return UnknownToken("nested", v, key);
    } else if (key == "path") {
      QUIVER_ASSIGN_OR_RETURN(path, ReadString(v, "nested", key));
    } else if (key == "score_mode") {
      QUIVER_ASSIGN_OR_RETURN(std::string mode, ReadString(v, "nested", key));
      std::string m = AsciiLower(mode);
      if (m != "avg" && m != "max" && m != "min" && m != "sum" && m != "none" && m != "total") {
        return IllegalArgumentError("No ScoreMode found for value [" + mode + "]");
      }
    } else if (key == "ignore_unmapped") {
      QUIVER_ASSIGN_OR_RETURN(ignore_unmapped, ReadBool(v, "nested", key));
    } else if (pc.ReadCommon(key, v, "nested", &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
    } else {
      return UnsupportedParam("nested", key);
    }
  }
  if (path.empty()) return ParsingError("[nested] requires 'path' field");
  if (inner == nullptr) return ParsingError("[nested] requires 'query' field");
  if (!pc.ctx().allow_expensive_queries) {
    return pc.Defer(Status::InvalidArgument("[joining] queries cannot be executed when "
                                            "'search.allow_expensive_queries' is set to false.")
                        .WithType("exception"));
  }
  const schema::ObjectMapper* object = pc.mapping().FindObject(path);
  if (object == nullptr) {
    if (ignore_unmapped)
      return Finish(MatchNone("unmapped nested path"), common.boost, common.name);
    return pc.Defer(
        pc.ShardError("[nested] failed to find nested object under path [" + path + "]"));
  }
  if (!object->is_nested()) {
    return pc.Defer(
        pc.ShardError("[nested] nested object under path [" + path + "] is not of nested type"));
  }
  return Finish(inner, common.boost, common.name);
}

}  // namespace quiver::query::dsl
