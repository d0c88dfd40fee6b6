// term: an exact term, not analyzed (ES TermQueryBuilder). Keyword
// normalizers apply; numeric, date, boolean and ip values are converted to
// what the field indexes; `case_insensitive` on keyword-like fields.
#include "query/dsl/field_queries.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseTermQuery(const json::value& body, ParseContext& pc) {
  bool case_insensitive = false;
  QUIVER_ASSIGN_OR_RETURN(SingleFieldQuery q,
                          ParseSingleFieldQuery(
                              body, "term", {"value", "term"},
                              [&](std::string_view key, const json::value& v) -> Result<bool> {
                                if (key != "case_insensitive") return false;
                                QUIVER_ASSIGN_OR_RETURN(case_insensitive, ReadBool(v, "term", key));
                                return true;
                              },
                              pc));
  FieldRef field = ResolveField(pc, q.field);
  if (!field.mapped()) return Finish(MissingFieldQuery("term"), q.common.boost, q.common.name);
  auto r = FieldTermQuery(pc, field, *q.value, case_insensitive);
  if (!r.ok()) return pc.Defer(r.status());
  return Finish(*r, q.common.boost, q.common.name);
}

}  // namespace quiver::query::dsl
