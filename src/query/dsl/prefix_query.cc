// prefix: terms starting with a prefix (ES PrefixQueryBuilder); keyword
// normalizers apply, text is not analyzed.
#include "query/dsl/field_queries.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParsePrefixQuery(const json::value& body, ParseContext& pc) {
  bool case_insensitive = false;
  QUIVER_ASSIGN_OR_RETURN(SingleFieldQuery q,
                          ParseSingleFieldQuery(
                              body, "prefix", {"value", "prefix"},
                              [&](std::string_view key, const json::value& v) -> Result<bool> {
                                if (key == "case_insensitive") {
                                  QUIVER_ASSIGN_OR_RETURN(case_insensitive,
                                                          ReadBool(v, "prefix", key));
                                  return true;
                                }
                                if (key != "rewrite") return false;
                                QUIVER_RETURN_IF_ERROR(ValidateRewriteMethod(v, "prefix", key));
                                return true;  // only constant-score rewrites exist here
                              },
                              pc));
  FieldRef field = ResolveField(pc, q.field);
  if (!field.mapped()) return Finish(MissingFieldQuery("prefix"), q.common.boost, q.common.name);
  auto r = FieldPrefixQuery(pc, field, *ScalarText(*q.value), case_insensitive);
  if (!r.ok()) return pc.Defer(r.status());
  return Finish(*r, q.common.boost, q.common.name);
}

}  // namespace quiver::query::dsl
